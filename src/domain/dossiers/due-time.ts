/**
 * A dossier's due instant (hạn trả kết quả) from when it was received and its procedure's
 * legal processing time in working days. The counting rule (afternoons, half days, receipt on
 * a non-working day) is WorkingCalendar.addWorkingDays's; this only decides which processing
 * times can be counted at all, so an import can report a row instead of storing a wrong date.
 */
import type { WorkingCalendar } from "../calendar/working-days.js";

/**
 * Above this the figure is not a number of working days (the catalogue has a few in calendar
 * days or hours that lost their unit); a year and a half of working days is far beyond any
 * commune-level procedure.
 */
export const MAX_PROCESSING_DAYS = 366;

/**
 * The due instant, or null when `processingDays` is missing, not a number, negative or above
 * MAX_PROCESSING_DAYS. 0 is "trả ngay" (due at receipt). Throws RangeError for an invalid
 * `receivedAt`, which is the caller's parsing error rather than a fact about the procedure.
 */
export function dossierDueAt(
  calendar: WorkingCalendar,
  receivedAt: Date,
  processingDays: number | null | undefined,
): Date | null {
  if (processingDays === null || processingDays === undefined) return null;
  if (!Number.isFinite(processingDays) || processingDays < 0 || processingDays > MAX_PROCESSING_DAYS) {
    return null;
  }
  return calendar.addWorkingDays(receivedAt, processingDays);
}
