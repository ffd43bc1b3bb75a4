import type { Db } from "../db/client.js";
import type { ZaloChannel } from "../zalo/zalo-channel.js";
import type { Scheduler } from "./scheduler.js";

const DAY = 24 * 3_600_000;

export interface HousekeepingOptions {
  /** Schedules set in the environment (JOB_CLEANUP_CRON), by job name. */
  schedules: Readonly<Record<string, string>>;
  /** Handled webhook events are kept this many days (an operator may want to look back). */
  inboxRetentionDays: number;
}

/** Jobs that keep the service itself healthy (not the commune's reminders). */
export function registerHousekeeping(
  scheduler: Scheduler,
  prisma: Db,
  channel: ZaloChannel,
  options: HousekeepingOptions,
): void {
  // Access tokens live 25 h; checking every 10 minutes refreshes each OA's well before expiry.
  scheduler.register("zalo-token-refresh", "*/10 * * * *", async () => {
    await channel.accounts?.ensureAllFresh();
  });
  scheduler.register("cleanup", options.schedules.cleanup ?? "30 2 * * *", async () => {
    const now = Date.now();
    await prisma.inboxEvent.deleteMany({
      where: {
        status: { in: ["done", "ignored"] },
        receivedAt: { lt: new Date(now - options.inboxRetentionDays * DAY) },
      },
    });
    await prisma.outboxMessage.deleteMany({
      where: { status: "sent", sentAt: { lt: new Date(now - 90 * DAY) } },
    });
    await prisma.conversationState.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
    await prisma.jobRun.deleteMany({ where: { startedAt: { lt: new Date(now - 90 * DAY) } } });
  });
}
