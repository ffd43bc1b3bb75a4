import type { Logger } from "../logger.js";
import { dossierAlertsJob } from "./dossier-alerts.js";
import type { Job } from "./job.js";
import { morningDigestJob } from "./morning-digest.js";
import type { JobRunner } from "./runner.js";
import type { Scheduler } from "./scheduler.js";
import { slotOf } from "./slots.js";
import { taskRemindersJob } from "./task-reminders.js";
import { weeklyDigestJob } from "./weekly-digest.js";

/** The commune's reminder jobs; each is one module (see job.ts). */
export const REMINDER_JOBS: readonly Job[] = [
  morningDigestJob,
  taskRemindersJob,
  dossierAlertsJob,
  weeklyDigestJob,
];

export function reminderJob(name: string): Job | undefined {
  return REMINDER_JOBS.find((j) => j.name === name);
}

/** Puts every reminder job on its schedule (cron from the environment, Vietnam time). */
export function registerReminderJobs(
  scheduler: Scheduler,
  runner: JobRunner,
  schedules: Readonly<Record<string, string>>,
  timeZone: string,
  log: Logger,
): void {
  for (const job of REMINDER_JOBS) {
    const schedule = schedules[job.name] ?? job.defaultSchedule;
    scheduler.register(
      job.name,
      schedule,
      async (slotAt) => {
        const summary = await runner.run(job, { slot: slotOf(slotAt, timeZone) });
        if (summary.sent + summary.undeliverable + summary.failed > 0) log.info(summary, "job run");
      },
      { catchUp: job.catchUp },
    );
  }
}
