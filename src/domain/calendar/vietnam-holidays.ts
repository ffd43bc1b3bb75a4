/**
 * Vietnamese public holidays for civil servants (cán bộ, công chức, viên chức).
 *
 * Rules (Bộ luật Lao động 2019, Điều 112, in force since 2021):
 * - Tết Dương lịch 1/1; Tết Âm lịch 5 days; Ngày Chiến thắng 30/4; Quốc tế
 *   Lao động 1/5; Quốc khánh 2/9 plus 1 adjacent day (1/9 or 3/9); Giỗ Tổ Hùng
 *   Vương 10/3 âm lịch.
 * - For civil servants the Prime Minister fixes the 5 Tết days as the last
 *   day of the lunar year + the first 4 days of the new year.
 * - A holiday falling on the weekly rest days (Sat/Sun for civil servants)
 *   gives a compensatory day (nghỉ bù) on the next working day (Nghị định
 *   145/2020, Điều 58).
 * - Each year the Prime Minister may also approve swapping a bridge day with a
 *   make-up Saturday, and may place compensatory days differently. Those
 *   decisions are data, one entry per year in assets/calendar/holidays.json
 *   (holiday-decisions.ts); years without an entry use the rules.
 *
 * Not included: "Ngày Văn hóa Việt Nam" 24/11 was proposed (2025–2026) as a
 * paid day off; I could not confirm it was enacted into the Labour Code, so
 * it is left out. Add it as an extra row if/when it applies.
 */
import { decidedHolidays } from "./holiday-decisions.js";
import { lastDayOfLunarYear, lunarToSolar, solarToLunar } from "./lunar.js";
import {
  addCalendarDays,
  isWeekend,
  toDayKey,
  WorkingCalendar,
  type WorkingCalendarOptions,
} from "./working-days.js";

export type HolidayKind = "holiday" | "working_day";

export type Holiday = {
  /** YYYY-MM-DD in Asia/Ho_Chi_Minh. */
  date: string;
  /** Vietnamese, with diacritics. */
  name: string;
  kind: HolidayKind;
};

const NEW_YEAR = "Tết Dương lịch";
const TET = "Tết Nguyên Đán";
const HUNG_KINGS = "Giỗ Tổ Hùng Vương";
const VICTORY = "Ngày Chiến thắng";
const LABOUR = "Ngày Quốc tế Lao động";
const NATIONAL = "Quốc khánh";

const off = (date: string, name: string): Holiday => ({ date, name, kind: "holiday" });

const TET_DAY_NAMES = ["mùng 1", "mùng 2", "mùng 3", "mùng 4"];

/** Statutory holidays of `year` without compensatory days. */
function statutoryHolidays(year: number): Holiday[] {
  // The last day of the previous lunar year is 29 or 30 tháng Chạp.
  const lastLunarDay = lastDayOfLunarYear(year - 1);
  const rows: Holiday[] = [
    off(toDayKey(year, 1, 1), NEW_YEAR),
    off(lastLunarDay, `${TET} (${solarToLunar(lastLunarDay).day} tháng Chạp)`),
    ...TET_DAY_NAMES.map((label, i) => off(addCalendarDays(lastLunarDay, i + 1), `${TET} (${label})`)),
    off(lunarToSolar({ year, month: 3, day: 10 }), HUNG_KINGS),
    off(toDayKey(year, 4, 30), VICTORY),
    off(toDayKey(year, 5, 1), LABOUR),
    off(toDayKey(year, 9, 2), NATIONAL),
  ];
  // Labour Code 2012 (before 2021) gave a single Quốc khánh day.
  if (year >= 2021) {
    // The Prime Minister picks 1/9 or 3/9 each year; the rules assume 1/9 and a
    // year's entry in the data file records the actual choice. With 2/9 on a
    // Monday, 1/9 is a Sunday and its compensatory day is 3/9, so 1/9 yields
    // the same days off as choosing 3/9.
    rows.push(off(toDayKey(year, 9, 1), NATIONAL));
  }
  return rows;
}

/** Adds a compensatory day on the next free weekday for each holiday on a weekend. */
function withCompensatoryDays(rows: readonly Holiday[]): Holiday[] {
  const taken = new Set(rows.map((r) => r.date));
  const sorted = [...rows].sort((a, b) => a.date.localeCompare(b.date));
  const result = [...sorted];
  for (const row of sorted) {
    if (!isWeekend(row.date)) continue;
    let d = addCalendarDays(row.date, 1);
    while (isWeekend(d) || taken.has(d)) d = addCalendarDays(d, 1);
    taken.add(d);
    result.push(off(d, `Nghỉ bù ${row.name.replace(/ \(.*\)$/, "")}`));
  }
  return result;
}

function byDate(a: Holiday, b: Holiday): number {
  return a.date.localeCompare(b.date);
}

/** Holidays of `year` computed from the rules only (ignores the recorded decisions). */
export function ruleBasedHolidays(year: number): Holiday[] {
  return withCompensatoryDays(statutoryHolidays(year)).sort(byDate);
}

/**
 * Default days off (and make-up working days) for civil servants in Gregorian
 * `year`: the year's entry in assets/calendar/holidays.json, the rules
 * otherwise. What a commune counts with is the Holiday table (load-calendar.ts),
 * seeded from these defaults.
 */
export function publicHolidays(year: number): Holiday[] {
  if (!Number.isInteger(year)) throw new RangeError(`Invalid year ${year}`);
  return decidedHolidays(year) ?? ruleBasedHolidays(year);
}

/**
 * Working calendar with national holidays of every year loaded on demand,
 * plus `extra` rows (e.g. from the Holiday table).
 */
export function vietnamWorkingCalendar(
  extra: readonly Holiday[] = [],
  options: Omit<WorkingCalendarOptions, "yearRows"> = {},
): WorkingCalendar {
  return new WorkingCalendar(extra, { ...options, yearRows: publicHolidays });
}
