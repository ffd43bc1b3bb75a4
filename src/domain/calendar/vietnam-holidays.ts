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
 *   decisions are encoded per year in DECISIONS; other years use the rules.
 *
 * Not included: "Ngày Văn hóa Việt Nam" 24/11 was proposed (2025–2026) as a
 * paid day off; I could not confirm it was enacted into the Labour Code, so
 * it is left out. Add it as an extra row if/when it applies.
 */
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
const work = (date: string, name: string): Holiday => ({ date, name, kind: "working_day" });

/**
 * Per-year decisions of the Prime Minister (complete lists of days for the
 * year). Sources: the annual notices of Bộ LĐTBXH / Bộ Nội vụ on Tết and
 * holiday schedules for civil servants.
 */
const DECISIONS: Readonly<Record<number, readonly Holiday[]>> = {
  2023: [
    off("2023-01-01", NEW_YEAR),
    off("2023-01-02", `Nghỉ bù ${NEW_YEAR}`),
    // 30 Tết and mùng 1 fell on Sat/Sun: one compensatory day placed before
    // Tết (29 tháng Chạp), one after (mùng 5): off 20/1–26/1.
    off("2023-01-20", `Nghỉ bù ${TET}`),
    off("2023-01-21", `${TET} (30 tháng Chạp)`),
    off("2023-01-22", `${TET} (mùng 1)`),
    off("2023-01-23", `${TET} (mùng 2)`),
    off("2023-01-24", `${TET} (mùng 3)`),
    off("2023-01-25", `${TET} (mùng 4)`),
    off("2023-01-26", `Nghỉ bù ${TET}`),
    off("2023-04-29", HUNG_KINGS),
    off("2023-04-30", VICTORY),
    off("2023-05-01", LABOUR),
    off("2023-05-02", `Nghỉ bù ${HUNG_KINGS}`),
    off("2023-05-03", `Nghỉ bù ${VICTORY}`),
    off("2023-09-01", NATIONAL),
    off("2023-09-02", NATIONAL),
    off("2023-09-04", `Nghỉ bù ${NATIONAL}`),
  ],
  2024: [
    off("2024-01-01", NEW_YEAR),
    // Mùng 1–2 fell on Sat/Sun: compensatory days on 29 tháng Chạp and mùng 5.
    off("2024-02-08", `Nghỉ bù ${TET}`),
    off("2024-02-09", `${TET} (30 tháng Chạp)`),
    off("2024-02-10", `${TET} (mùng 1)`),
    off("2024-02-11", `${TET} (mùng 2)`),
    off("2024-02-12", `${TET} (mùng 3)`),
    off("2024-02-13", `${TET} (mùng 4)`),
    off("2024-02-14", `Nghỉ bù ${TET}`),
    off("2024-04-18", HUNG_KINGS),
    // Monday 29/4 swapped with Saturday 4/5: off 27/4–1/5.
    off("2024-04-29", "Nghỉ hoán đổi (làm bù thứ Bảy 4/5)"),
    off("2024-04-30", VICTORY),
    off("2024-05-01", LABOUR),
    work("2024-05-04", "Làm bù cho ngày nghỉ 29/4"),
    off("2024-09-02", NATIONAL),
    off("2024-09-03", NATIONAL),
  ],
  2025: [
    off("2025-01-01", NEW_YEAR),
    // Mùng 4 (1/2) fell on a Saturday: its compensatory day was placed on
    // Monday 27/1, giving 9 days off 25/1–2/2 with no make-up day.
    off("2025-01-27", `Nghỉ bù ${TET}`),
    off("2025-01-28", `${TET} (29 tháng Chạp)`),
    off("2025-01-29", `${TET} (mùng 1)`),
    off("2025-01-30", `${TET} (mùng 2)`),
    off("2025-01-31", `${TET} (mùng 3)`),
    off("2025-02-01", `${TET} (mùng 4)`),
    off("2025-04-07", HUNG_KINGS),
    // Friday 2/5 swapped with Saturday 26/4: off 30/4–4/5.
    work("2025-04-26", "Làm bù cho ngày nghỉ 2/5"),
    off("2025-04-30", VICTORY),
    off("2025-05-01", LABOUR),
    off("2025-05-02", "Nghỉ hoán đổi (làm bù thứ Bảy 26/4)"),
    off("2025-09-01", NATIONAL),
    off("2025-09-02", NATIONAL),
  ],
  2026: [
    // UNSURE: a swap of Friday 2/1 with Saturday 10/1/2026 may have been
    // approved; not encoded (omitting it errs towards earlier due dates). If
    // confirmed, add holiday 2026-01-02 and working_day 2026-01-10 rows.
    off("2026-01-01", NEW_YEAR),
    // 16/2–20/2 are all weekdays: with the weekends, off 14/2–22/2 (9 days).
    off("2026-02-16", `${TET} (29 tháng Chạp)`),
    off("2026-02-17", `${TET} (mùng 1)`),
    off("2026-02-18", `${TET} (mùng 2)`),
    off("2026-02-19", `${TET} (mùng 3)`),
    off("2026-02-20", `${TET} (mùng 4)`),
    off("2026-04-26", HUNG_KINGS),
    off("2026-04-27", `Nghỉ bù ${HUNG_KINGS}`),
    off("2026-04-30", VICTORY),
    off("2026-05-01", LABOUR),
    // UNSURE: the adjacent Quốc khánh day for 2026 (1/9 or 3/9) — default 1/9.
    off("2026-09-01", NATIONAL),
    off("2026-09-02", NATIONAL),
  ],
};

/** Adjacent Quốc khánh day chosen by the government, for years outside DECISIONS. */
const NATIONAL_DAY_ADJACENT: Readonly<Record<number, "09-01" | "09-03">> = {
  2021: "09-01",
  2022: "09-01",
};

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
    // With 2/9 on a Monday, 1/9 is a Sunday and its compensatory day is 3/9,
    // so defaulting to 1/9 yields the same days off as choosing 3/9.
    rows.push(off(`${year}-${NATIONAL_DAY_ADJACENT[year] ?? "09-01"}`, NATIONAL));
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

/** Holidays of `year` computed from the rules only (ignores DECISIONS). */
export function ruleBasedHolidays(year: number): Holiday[] {
  return withCompensatoryDays(statutoryHolidays(year)).sort(byDate);
}

/**
 * Days off (and make-up working days) for civil servants in Gregorian `year`:
 * the recorded government decisions for 2023–2026, the rules otherwise.
 */
export function publicHolidays(year: number): Holiday[] {
  if (!Number.isInteger(year)) throw new RangeError(`Invalid year ${year}`);
  const decided = DECISIONS[year];
  return decided ? [...decided].sort(byDate) : ruleBasedHolidays(year);
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
