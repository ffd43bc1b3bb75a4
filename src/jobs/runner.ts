import { createHash } from "node:crypto";
import type { Db } from "../db/client.js";
import { loadWorkingCalendar } from "../domain/calendar/load-calendar.js";
import { reachOfficials } from "../domain/officials/reach.js";
import { reminderRecipients } from "../domain/reminders/recipients.js";
import type { Logger } from "../logger.js";
import type { Notifier } from "../messaging/notifier.js";
import { Alerts, type DeliveryRules } from "./alerts.js";
import type { Job, JobContext, JobSummary, ReminderSettings } from "./job.js";
import type { JobLeases } from "./lease.js";

export interface RunOptions {
  slot: string;
  /** The instant the run acts at (default: now). */
  now?: Date;
  /** One commune; default: every commune. */
  communeId?: string;
  /** Run a slot again that already finished (an operator's "run now"). */
  force?: boolean;
}

export interface JobRunnerDeps {
  prisma: Db;
  notifier: Notifier;
  leases: JobLeases;
  log: Logger;
  rules: DeliveryRules;
  settings: ReminderSettings;
}

/**
 * Runs a job for a slot over the communes, each under its own lease, so on several
 * replicas each commune's run happens once. A commune whose run fails does not stop the
 * others; the failure is recorded on its JobRun row and in the summary.
 */
export class JobRunner {
  constructor(private readonly deps: JobRunnerDeps) {}

  async run(job: Job, options: RunOptions): Promise<JobSummary> {
    const { prisma, leases } = this.deps;
    const now = options.now ?? new Date();
    const communes = await prisma.commune.findMany({
      where: options.communeId ? { id: options.communeId } : {},
      select: { id: true, name: true },
      orderBy: { slug: "asc" },
    });
    const summary: JobSummary = {
      job: job.name,
      slot: options.slot,
      sent: 0,
      skipped: 0,
      undeliverable: 0,
      communesSkipped: 0,
      failed: 0,
    };
    for (const commune of communes) {
      const lease = await leases.acquire(job.name, options.slot, commune.id, { force: options.force });
      if (!lease) {
        summary.communesSkipped += 1;
        continue;
      }
      const log = this.deps.log.child({ job: job.name, slot: options.slot, communeId: commune.id });
      let ctx: JobContext | undefined;
      try {
        ctx = await this.context(job, commune, now, options.slot, log);
        await job.run(ctx);
        await leases.finish(lease, "ok", { ...ctx.alerts.counts, unreachable: ctx.alerts.unreachable });
      } catch (error) {
        summary.failed += 1;
        log.error({ err: error }, "job run failed");
        await leases.finish(lease, "failed", {
          ...(ctx?.alerts.counts ?? {}),
          error: error instanceof Error ? error.message : String(error),
        });
      }
      if (ctx) {
        summary.sent += ctx.alerts.counts.sent;
        summary.skipped += ctx.alerts.counts.skipped;
        summary.undeliverable += ctx.alerts.counts.undeliverable;
      }
    }
    return summary;
  }

  private async context(
    job: Job,
    commune: { id: string; name: string },
    now: Date,
    slot: string,
    log: Logger,
  ): Promise<JobContext> {
    const { prisma, notifier, leases, rules, settings } = this.deps;
    const [calendar, officials] = await Promise.all([
      loadWorkingCalendar(prisma, commune.id),
      reminderRecipients(prisma, commune.id),
    ]);
    const reach = await reachOfficials(prisma, commune.id, officials, now);
    return {
      prisma,
      commune,
      now,
      slot,
      calendar,
      officials,
      settings,
      alerts: new Alerts(notifier, commune.id, now, rules, reach),
      log,
      async once(key, work) {
        const lease = await leases.acquire(`${job.name}:once`, key, commune.id);
        if (!lease) return;
        try {
          await work();
          await leases.finish(lease, "ok", null);
        } catch (error) {
          await leases.finish(lease, "failed", {
            error: error instanceof Error ? error.message : String(error),
          });
          throw error;
        }
      },
    };
  }
}

/** A short stable name for a set of subjects (the dossiers one alert is about), for its key. */
export function setKey(ids: readonly string[]): string {
  return createHash("sha256")
    .update([...ids].sort().join(","))
    .digest("hex")
    .slice(0, 16);
}
