import { addCalendarDays, type WorkingCalendar, zonedInstant } from "../domain/calendar/working-days.js";
import type { Random } from "./random.js";

/** Office sessions in local minutes: 7:00–11:30 and 13:30–17:00. */
const MORNING = [7 * 60, 11 * 60 + 30] as const;
const AFTERNOON = [13 * 60 + 30, 17 * 60] as const;

/** A local instant on `day` at a random minute of office hours, within [fromMinute, toMinute). */
export function officeInstant(
  calendar: WorkingCalendar,
  day: string,
  rng: Random,
  fromMinute = MORNING[0],
  toMinute = AFTERNOON[1],
): Date | null {
  const slots = [MORNING, AFTERNOON]
    .map(([start, end]) => [Math.max(start, fromMinute), Math.min(end, toMinute)] as const)
    .filter(([start, end]) => end > start);
  if (slots.length === 0) return null;
  const total = slots.reduce((sum, [start, end]) => sum + end - start, 0);
  let offset = Math.floor(rng.next() * total);
  for (const [start, end] of slots) {
    if (offset < end - start) {
      const minute = start + offset;
      return zonedInstant(day, Math.floor(minute / 60), minute % 60, calendar.timeZone);
    }
    offset -= end - start;
  }
  return null;
}

/** Minutes since local midnight of an instant. */
export function localMinute(calendar: WorkingCalendar, instant: Date): number {
  const midnight = zonedInstant(calendar.dayKey(instant), 0, 0, calendar.timeZone);
  return Math.floor((instant.getTime() - midnight.getTime()) / 60_000);
}

export function workingDayOnOrBefore(calendar: WorkingCalendar, day: string): string {
  let d = day;
  while (!calendar.isWorkingDay(d)) d = addCalendarDays(d, -1);
  return d;
}

export function workingDayOnOrAfter(calendar: WorkingCalendar, day: string): string {
  return calendar.isWorkingDay(day) ? day : calendar.nextWorkingDay(day);
}

/** The n-th working day before `day` (n ≥ 1). */
export function nthWorkingDayBefore(calendar: WorkingCalendar, day: string, n: number): string {
  let d = day;
  for (let i = 0; i < n; i++) d = workingDayOnOrBefore(calendar, addCalendarDays(d, -1));
  return d;
}

/** Working days from `from` to `to`, both inclusive. */
export function workingDaysIn(calendar: WorkingCalendar, from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) if (calendar.isWorkingDay(d)) days.push(d);
  return days;
}

/** "14/02/2026" for a day key. */
export function vietnameseDate(day: string): string {
  const [year, month, date] = day.split("-");
  return `${date}/${month}/${year}`;
}
