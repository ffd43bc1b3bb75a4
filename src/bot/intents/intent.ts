/**
 * What an official's message asks for. The parser (parse-official-intent.ts) turns
 * Vietnamese text, with or without diacritics, into one of these; handlers act on them.
 */

/** A task named by its code ("NV12", "#12", "nhiệm vụ 12") or, failing that, by words of its title. */
export type TaskRef = { kind: "code"; code: string } | { kind: "query"; text: string };

/** An inclusive range of calendar days, YYYY-MM-DD in Asia/Ho_Chi_Minh. */
export interface DayRange {
  from: string;
  to: string;
  /** How the person said it, for the reply ("tuần này", "quý 3"). */
  label: string;
}

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
  | { name: "more" }
  | { name: "unknown" };

export type IntentName = Intent["name"];
