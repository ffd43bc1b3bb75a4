/**
 * Working-day arithmetic for a commune office (Mon–Fri, minus public holidays,
 * plus make-up Saturdays).
 *
 * Calendar days are "YYYY-MM-DD" keys; day arithmetic on keys is done in UTC
 * so it never depends on the host time zone. Instants are plain JS Dates and
 * are converted to local days/times in `timeZone` (default Asia/Ho_Chi_Minh)
 * with @date-fns/tz.
 */
import { TZDate } from "@date-fns/tz";
import type { Holiday } from "./vietnam-holidays.js";

export const VIETNAM_TIME_ZONE = "Asia/Ho_Chi_Minh";

/** End of office hours: a dossier or task due "on day D" is due at 17:00 of D. */
export const OFFICE_CLOSE = { hours: 17, minutes: 0 } as const;
/** End of the morning session: the due time of a half-day that starts in the morning. */
export const MORNING_CLOSE = { hours: 11, minutes: 30 } as const;
/** Receipts before this local hour still leave the afternoon of the same day. */
export const NOON_HOUR = 12;

const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
/** Guard against rows that make every day a holiday (would loop forever). */
const MAX_SCAN_DAYS = 3 * 366;

export function parseDayKey(key: string): { year: number; month: number; day: number } {
  const match = DAY_KEY.exec(key);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const utc = new Date(Date.UTC(year, month - 1, day));
    if (utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day) {
      return { year, month, day };
    }
  }
  throw new RangeError(`Invalid day "${key}", expected YYYY-MM-DD`);
}

export function toDayKey(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function keyToUtcMs(key: string): number {
  const { year, month, day } = parseDayKey(key);
  return Date.UTC(year, month - 1, day);
}

function utcMsToKey(ms: number): string {
  const d = new Date(ms);
  return toDayKey(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Calendar day `n` days after (or before, if negative) `key`. */
export function addCalendarDays(key: string, n: number): string {
  return utcMsToKey(keyToUtcMs(key) + n * MS_PER_DAY);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(key: string): number {
  return new Date(keyToUtcMs(key)).getUTCDay();
}

export function isWeekend(key: string): boolean {
  const wd = weekdayOf(key);
  return wd === 0 || wd === 6;
}

/** Local calendar day ("YYYY-MM-DD") of an instant. */
export function dayKey(instant: Date, timeZone: string = VIETNAM_TIME_ZONE): string {
  const local = new TZDate(instant.getTime(), timeZone);
  return toDayKey(local.getFullYear(), local.getMonth() + 1, local.getDate());
}

/** The instant at local wall-clock time hours:minutes of day `key` in `timeZone`. */
export function zonedInstant(
  key: string,
  hours: number,
  minutes: number,
  timeZone: string = VIETNAM_TIME_ZONE,
): Date {
  const { year, month, day } = parseDayKey(key);
  return new Date(new TZDate(year, month - 1, day, hours, minutes, 0, 0, timeZone).getTime());
}

export type WorkingCalendarOptions = {
  timeZone?: string;
  /**
   * Rows to add for a whole Gregorian year, loaded lazily the first time a day
   * of that year is examined (e.g. `publicHolidays`), so that computations
   * never silently run past the years the caller thought of.
   */
  yearRows?: (year: number) => readonly Holiday[];
};

/**
 * Immutable-by-contract working calendar.
 *
 * A day is a working day when it is Mon–Fri and not a `holiday` row, or when
 * a `working_day` row names it. `working_day` wins over `holiday` on the same
 * date: it is the explicit exception (make-up Saturday, or a DB row correcting
 * a holiday the rules computed wrongly).
 */
export class WorkingCalendar {
  readonly timeZone: string;
  readonly #holidays = new Set<string>();
  readonly #workingDays = new Set<string>();
  readonly #yearRows: ((year: number) => readonly Holiday[]) | undefined;
  readonly #loadedYears = new Set<number>();

  constructor(rows: readonly Holiday[] = [], options: WorkingCalendarOptions = {}) {
    this.timeZone = options.timeZone ?? VIETNAM_TIME_ZONE;
    this.#yearRows = options.yearRows;
    this.#add(rows);
  }

  #add(rows: readonly Holiday[]): void {
    for (const row of rows) {
      parseDayKey(row.date);
      if (row.kind === "working_day") this.#workingDays.add(row.date);
      else this.#holidays.add(row.date);
    }
  }

  #ensureYear(key: string): void {
    if (!this.#yearRows) return;
    const year = Number(key.slice(0, 4));
    if (this.#loadedYears.has(year)) return;
    this.#loadedYears.add(year);
    this.#add(this.#yearRows(year));
  }

  dayKey(instant: Date): string {
    return dayKey(instant, this.timeZone);
  }

  isWorkingDay(day: string | Date): boolean {
    const key = typeof day === "string" ? day : this.dayKey(day);
    parseDayKey(key);
    this.#ensureYear(key);
    if (this.#workingDays.has(key)) return true;
    return !isWeekend(key) && !this.#holidays.has(key);
  }

  /** First working day strictly after `key`. */
  nextWorkingDay(key: string): string {
    let d = key;
    for (let i = 0; i < MAX_SCAN_DAYS; i++) {
      d = addCalendarDays(d, 1);
      if (this.isWorkingDay(d)) return d;
    }
    throw new RangeError(`No working day within ${MAX_SCAN_DAYS} days after ${key}`);
  }

  /** N-th working day strictly after `key` (n ≥ 1). */
  nthWorkingDayAfter(key: string, n: number): string {
    let d = key;
    for (let i = 0; i < n; i++) d = this.nextWorkingDay(d);
    return d;
  }

  /**
   * Due instant of a dossier (hồ sơ TTHC) received at `receivedAt` with a
   * legal processing time of `days` working days.
   *
   * - days = 0 ("trả ngay"): due at the receipt instant.
   * - 0 < days ≤ 0.5 (half a day): received on a working day before 12:00 →
   *   17:00 the same day; otherwise (afternoon, evening, or a non-working day)
   *   → 11:30 of the next working day.
   * - days > 0.5: rounded up to whole working days N. Counting starts on the
   *   working day after the receipt day (whatever the receipt time, and even
   *   if the receipt day is a holiday); due at 17:00 of the N-th working day.
   */
  addWorkingDays(receivedAt: Date, days: number): Date {
    if (!Number.isFinite(days) || days < 0) {
      throw new RangeError(`Processing time must be a finite number ≥ 0, got ${days}`);
    }
    if (Number.isNaN(receivedAt.getTime())) throw new RangeError("Invalid receipt instant");
    if (days === 0) return new Date(receivedAt.getTime());

    const receiptDay = this.dayKey(receivedAt);
    if (days <= 0.5) {
      const localHour = new TZDate(receivedAt.getTime(), this.timeZone).getHours();
      if (this.isWorkingDay(receiptDay) && localHour < NOON_HOUR) {
        return zonedInstant(receiptDay, OFFICE_CLOSE.hours, OFFICE_CLOSE.minutes, this.timeZone);
      }
      const next = this.nextWorkingDay(receiptDay);
      return zonedInstant(next, MORNING_CLOSE.hours, MORNING_CLOSE.minutes, this.timeZone);
    }

    const dueDay = this.nthWorkingDayAfter(receiptDay, Math.ceil(days));
    return zonedInstant(dueDay, OFFICE_CLOSE.hours, OFFICE_CLOSE.minutes, this.timeZone);
  }

  /**
   * Signed number of working days from `from`'s local day to `to`'s local day:
   * working days in (fromDay, toDay] when to is later, minus the working days in
   * (toDay, fromDay] when to is earlier, 0 on the same day. With from = now and
   * to = due: 3 → "còn 3 ngày làm việc", -2 → "quá hạn 2 ngày làm việc".
   */
  workingDaysBetween(from: Date, to: Date): number {
    const a = this.dayKey(from);
    const b = this.dayKey(to);
    if (a === b) return 0;
    const [start, end, sign] = a < b ? [a, b, 1] : [b, a, -1];
    let count = 0;
    for (let d = addCalendarDays(start, 1); d <= end; d = addCalendarDays(d, 1)) {
      if (this.isWorkingDay(d)) count++;
    }
    // `|| 0` turns -0 (no working day between, backwards) into 0.
    return sign * count || 0;
  }
}
