/**
 * Calendar periods on date-fns: months, quarters (Quý I = January–March), half-years, years
 * and weeks (Monday–Sunday, as Vietnamese offices count them). Two views of a period:
 *
 * - the calendar days people name ("quý 3" → 1/7 … 30/9): an inclusive span of "YYYY-MM-DD"
 *   keys, computed on dates in UTC so that the host's time zone never shifts a day;
 * - the instants a query needs: a half-open [from, to) range from local midnight to local
 *   midnight in `timeZone` (Asia/Ho_Chi_Minh unless told), computed with @date-fns/tz.
 */
import { TZDate, tz } from "@date-fns/tz";
// One module per function: date-fns' index would load all ~250 of them (~7 MB resident).
import { addMonths } from "date-fns/addMonths";
import { addQuarters } from "date-fns/addQuarters";
import { getDaysInMonth } from "date-fns/getDaysInMonth";
import { getQuarter } from "date-fns/getQuarter";
import { lastDayOfISOWeek } from "date-fns/lastDayOfISOWeek";
import { lastDayOfMonth } from "date-fns/lastDayOfMonth";
import { startOfISOWeek } from "date-fns/startOfISOWeek";
import { startOfMonth } from "date-fns/startOfMonth";
import { startOfQuarter } from "date-fns/startOfQuarter";
import {
  addCalendarDays,
  dayKey,
  parseDayKey,
  toDayKey,
  VIETNAM_TIME_ZONE,
  zonedInstant,
} from "./working-days.js";

// ---------------------------------------------------------------------------
// Calendar days

/** An inclusive span of calendar days, "YYYY-MM-DD". */
export interface DaySpan {
  from: string;
  to: string;
}

/** Midnight UTC of a calendar day; setFullYear, unlike the Date constructor, keeps years 0–99. */
function utcDate(year: number, month: number, day: number): TZDate {
  const date = new TZDate(0, "UTC");
  date.setFullYear(year, month - 1, day);
  return date;
}

const utcDateOfKey = (key: string): TZDate => {
  const { year, month, day } = parseDayKey(key);
  return utcDate(year, month, day);
};

const keyOf = (date: Date): string => dayKey(date, "UTC");

export function daysInMonth(year: number, month: number): number {
  return getDaysInMonth(utcDate(year, month, 1));
}

/** Months `first` … `last` of `year`: "6 tháng đầu năm" is months 1–6. */
export function monthsDays(year: number, first: number, last: number): DaySpan {
  return { from: toDayKey(year, first, 1), to: keyOf(lastDayOfMonth(utcDate(year, last, 1))) };
}

export function monthDays(year: number, month: number): DaySpan {
  return monthsDays(year, month, month);
}

/** Quarter 1–4 of `year`. */
export function quarterDays(year: number, quarter: number): DaySpan {
  return monthsDays(year, quarter * 3 - 2, quarter * 3);
}

/** The first (1) or second (2) half of `year`. */
export function halfYearDays(year: number, half: 1 | 2): DaySpan {
  return monthsDays(year, half * 6 - 5, half * 6);
}

export function yearDays(year: number): DaySpan {
  return monthsDays(year, 1, 12);
}

/** The quarter (1–4) a calendar day falls in. */
export function quarterOfDay(key: string): number {
  return getQuarter(utcDateOfKey(key));
}

/** The quarter `delta` quarters after (or before) the one `key` falls in, as [year, quarter]. */
export function shiftQuarter(key: string, delta: number): [year: number, quarter: number] {
  const date = addQuarters(utcDateOfKey(key), delta);
  return [date.getFullYear(), getQuarter(date)];
}

/** The month `delta` months after (or before) the one `key` falls in, as [year, month]. */
export function shiftMonth(key: string, delta: number): [year: number, month: number] {
  const date = addMonths(utcDateOfKey(key), delta);
  return [date.getFullYear(), date.getMonth() + 1];
}

/** The same day `n` months later, or the month's last day when it is shorter (31/1 + 1 → 28/2). */
export function addCalendarMonths(key: string, n: number): string {
  return keyOf(addMonths(utcDateOfKey(key), n));
}

/** The Monday–Sunday week `key` falls in. */
export function weekDays(key: string): DaySpan {
  const date = utcDateOfKey(key);
  return { from: keyOf(startOfISOWeek(date)), to: keyOf(lastDayOfISOWeek(date)) };
}

// ---------------------------------------------------------------------------
// Instants

/** A half-open range of instants. */
export interface DateRange {
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
}

const instantRange = (start: Date, end: Date): DateRange => ({
  from: new Date(start.getTime()),
  to: new Date(end.getTime()),
});

/** The calendar month (in `timeZone`) containing `date`. */
export function monthRange(date: Date, timeZone: string = VIETNAM_TIME_ZONE): DateRange {
  const start = startOfMonth(date, { in: tz(timeZone) });
  return instantRange(start, addMonths(start, 1));
}

/** The quarter (in `timeZone`) containing `date`: Quý I = January–March. */
export function quarterRange(date: Date, timeZone: string = VIETNAM_TIME_ZONE): DateRange {
  const start = startOfQuarter(date, { in: tz(timeZone) });
  return instantRange(start, addQuarters(start, 1));
}

/** The quarter number (1–4) of `date` in `timeZone`. */
export function quarterOf(date: Date, timeZone: string = VIETNAM_TIME_ZONE): number {
  return getQuarter(date, { in: tz(timeZone) });
}

/** The local calendar days a range covers, inclusive ("từ 1/10 đến 31/12" in replies). */
export function rangeDays(
  range: DateRange,
  timeZone: string = VIETNAM_TIME_ZONE,
): { first: string; last: string } {
  return { first: dayKey(range.from, timeZone), last: dayKey(new Date(range.to.getTime() - 1), timeZone) };
}

/** Calendar days "from"–"to" (inclusive) as instants: [first day 00:00, the day after the last 00:00). */
export function daySpanRange(span: DaySpan, timeZone: string = VIETNAM_TIME_ZONE): DateRange {
  return {
    from: zonedInstant(span.from, 0, 0, timeZone),
    to: zonedInstant(addCalendarDays(span.to, 1), 0, 0, timeZone),
  };
}
