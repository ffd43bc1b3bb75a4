import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  decidedHolidays,
  holidayDecision,
  holidayDecisionsSchema,
} from "../../../src/domain/calendar/holiday-decisions.js";
import { publicHolidays, ruleBasedHolidays } from "../../../src/domain/calendar/vietnam-holidays.js";
import { projectRoot } from "../../../src/paths.js";

const shipped = () =>
  JSON.parse(readFileSync(join(projectRoot, "assets/calendar/holidays.json"), "utf8")) as {
    years: { year: number; days: { date: string; name: string; kind: string }[] }[];
  };

/** The first problem the schema finds, as loadAsset reports it: "path: message". */
function firstProblem(file: unknown): string {
  const parsed = holidayDecisionsSchema.safeParse(file);
  if (parsed.success) return "ok";
  const issue = parsed.error.issues[0]!;
  return `${issue.path.join(".")}: ${issue.message}`;
}

describe("assets/calendar/holidays.json", () => {
  it("holds one entry per year 2023–2027, each with its source", () => {
    expect(shipped().years.map((y) => y.year)).toEqual([2023, 2024, 2025, 2026, 2027]);
    for (const year of [2023, 2024, 2025, 2026, 2027]) expect(holidayDecision(year)?.source).toBeTruthy();
    expect(holidayDecision(2026)?.unsure).toHaveLength(2);
    expect(decidedHolidays(2030)).toBeUndefined();
  });

  it("is what publicHolidays returns for a listed year, and the rules decide the others", () => {
    expect(publicHolidays(2024)).toEqual(decidedHolidays(2024));
    expect(publicHolidays(2024)).not.toEqual(ruleBasedHolidays(2024));
    expect(publicHolidays(2031)).toEqual(ruleBasedHolidays(2031));
  });

  it("2027 says it is computed from the rules, and is exactly what the rules give", () => {
    expect(holidayDecision(2027)?.source).toMatch(/^NOT a government decision: computed from the rules/);
    expect(decidedHolidays(2027)).toEqual(ruleBasedHolidays(2027));
  });

  it("names the field of a bad entry, as start-up reports it", () => {
    const file = shipped();
    expect(firstProblem(file)).toBe("ok");
    const withDay = (day: Record<string, unknown>) => ({
      years: [{ year: 2030, source: "test", days: [day] }],
    });
    expect(firstProblem(withDay({ date: "2030-02-30", name: "X", kind: "holiday" }))).toBe(
      "years.0.days.0.date: expected a real day written YYYY-MM-DD",
    );
    expect(firstProblem(withDay({ date: "2031-01-01", name: "X", kind: "holiday" }))).toBe(
      "years.0.days.0.date: not in 2030",
    );
    expect(firstProblem(withDay({ date: "2030-01-01", name: "X", kind: "day_off" }))).toMatch(
      /^years\.0\.days\.0\.kind: /,
    );
    expect(firstProblem(withDay({ date: "2030-01-01", name: " ", kind: "holiday" }))).toBe(
      "years.0.days.0.name: a day needs a Vietnamese name",
    );
    // Wednesday: a make-up working day on a weekday is a typo, not a decision.
    expect(firstProblem(withDay({ date: "2030-01-02", name: "Làm bù", kind: "working_day" }))).toBe(
      "years.0.days.0.kind: 2030-01-02 is a weekday: a working_day must be a Saturday or Sunday",
    );
    const twice = { date: "2030-01-01", name: "X", kind: "holiday" };
    expect(firstProblem({ years: [{ year: 2030, source: "s", days: [twice, twice] }] })).toBe(
      "years.0.days.1.date: 2030-01-01 is listed twice",
    );
    const entry = file.years[0]!;
    expect(firstProblem({ years: [entry, entry] })).toBe(`years.1.year: ${entry.year} is listed twice`);
    expect(firstProblem({ years: [{ ...entry, source: "" }] })).toBe(
      "years.0.source: say where the days come from",
    );
  });
});
