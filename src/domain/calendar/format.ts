/**
 * Vietnamese date display for chat messages: "thứ Sáu 28/6", "17:00 thứ Sáu 28/6".
 * Day and month are not zero-padded (the way people write them in messages);
 * the year is shown only when it is not the current year.
 */
import { TZDate } from "@date-fns/tz";
import { VIETNAM_TIME_ZONE } from "./working-days.js";

/** Index 0 = Sunday, as Date#getDay. Lower-case "thứ" so it can follow a preposition. */
export const WEEKDAY_NAMES_VI = [
  "Chủ nhật",
  "thứ Hai",
  "thứ Ba",
  "thứ Tư",
  "thứ Năm",
  "thứ Sáu",
  "thứ Bảy",
] as const;

/** "thứ Sáu 28/6", or "thứ Sáu 28/6/2027" when the year differs from `now`'s. */
export function formatDayVi(
  instant: Date,
  now: Date = new Date(),
  timeZone: string = VIETNAM_TIME_ZONE,
): string {
  const local = new TZDate(instant.getTime(), timeZone);
  const currentYear = new TZDate(now.getTime(), timeZone).getFullYear();
  const year = local.getFullYear();
  const dayMonth = `${local.getDate()}/${local.getMonth() + 1}`;
  const weekday = WEEKDAY_NAMES_VI[local.getDay()];
  return `${weekday} ${year === currentYear ? dayMonth : `${dayMonth}/${year}`}`;
}

/** "17:00 thứ Sáu 28/6" (24-hour clock, zero-padded). */
export function formatDateTimeVi(
  instant: Date,
  now: Date = new Date(),
  timeZone: string = VIETNAM_TIME_ZONE,
): string {
  const local = new TZDate(instant.getTime(), timeZone);
  const hh = String(local.getHours()).padStart(2, "0");
  const mm = String(local.getMinutes()).padStart(2, "0");
  return `${hh}:${mm} ${formatDayVi(instant, now, timeZone)}`;
}
