import type { Db } from "../db/client.js";
import { isUniqueViolation } from "../db/errors.js";
import type { InboxEvent } from "../db/generated/sqlite/client.js";
import type { InboxEventRow, InboxEventWriter } from "../db/inbox-events.js";

export type { InboxEvent };

/** What the webhook stores: the row its hot-path writer inserts. */
export type InboxInsert = InboxEventRow;

export interface InboxPolicy {
  /** Tries before an event is parked for an operator. */
  maxAttempts: number;
  /** How long a claimed event stays locked before another worker may take it over. */
  leaseMs: number;
  /** Backoff before retry n (1-based). */
  backoffMs: (attempt: number) => number;
}

export const defaultInboxPolicy: InboxPolicy = {
  maxAttempts: 5,
  leaseMs: 60_000,
  backoffMs: (n) => Math.min(2 ** (n - 1) * 2_000, 5 * 60_000),
};

/**
 * The durable inbox: webhook events are inserted before Zalo gets its 200, then claimed
 * by workers. Claims are compare-and-set updates, so two workers (or replicas) never
 * handle the same event, and a worker that died leaves a lease that simply expires.
 */
export class InboxStore {
  constructor(
    private readonly prisma: Db,
    readonly policy: InboxPolicy = defaultInboxPolicy,
    /** The hot-path insert past Prisma (src/db/inbox-events.ts); Prisma's create without it. */
    private readonly writer?: InboxEventWriter,
  ) {}

  /** Stores an event; "duplicate" when Zalo redelivered one we already have. */
  async insert(row: InboxInsert): Promise<"stored" | "duplicate"> {
    if (this.writer) return this.writer.insert(row);
    const existing = await this.prisma.inboxEvent.findUnique({
      where: { dedupeKey: row.dedupeKey },
      select: { id: true },
    });
    if (existing) return "duplicate";
    try {
      await this.prisma.inboxEvent.create({ data: row });
      return "stored";
    } catch (error) {
      if (isUniqueViolation(error)) return "duplicate";
      throw error;
    }
  }

  /**
   * Claims up to `limit` events that may run now: for each order key only its oldest
   * unfinished event, and only when no event of that key is being handled.
   */
  async claim(
    limit: number,
    now = new Date(),
    exclude: ReadonlySet<string> = new Set(),
  ): Promise<InboxEvent[]> {
    // A lease that expired on an event that already used its tries means the handler took
    // the process down (or hung) each time: park it instead of running it forever.
    await this.prisma.inboxEvent.updateMany({
      where: { status: "processing", lockedUntil: { lt: now }, attempts: { gte: this.policy.maxAttempts } },
      data: {
        status: "parked",
        lockedUntil: null,
        lastError: "the handler never finished (the process stopped or hung while handling it)",
      },
    });
    const runnable = { OR: [{ status: "pending" }, { status: "processing", lockedUntil: { lt: now } }] };
    // A wide window: one user's long backlog (held back behind a retry) must not hide
    // other users' events from the claim.
    const candidates = await this.prisma.inboxEvent.findMany({
      where: { ...runnable, nextAttemptAt: { lte: now } },
      orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
      take: Math.max(limit * 4, 200),
    });
    const keys = [...new Set(candidates.map((e) => e.orderKey))].filter((k) => !exclude.has(k));
    if (keys.length === 0) return [];
    // Everything unfinished of those users, oldest first, in one query: the head of each
    // user's queue may run only if it is a candidate and nothing of that user is in flight.
    const unfinished = await this.prisma.inboxEvent.findMany({
      where: { orderKey: { in: keys }, status: { in: ["pending", "processing"] } },
      orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
      select: { id: true, orderKey: true, status: true, lockedUntil: true },
    });
    const headOf = new Map<string, string>();
    const busy = new Set<string>();
    for (const e of unfinished) {
      if (!headOf.has(e.orderKey)) headOf.set(e.orderKey, e.id);
      if (e.status === "processing" && e.lockedUntil && e.lockedUntil >= now) busy.add(e.orderKey);
    }
    const claimed: InboxEvent[] = [];
    const taken = new Set<string>();
    for (const event of candidates) {
      if (claimed.length >= limit) break;
      const key = event.orderKey;
      if (taken.has(key) || exclude.has(key) || busy.has(key) || headOf.get(key) !== event.id) continue;
      taken.add(key);
      const { count } = await this.prisma.inboxEvent.updateMany({
        where: { id: event.id, status: event.status, attempts: event.attempts },
        data: {
          status: "processing",
          attempts: { increment: 1 },
          lockedUntil: new Date(now.getTime() + this.policy.leaseMs),
        },
      });
      if (count === 1) claimed.push({ ...event, status: "processing", attempts: event.attempts + 1 });
    }
    return claimed;
  }

  async complete(id: string, status: "done" | "ignored" = "done"): Promise<void> {
    await this.prisma.inboxEvent.update({
      where: { id },
      data: { status, processedAt: new Date(), lockedUntil: null, lastError: null },
    });
  }

  /** Schedules a retry with backoff, or parks the event after the last try. */
  async fail(event: InboxEvent, error: string, now = new Date()): Promise<"retry" | "parked"> {
    const parked = event.attempts >= this.policy.maxAttempts;
    await this.prisma.inboxEvent.update({
      where: { id: event.id },
      data: {
        status: parked ? "parked" : "pending",
        lockedUntil: null,
        lastError: error.slice(0, 2000),
        nextAttemptAt: new Date(now.getTime() + (parked ? 0 : this.policy.backoffMs(event.attempts))),
      },
    });
    return parked ? "parked" : "retry";
  }

  /** Puts a parked event back in the queue (operator action). */
  async replay(id: string): Promise<boolean> {
    const { count } = await this.prisma.inboxEvent.updateMany({
      where: { id, status: "parked" },
      data: { status: "pending", attempts: 0, nextAttemptAt: new Date(), lastError: null },
    });
    return count === 1;
  }

  async parked(limit = 50): Promise<InboxEvent[]> {
    return this.prisma.inboxEvent.findMany({
      where: { status: "parked" },
      orderBy: { receivedAt: "desc" },
      take: limit,
    });
  }

  async counts(): Promise<Record<string, number>> {
    const rows = await this.prisma.inboxEvent.groupBy({ by: ["status"], _count: { _all: true } });
    return Object.fromEntries(rows.map((r) => [r.status, r._count._all]));
  }
}
