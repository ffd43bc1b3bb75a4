import type { Db } from "../db/client.js";
import type { ZaloChannel } from "../zalo/zalo-channel.js";
import type { Scheduler } from "./scheduler.js";

const DAY = 24 * 3_600_000;

/** Jobs that keep the service itself healthy (not the commune's reminders). */
export function registerHousekeeping(scheduler: Scheduler, prisma: Db, channel: ZaloChannel): void {
  // Access tokens live 25 h; checking every 10 minutes refreshes well before expiry.
  scheduler.register("zalo-token-refresh", "*/10 * * * *", async () => {
    await channel.tokens?.ensureFresh();
  });
  scheduler.register("cleanup", "30 2 * * *", async () => {
    const now = Date.now();
    await prisma.inboxEvent.deleteMany({
      where: { status: { in: ["done", "ignored"] }, receivedAt: { lt: new Date(now - 30 * DAY) } },
    });
    await prisma.outboxMessage.deleteMany({
      where: { status: "sent", sentAt: { lt: new Date(now - 90 * DAY) } },
    });
    await prisma.conversationState.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
  });
}
