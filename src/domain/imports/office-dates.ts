/**
 * Dates and times as offices and their systems write them in a spreadsheet cell, read as
 * Vietnam wall-clock time: "07/12/2026 09:30", "7/12/2026", "7-12-26", "09:30 ngày 07/12/2026",
 * "7/12/2026 9:30:00 CH" (Excel in a Vietnamese locale), "2026-12-07 09:30" (how the sheet
 * reader hands over an Excel date), and ISO 8601 with an offset from a system's push. Day
 * first always: a Vietnamese office never writes month first, so "07/12" is 7 December.
 */
import { toDayKey, VIETNAM_TIME_ZONE, zonedInstant } from "../calendar/working-days.js";

/** A wall-clock time of day. */
export interface TimeOfDay {
  hours: number;
  minutes: number;
}

const ISO =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(z|[+-]\d{2}:?\d{2})?$/;
const DAY_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/;
/** "09:30", "9:30:15", "9h30", "9h", "9g30", with "SA"/"CH" (sáng, chiều) or AM/PM after it. */
const TIME = /^(\d{1,2})(?::(\d{2})(?::(\d{2}))?|[hg](\d{2})?)(?:\s*(sa|ch|am|pm))?$/;

/**
 * The instant a cell names, or null when it is not a date anyone could read for sure (an
 * impossible day such as 31/02, a month above 12, text). A cell with a date and no time is
 * taken at `dateOnly` that day: the caller knows whether a bare day means its start (a
 * receipt) or its end of office hours (a due day).
 */
export function parseOfficeInstant(
  text: string,
  dateOnly: TimeOfDay,
  timeZone: string = VIETNAM_TIME_ZONE,
): Date | null {
  const cell = text
    .trim()
    .toLowerCase()
    // "lúc 09:30 ngày 07/12/2026", "07/12/2026, 09:30"
    .replace(/\b(ngày|lúc|vào)\b|,/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  const iso = ISO.exec(cell);
  if (iso) return fromIso(iso, dateOnly, timeZone);

  const parts = cell.split(" ");
  // The date is the first or the last part; the rest, if anything, is the time.
  for (const [datePart, timeParts] of [
    [parts[0], parts.slice(1)],
    [parts.at(-1), parts.slice(0, -1)],
  ] as const) {
    const date = DAY_FIRST.exec(datePart ?? "");
    if (!date) continue;
    const year = date[3]!.length === 2 ? 2000 + Number(date[3]) : Number(date[3]);
    const day = dayKeyOf(year, Number(date[2]), Number(date[1]));
    if (!day) return null;
    if (timeParts.length === 0) return zonedInstant(day, dateOnly.hours, dateOnly.minutes, timeZone);
    const time = timeOf(timeParts.join(" "));
    return time ? withSeconds(zonedInstant(day, time.hours, time.minutes, timeZone), time.seconds) : null;
  }
  return null;
}

function fromIso(match: RegExpExecArray, dateOnly: TimeOfDay, timeZone: string): Date | null {
  const [, y, mo, d, h, mi, s, offset] = match;
  const day = dayKeyOf(Number(y), Number(mo), Number(d));
  if (!day) return null;
  if (h === undefined) {
    // A bare day with an offset ("2026-12-07Z") names no instant anyone means.
    return offset ? null : zonedInstant(day, dateOnly.hours, dateOnly.minutes, timeZone);
  }
  const time = { hours: Number(h), minutes: Number(mi), seconds: Number(s ?? 0) };
  if (!validTime(time)) return null;
  if (!offset) return withSeconds(zonedInstant(day, time.hours, time.minutes, timeZone), time.seconds);
  // An explicit offset (a system's push) is the instant itself, not Vietnam wall-clock time.
  const sign = offset === "z" ? 1 : offset.startsWith("-") ? -1 : 1;
  const [oh, om] = offset === "z" ? [0, 0] : [Number(offset.slice(1, 3)), Number(offset.slice(-2))];
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), time.hours, time.minutes, time.seconds);
  return new Date(utc - sign * (oh * 60 + om) * 60_000);
}

function timeOf(text: string): (TimeOfDay & { seconds: number }) | null {
  const m = TIME.exec(text);
  if (!m) return null;
  let hours = Number(m[1]);
  const suffix = m[5];
  if (suffix) {
    // 12-hour clock: "12:15 SA" is a quarter past midnight, "1:00 CH" is 13:00.
    if (hours < 1 || hours > 12) return null;
    hours = (hours % 12) + (suffix === "ch" || suffix === "pm" ? 12 : 0);
  }
  const time = { hours, minutes: Number(m[2] ?? m[4] ?? 0), seconds: Number(m[3] ?? 0) };
  return validTime(time) ? time : null;
}

function validTime(t: { hours: number; minutes: number; seconds: number }): boolean {
  return t.hours < 24 && t.minutes < 60 && t.seconds < 60;
}

/** "YYYY-MM-DD" when the day exists (no 31/02, no month 13), else null. */
function dayKeyOf(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 ? toDayKey(year, month, day) : null;
}

function withSeconds(instant: Date, seconds: number): Date {
  return seconds === 0 ? instant : new Date(instant.getTime() + seconds * 1000);
}
