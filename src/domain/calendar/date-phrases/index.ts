/**
 * Vietnamese date and period phrases, read two ways on one vocabulary (vocabulary.ts) and
 * one set of period maths (../periods.ts):
 * - day-ranges.ts: what an official's chat message asks about, relative to today
 *   ("tuần sau", "quý 3", "trước 15/7") → findDayRange;
 * - plan-deadlines.ts: the deadline column of a commune's CCHC plan, for the plan's year
 *   ("Quý II và Quý IV", "Hằng tháng") → parseDeadlinePhrase, due at dueInstant;
 * - deadline-summary.ts: the same, in the words an operator reads (summariseDeadline).
 */
export { type DeadlineSummary, type RecurrenceWord, summariseDeadline } from "./deadline-summary.js";
export { type DayRange, findDayRange, type FoundRange } from "./day-ranges.js";
export {
  type DeadlineKind,
  type DeadlineRecurrence,
  dueInstant,
  type ParsedDeadline,
  parseDeadlinePhrase,
  type PhraseDeadline,
} from "./plan-deadlines.js";
