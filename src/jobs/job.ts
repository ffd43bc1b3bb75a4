import type { Db } from "../db/client.js";
import type { WorkingCalendar } from "../domain/calendar/working-days.js";
import type { ReminderRecipient } from "../domain/reminders/recipients.js";
import type { Logger } from "../logger.js";
import type { Alerts } from "./alerts.js";

/** How reminders are given (README, "Reminders and alerts"; each has an env variable). */
export interface ReminderSettings {
  /** "07:30": the morning digest, unless an official chose another time. */
  digestTime: string;
  /** Remind a task's deadline this many working days before; "due soon" in the digest. */
  daysBefore: number;
  /** Tell the leaders of a dossier overdue this many working days. */
  escalateAfterDays: number;
}

/** What a job run gets: one commune, the instant it acts at, and the way to send. */
export interface JobContext {
  prisma: Db;
  commune: { id: string; name: string };
  /** The instant the run acts at: the wall clock, or the time an operator asked for (--at). */
  now: Date;
  /** The schedule slot this run belongs to ("2026-12-07T07:30", Vietnam time). */
  slot: string;
  calendar: WorkingCalendar;
  /** The commune's active officials, with how to reach them and their reminder settings. */
  officials: ReminderRecipient[];
  settings: ReminderSettings;
  alerts: Alerts;
  log: Logger;
  /**
   * Runs `work` once for `key` in this commune, whichever run or replica gets there first
   * (a morning digest per official per day). A run that dies mid-way leaves the key to be
   * taken up again once its lease expires; the outbox keys keep the messages single.
   */
  once(key: string, work: () => Promise<void>): Promise<void>;
}

/**
 * A scheduled job: a small module that asks the domain what is due and writes outbox rows
 * through `ctx.alerts`; nothing else. It runs once per commune and slot (the runner holds
 * the lease); running it again for the same slot sends nothing new, because every alert's
 * idempotency key names the job, its subject, its period and its recipient.
 */
export interface Job {
  name: string;
  /** One line for operators (`cli jobs`, the console). */
  description: string;
  /** When it runs (cron, Vietnam time); JOB_<NAME>_CRON in the environment replaces it. */
  defaultSchedule: string;
  /** A missed slot is run once when the service comes back within the grace period. */
  catchUp: boolean;
  run(ctx: JobContext): Promise<void>;
}

/** What a run did, summed over communes. */
export interface JobSummary {
  job: string;
  slot: string;
  /** Messages newly queued. */
  sent: number;
  /** Messages not queued: already sent for this slot, or turned off by the official. */
  skipped: number;
  /** People the message could not reach (not linked to Zalo, no group to fall back on). */
  undeliverable: number;
  /** Communes whose run this was not (another replica has it, or it is done). */
  communesSkipped: number;
  failed: number;
}
