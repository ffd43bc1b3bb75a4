/**
 * What an official's message asks for. The parser (parse-official-intent.ts) turns
 * Vietnamese text, with or without diacritics, into one of these; handlers act on them.
 */
import type { DayRange } from "../../domain/calendar/date-phrases/index.js";
import type { NormalizedMessage } from "./normalize.js";

/** A task named by its code ("NV12", "#12", "nhiệm vụ 12") or, failing that, by words of its title. */
export type TaskRef = { kind: "code"; code: string } | { kind: "query"; text: string };

/** An inclusive range of calendar days, YYYY-MM-DD in Asia/Ho_Chi_Minh (handlers name it from here). */
export type { DayRange };

export type Intent =
  | { name: "help" }
  | { name: "greeting" }
  | { name: "thanks" }
  | { name: "link"; code: string }
  | { name: "unlink" }
  | { name: "my_tasks" }
  | { name: "tasks_due"; range: DayRange }
  | { name: "tasks_overdue" }
  | { name: "department_tasks"; department: string }
  | { name: "task_detail"; task: TaskRef }
  | { name: "task_history"; task: TaskRef }
  | { name: "mark_done"; task: TaskRef; note?: string }
  | { name: "set_progress"; task: TaskRef; percent: number; note?: string }
  | { name: "request_extension"; task: TaskRef; until?: string; reason?: string }
  | { name: "attach_evidence"; task: TaskRef }
  | { name: "dossiers_overdue" }
  | { name: "dossiers_due"; range: DayRange }
  | { name: "dossier_lookup"; receiptCode: string }
  | { name: "stats"; range?: DayRange }
  | { name: "on_time_rate"; range?: DayRange }
  /** "báo cáo quý 1", "bao cao 6 thang", "báo cáo" (this quarter so far). */
  | { name: "report"; range?: DayRange }
  /** "tỷ lệ hồ sơ trực tuyến tháng này", "tỉ lệ số hóa". */
  | { name: "report_rate"; metric: ReportMetric; range?: DayRange }
  /** "bên văn hóa xã hội còn mấy việc". */
  | { name: "department_remaining"; department: string }
  /** "rủi ro chỉ số": the PAR-index points at risk. */
  | { name: "par_risk" }
  | { name: "more" }
  | { name: "unknown" };

/** The rates of the CCHC report a leader asks for by name. */
export type ReportMetric =
  "online" | "fully_online" | "digitisation" | "electronic_result" | "online_payment" | "apology";

export type IntentName = Intent["name"];

// A record keyed by every name: the compiler refuses it when an intent is added or removed.
const EVERY_INTENT: Record<IntentName, true> = {
  help: true,
  greeting: true,
  thanks: true,
  link: true,
  unlink: true,
  my_tasks: true,
  tasks_due: true,
  tasks_overdue: true,
  department_tasks: true,
  task_detail: true,
  task_history: true,
  mark_done: true,
  set_progress: true,
  request_extension: true,
  attach_evidence: true,
  dossiers_overdue: true,
  dossiers_due: true,
  dossier_lookup: true,
  stats: true,
  on_time_rate: true,
  report: true,
  report_rate: true,
  department_remaining: true,
  par_risk: true,
  more: true,
  unknown: true,
};

export const INTENT_NAMES = Object.keys(EVERY_INTENT) as IntentName[];

/**
 * Intents a feature recognises itself (reminder settings, reports …), beyond the officials'
 * parser. A feature module declares its own with `declare module` augmenting this map
 * (name → slots), and registers a recogniser that returns them.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FeatureIntents {}

export type FeatureIntent = {
  [K in keyof FeatureIntents]: { name: K } & FeatureIntents[K];
}[keyof FeatureIntents];

/** Every intent the bot can route on: the parser's and the features' own. */
export type AnyIntent = Intent | FeatureIntent;
export type AnyIntentName = AnyIntent["name"];

/**
 * A feature's recogniser: the intent of a message (normalised once for all recognisers and
 * the parser: folded, abbreviations expanded, see normalize.ts), or undefined to leave it
 * to the next recogniser and finally the officials' parser. `now` fixes relative dates.
 */
export type IntentRecognizer = (message: NormalizedMessage, now: Date) => FeatureIntent | undefined;
