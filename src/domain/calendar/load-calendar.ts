/**
 * How the working calendar of a commune is made from the Holiday table. This is the contract
 * the CLI (`holidays`, `holiday-add`, `holiday-remove`), the admin API (/admin/holidays) and
 * the README describe:
 *
 * 1. National calendar, one Gregorian year at a time. When the table holds national rows
 *    (communeId null) dated in a year, those rows ARE the national calendar of that year: a
 *    default day an operator removed stays removed, a corrected name or kind stays corrected.
 *    A year without national rows uses the defaults: its entry in
 *    assets/calendar/holidays.json, else the Labour Code rules (`publicHolidays`).
 * 2. A commune's own rows are applied on top of its year: a `holiday` adds a local day off;
 *    a `working_day` makes the day a working day even when the national calendar has it off.
 *    On a date with both a national and a commune row, the commune row wins.
 * 3. So that "rows of a year replace its defaults" never drops days by surprise, start-up
 *    seeds this year's and next year's defaults into the table when that year has no national
 *    rows yet, and every national edit seeds its year first (holiday-defaults.ts). The last
 *    national row of a year cannot be removed, since the defaults would come back.
 */
import type { HolidayTable } from "./holiday-defaults.js";
import { type Holiday, type HolidayKind, publicHolidays } from "./vietnam-holidays.js";
import { WorkingCalendar } from "./working-days.js";

/** A Holiday row as stored: national when communeId is null. */
export type StoredHoliday = Holiday & { communeId: string | null };

/** Reads a stored kind; anything but "working_day" is a day off, as the column's default says. */
export function parseHolidayKind(value: string): HolidayKind {
  return value === "working_day" ? "working_day" : "holiday";
}

function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

function groupByYear(rows: readonly Holiday[]): Map<number, Holiday[]> {
  const byYear = new Map<number, Holiday[]>();
  for (const row of rows) {
    const list = byYear.get(yearOf(row.date)) ?? [];
    list.push(row);
    byYear.set(yearOf(row.date), list);
  }
  return byYear;
}

/** The national days of `year`: the stored national rows of that year if any, else the defaults. */
export function nationalYear(
  year: number,
  storedNationalRows: readonly Holiday[],
): { source: "table" | "defaults"; rows: Holiday[] } {
  const stored = storedNationalRows.filter((r) => yearOf(r.date) === year);
  return stored.length > 0
    ? { source: "table", rows: stored }
    : { source: "defaults", rows: publicHolidays(year) };
}

/**
 * The rows of each year a WorkingCalendar needs, following the rules at the top of this file.
 * `stored` holds national rows and the rows of at most one commune.
 */
export function calendarYearRows(stored: readonly StoredHoliday[]): (year: number) => Holiday[] {
  const strip = ({ date, name, kind }: StoredHoliday): Holiday => ({ date, name, kind });
  const national = stored.filter((r) => r.communeId === null).map(strip);
  const local = groupByYear(stored.filter((r) => r.communeId !== null).map(strip));
  return (year) => {
    const own = local.get(year) ?? [];
    const ownDates = new Set(own.map((r) => r.date));
    return [...nationalYear(year, national).rows.filter((r) => !ownDates.has(r.date)), ...own];
  };
}

/** The working calendar `communeId` counts days with (the national one when omitted). */
export async function loadWorkingCalendar(
  prisma: HolidayTable,
  communeId?: string | null,
): Promise<WorkingCalendar> {
  const rows = await prisma.holiday.findMany({
    where: { OR: [{ communeId: null }, ...(communeId ? [{ communeId }] : [])] },
    orderBy: { date: "asc" },
  });
  const stored = rows.map((r) => ({
    date: r.date,
    name: r.name,
    kind: parseHolidayKind(r.kind),
    communeId: r.communeId,
  }));
  return new WorkingCalendar([], { yearRows: calendarYearRows(stored) });
}
