/**
 * Operators' edits of the Holiday table (CLI and admin API): list a year, add or change a
 * day, remove a day, for the whole country (communeId null) or for one commune. How the rows
 * become the calendar a commune counts with is in load-calendar.ts. Every change is an
 * AuditLog row; a national change is recorded in each commune's log, since each commune's
 * due dates move with it (the log has no row without a commune).
 */
import { z } from "zod";
import type { Db, Prisma } from "../../db/client.js";
import { type AuditActor, auditActorColumns, type Channel } from "../officials/scope.js";
import { dayKeySchema } from "./day-key-schema.js";
import { WEEKDAY_NAMES_VI } from "./format.js";
import { nationalHolidayId, nationalRowsOfYear, seedNationalYear } from "./holiday-defaults.js";
import { nationalYear, parseHolidayKind, type StoredHoliday } from "./load-calendar.js";
import type { Holiday } from "./vietnam-holidays.js";
import { isWeekend, weekdayOf } from "./working-days.js";

type Tx = Prisma.TransactionClient;

/** Input an operator got wrong ("invalid"), or a day or commune that is not there ("not_found"). */
export class HolidayEditError extends Error {
  override name = "HolidayEditError";
  constructor(
    readonly reason: "invalid" | "not_found",
    message: string,
  ) {
    super(message);
  }
}

export interface HolidayEditContext {
  actor: AuditActor;
  channel: Channel;
  now: Date;
}

export const holidayYearSchema = z.coerce
  .number({ error: "year must be a number such as 2027" })
  .int("year must be a whole number such as 2027")
  .min(1900, "year must be between 1900 and 2199")
  .max(2199, "year must be between 1900 and 2199");

const communeIdSchema = z.string().min(1).nullish();

const addSchema = z.object({
  date: dayKeySchema,
  name: z.string().trim().min(1, "a day needs a name, e.g. Nghỉ bù Tết Nguyên Đán").max(200),
  kind: z
    .enum(["holiday", "working_day"], { error: 'kind must be "holiday" or "working_day"' })
    .default("holiday"),
  communeId: communeIdSchema,
});

const removeSchema = z.object({ date: dayKeySchema, communeId: communeIdSchema });

export type AddHolidayInput = z.input<typeof addSchema>;
export type RemoveHolidayInput = z.input<typeof removeSchema>;

/** Parses or throws HolidayEditError naming the field and the value given. */
function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join(".");
  const given =
    field && input && typeof input === "object" ? (input as Record<string, unknown>)[field] : input;
  const shown = typeof given === "string" || typeof given === "number" ? ` (got "${given}")` : "";
  throw new HolidayEditError("invalid", `${field ? `${field}: ` : ""}${issue.message}${shown}`);
}

const yearOf = (date: string) => Number(date.slice(0, 4));
const strip = (r: { date: string; name: string; kind: string }): Holiday => ({
  date: r.date,
  name: r.name,
  kind: parseHolidayKind(r.kind),
});

/** Stable id per scope and date: "vn-2027-02-05" nationally, "<communeId>-2027-02-05" locally. */
export function holidayRowId(date: string, communeId: string | null): string {
  return communeId ? `${communeId}-${date}` : nationalHolidayId(date);
}

export interface ListedHoliday extends Holiday {
  scope: "national" | "commune";
  /** "defaults": the year has no national rows in the table yet (data file or rules apply). */
  source: "table" | "defaults";
}

/**
 * The national days of `year` as the calendar uses them, and the commune's own rows. `year`
 * may be the text an operator typed ("2027"); it is validated here like every other input.
 */
export async function listHolidays(
  prisma: Db,
  year: number | string,
  communeId?: string | null,
): Promise<ListedHoliday[]> {
  const validYear = parse(holidayYearSchema, year);
  const stored = await prisma.holiday.findMany({
    where: {
      date: nationalRowsOfYear(validYear).date,
      OR: [{ communeId: null }, ...(communeId ? [{ communeId }] : [])],
    },
    orderBy: { date: "asc" },
  });
  const national = nationalYear(validYear, stored.filter((r) => r.communeId === null).map(strip));
  const rows: ListedHoliday[] = [
    ...national.rows.map((r) => ({ ...r, scope: "national" as const, source: national.source })),
    ...stored
      .filter((r) => r.communeId !== null)
      .map((r) => ({ ...strip(r), scope: "commune" as const, source: "table" as const })),
  ];
  // Stable sort: on the same date the national day comes first, then the commune's override.
  return rows.sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * Adds a day, or changes the name or kind of the day already there for that scope. A
 * national edit first writes the year's defaults when the year is not in the table yet,
 * so the edit adjusts the defaults instead of replacing them with one day.
 */
export async function addHoliday(
  prisma: Db,
  input: AddHolidayInput,
  ctx: HolidayEditContext,
): Promise<{ holiday: StoredHoliday; created: boolean }> {
  const data = parse(addSchema, input);
  const communeId = data.communeId ?? null;
  return prisma.$transaction(async (tx) => {
    const communeIds = await auditedCommunes(tx, communeId);
    const seeded = communeId ? 0 : await seedNationalYear(tx, yearOf(data.date));
    if (data.kind === "working_day") await checkWorkingDay(tx, data.date);

    const id = holidayRowId(data.date, communeId);
    const existing = await tx.holiday.findMany({ where: { date: data.date, communeId } });
    // Rows written before ids were stable (or by hand) give way to the one row per scope and date.
    await tx.holiday.deleteMany({ where: { date: data.date, communeId, id: { not: id } } });
    const holiday = { date: data.date, name: data.name, kind: data.kind, communeId };
    await tx.holiday.upsert({
      where: { id },
      create: { id, ...holiday },
      update: { name: data.name, kind: data.kind },
    });
    await audit(tx, ctx, communeIds, {
      entityId: id,
      action: existing.length > 0 ? "holiday_changed" : "holiday_added",
      before: existing[0] ? { ...strip(existing[0]), communeId } : null,
      after: holiday,
      note: seeded > 0 ? `${seeded} default days of ${yearOf(data.date)} written first` : null,
    });
    return { holiday, created: existing.length === 0 };
  });
}

/** Removes the day of that scope; refuses when nothing is there or it is a year's last national day. */
export async function removeHoliday(
  prisma: Db,
  input: RemoveHolidayInput,
  ctx: HolidayEditContext,
): Promise<{ removed: StoredHoliday }> {
  const data = parse(removeSchema, input);
  const communeId = data.communeId ?? null;
  const year = yearOf(data.date);
  return prisma.$transaction(async (tx) => {
    const communeIds = await auditedCommunes(tx, communeId);
    const seeded = communeId ? 0 : await seedNationalYear(tx, year);
    const existing = await tx.holiday.findMany({ where: { date: data.date, communeId } });
    if (existing.length === 0) {
      throw new HolidayEditError(
        "not_found",
        `${data.date} is not in the ${communeId ? "commune's own" : "national"} calendar: nothing to remove`,
      );
    }
    if (!communeId && (await tx.holiday.count({ where: nationalRowsOfYear(year) })) === existing.length) {
      throw new HolidayEditError(
        "invalid",
        `${data.date} is the last national day of ${year}: removing it would bring back the defaults of ${year}`,
      );
    }
    await tx.holiday.deleteMany({ where: { date: data.date, communeId } });
    const removed = { ...strip(existing[0]!), communeId };
    await audit(tx, ctx, communeIds, {
      entityId: holidayRowId(data.date, communeId),
      action: "holiday_removed",
      before: removed,
      after: null,
      note: seeded > 0 ? `${seeded} default days of ${year} written first` : null,
    });
    return { removed };
  });
}

/**
 * A working_day (làm bù) is a weekend day worked in exchange for a bridge day, or a national
 * day off that is worked after all (by one commune, or a default the decision did not keep);
 * on an ordinary weekday it would change nothing and is most likely a wrong date.
 */
async function checkWorkingDay(tx: Tx, date: string): Promise<void> {
  if (isWeekend(date)) return;
  const stored = await tx.holiday.findMany({ where: nationalRowsOfYear(yearOf(date)) });
  const national = nationalYear(yearOf(date), stored.map(strip));
  if (national.rows.some((r) => r.date === date && r.kind === "holiday")) return;
  throw new HolidayEditError(
    "invalid",
    `${date} (${WEEKDAY_NAMES_VI[weekdayOf(date)]}) is a weekday and not a national day off, so it is a ` +
      "working day already: a working_day must be a Saturday or Sunday, or a national day off",
  );
}

/** The communes whose log records the change: the one named, or every commune for a national change. */
async function auditedCommunes(tx: Tx, communeId: string | null): Promise<string[]> {
  if (!communeId) return (await tx.commune.findMany({ select: { id: true } })).map((c) => c.id);
  const commune = await tx.commune.findUnique({ where: { id: communeId }, select: { id: true } });
  if (!commune) throw new HolidayEditError("not_found", `no commune with id ${communeId}`);
  return [commune.id];
}

async function audit(
  tx: Tx,
  ctx: HolidayEditContext,
  communeIds: readonly string[],
  change: { entityId: string; action: string; before: unknown; after: unknown; note: string | null },
): Promise<void> {
  await tx.auditLog.createMany({
    data: communeIds.map((communeId) => ({
      communeId,
      ...auditActorColumns(ctx.actor),
      channel: ctx.channel,
      entityType: "holiday",
      entityId: change.entityId,
      action: change.action,
      before: change.before === null ? null : JSON.stringify(change.before),
      after: change.after === null ? null : JSON.stringify(change.after),
      note: change.note,
      createdAt: ctx.now,
    })),
  });
}
