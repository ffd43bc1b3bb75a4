/**
 * The government's yearly holiday decisions, kept as data a domain expert maintains
 * (assets/calendar/holidays.json) rather than as code. Checked when this module is first
 * imported, so a bad file stops the service at start-up naming the file and the field.
 */
import { z } from "zod";
import { loadAsset } from "../../assets.js";
import { dayKeySchema } from "./day-key-schema.js";
import type { Holiday } from "./vietnam-holidays.js";
import { isWeekend } from "./working-days.js";

export const HOLIDAYS_ASSET = "calendar/holidays.json";

const daySchema = z.object({
  date: dayKeySchema,
  name: z.string().trim().min(1, "a day needs a Vietnamese name"),
  kind: z.enum(["holiday", "working_day"]),
});

const yearSchema = z
  .object({
    year: z.number().int().min(1900).max(2199),
    source: z.string().trim().min(1, "say where the days come from"),
    notes: z.array(z.string()).default([]),
    unsure: z.array(z.string()).default([]),
    days: z.array(daySchema).min(1),
  })
  .superRefine((entry, ctx) => {
    const seen = new Set<string>();
    entry.days.forEach((day, i) => {
      if (!day.date.startsWith(`${entry.year}-`)) {
        ctx.addIssue({ code: "custom", path: ["days", i, "date"], message: `not in ${entry.year}` });
      }
      if (seen.has(day.date)) {
        ctx.addIssue({ code: "custom", path: ["days", i, "date"], message: `${day.date} is listed twice` });
      }
      seen.add(day.date);
      // A make-up day is a weekend day worked instead of a bridge day; a weekday would be a no-op
      // and is most likely a typo in the date.
      if (day.kind === "working_day" && !isWeekend(day.date)) {
        ctx.addIssue({
          code: "custom",
          path: ["days", i, "kind"],
          message: `${day.date} is a weekday: a working_day must be a Saturday or Sunday`,
        });
      }
    });
  });

export const holidayDecisionsSchema = z
  .object({
    years: z.array(yearSchema),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<number>();
    file.years.forEach((entry, i) => {
      if (seen.has(entry.year)) {
        ctx.addIssue({
          code: "custom",
          path: ["years", i, "year"],
          message: `${entry.year} is listed twice`,
        });
      }
      seen.add(entry.year);
    });
  });

export type HolidayDecisionYear = z.infer<typeof yearSchema>;

const decisions = new Map(
  loadAsset(HOLIDAYS_ASSET, holidayDecisionsSchema).years.map((entry) => [entry.year, entry] as const),
);

/** The decided days of `year` (sorted by date), or undefined when the file has no entry for it. */
export function decidedHolidays(year: number): Holiday[] | undefined {
  const entry = decisions.get(year);
  if (!entry) return undefined;
  return entry.days
    .map(({ date, name, kind }) => ({ date, name, kind }))
    .sort((a, b) => a.date.localeCompare(b.date));
}

/** The file's entry for `year` with its source and notes, for operators' listings. */
export function holidayDecision(year: number): HolidayDecisionYear | undefined {
  return decisions.get(year);
}
