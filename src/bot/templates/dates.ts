import type { WorkingCalendar } from "../../domain/calendar/working-days.js";

/** Today and the commune's working calendar: what a reply needs to say "còn 3 ngày làm việc". */
export interface Clock {
  now: Date;
  calendar: WorkingCalendar;
}

/** "còn 3 ngày làm việc" / "hạn hôm nay" / "quá hạn 2 ngày làm việc". */
export function dueWords(dueAt: Date, { now, calendar }: Clock): string {
  const days = calendar.workingDaysBetween(now, dueAt);
  if (dueAt.getTime() < now.getTime()) {
    return days === 0 ? "quá hạn" : `quá hạn ${Math.abs(days)} ngày làm việc`;
  }
  if (calendar.dayKey(now) === calendar.dayKey(dueAt)) return "hạn hôm nay";
  return days <= 0 ? "sắp đến hạn" : `còn ${days} ngày làm việc`;
}
