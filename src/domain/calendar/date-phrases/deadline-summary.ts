/**
 * A plan's deadline phrase as an operator or another program reads it: the due days, how it
 * recurs in plain words, and whether it was understood at all. The operator's
 * `cli deadline` prints this; the parser's own vocabulary ("none", "multiple",
 * "continuous") is about how it read the phrase, this one about what the office must do.
 */
import { type DeadlineRecurrence, parseDeadlinePhrase } from "./plan-deadlines.js";

export type RecurrenceWord = "monthly" | "quarterly" | "half-yearly" | "yearly" | "ongoing";

export interface DeadlineSummary {
  /** The phrase, trimmed and NFC-normalised. */
  text: string;
  /** YYYY-MM-DD, each the last day still on time, in order. */
  dueDates: string[];
  /** null: due on the listed days only (or on nothing, when not understood). */
  recurrence: RecurrenceWord | null;
  understood: boolean;
}

const RECURRENCE_WORD: Record<DeadlineRecurrence, RecurrenceWord | null> = {
  none: null,
  // "Quý II và Quý IV" names its days; it does not say they repeat.
  multiple: null,
  continuous: "ongoing",
  monthly: "monthly",
  quarterly: "quarterly",
  "half-yearly": "half-yearly",
  yearly: "yearly",
};

export function summariseDeadline(text: string, planYear: number): DeadlineSummary {
  const parsed = parseDeadlinePhrase(text, planYear);
  return {
    text: parsed.text,
    dueDates: parsed.deadlines.map((d) => d.dueOn),
    recurrence: RECURRENCE_WORD[parsed.recurrence],
    understood: parsed.kind !== "unknown",
  };
}
