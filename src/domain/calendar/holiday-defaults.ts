/**
 * Writing the national defaults (assets/calendar/holidays.json, else the Labour Code rules)
 * into the Holiday table, one year at a time and only for a year that has no national rows:
 * once a year is in the table, the table is its calendar (load-calendar.ts) and nothing here
 * touches it again, so an operator's edit is never overwritten.
 */
import type { Prisma } from "../../db/client.js";
import { publicHolidays } from "./vietnam-holidays.js";
import { dayKey } from "./working-days.js";

/** The Prisma client or a transaction: all this needs is the Holiday table. */
export type HolidayTable = Pick<Prisma.TransactionClient, "holiday">;

/** Stable id of a national row, "vn-2027-02-05": seeding twice cannot duplicate a day. */
export function nationalHolidayId(date: string): string {
  return `vn-${date}`;
}

/** Where clause of the national rows dated in `year` (dates are YYYY-MM-DD strings). */
export function nationalRowsOfYear(year: number) {
  return { communeId: null, date: { gte: `${year}-01-01`, lte: `${year}-12-31` } };
}

/**
 * Writes the defaults of `year` when the table has no national row in that year; returns how
 * many rows were written (0 when the year was already there).
 */
export async function seedNationalYear(table: HolidayTable, year: number): Promise<number> {
  if ((await table.holiday.count({ where: nationalRowsOfYear(year) })) > 0) return 0;
  const rows = publicHolidays(year).map((r) => ({
    id: nationalHolidayId(r.date),
    communeId: null,
    date: r.date,
    name: r.name,
    kind: r.kind,
  }));
  await table.holiday.createMany({ data: rows });
  return rows.length;
}

/**
 * At start-up: this year's and next year's defaults, for each year not yet in the table (so
 * December's due dates that run into January count the right days). A replica starting at the
 * same moment may win the race on the ids; its rows are the same defaults, so that is success.
 */
export async function seedNationalHolidayDefaults(
  table: HolidayTable,
  now: Date,
): Promise<{ year: number; written: number }[]> {
  const thisYear = Number(dayKey(now).slice(0, 4));
  const result: { year: number; written: number }[] = [];
  for (const year of [thisYear, thisYear + 1]) {
    try {
      result.push({ year, written: await seedNationalYear(table, year) });
    } catch (error) {
      if ((await table.holiday.count({ where: nationalRowsOfYear(year) })) === 0) throw error;
      result.push({ year, written: 0 });
    }
  }
  return result;
}
