import type { Db } from "../db/client.js";
import type { OutboxMessage } from "../db/generated/sqlite/client.js";
import { type OutgoingContent, type OutgoingMessage, outgoingContent } from "../messaging/outgoing.js";
import { isUniqueViolation } from "../db/errors.js";

export type { OutboxMessage, OutgoingContent, OutgoingMessage };

export interface OutboxPolicy {
  maxAttempts: number;
  /** A failing message holds its recipient's later messages back for this many tries (default 3). */
  holdBackTries?: number;
  leaseMs: number;
  /**
   * How long a row waits reserved for its send slot before another sender may take it
   * (default leaseMs). Short, so the rows a killed sender had reserved but never handed
   * to Zalo go out soon after a restart; safe, since only the reserving sender can mark a
   * row "sending" (a compare-and-set on the reservation).
   */
  reserveMs?: number;
  /** Exponential backoff with full jitter; `random` is injectable for tests. */
  backoffMs: (attempt: number, random?: () => number) => number;
}

export const defaultOutboxPolicy: OutboxPolicy = {
  maxAttempts: 8,
  // Longer than a whole batch can take: 5 rows × (10 s call timeout + spacing).
  leaseMs: 120_000,
  reserveMs: 15_000,
  backoffMs: (n, random = Math.random) => {
    const cap = Math.min(1_000 * 2 ** n, 10 * 60_000);
    return Math.round(cap / 2 + (random() * cap) / 2);
  },
};

export type DeliveryOutcome =
  | { status: "sent"; messageId: string | null }
  | { status: "retry"; error: string; delayMs?: number }
  | { status: "unreachable"; error: string }
  | { status: "failed"; error: string };

/**
 * Every outgoing message is a row with an idempotency key. Rows are claimed with a
 * compare-and-set update (status pending → sending) so no two senders, in one process or
 * in two replicas, take the same row. A row found still "sending" after its lease expired
 * belongs to a sender that died mid-send: it may or may not have reached Zalo, so it is
 * NOT resent automatically (that could send it twice) but marked for an operator.
 */
export class OutboxStore {
  constructor(
    private readonly prisma: Db,
    readonly policy: OutboxPolicy = defaultOutboxPolicy,
  ) {}

  async enqueue(message: OutgoingMessage): Promise<"queued" | "duplicate"> {
    const content = outgoingContent.parse(message.content);
    // Insert first: the key's unique index, not a read before the write, is what makes a
    // second enqueue of the same key (a retried event, another replica) a no-op.
    try {
      await this.prisma.outboxMessage.create({
        data: {
          idempotencyKey: message.idempotencyKey,
          communeId: message.communeId ?? null,
          recipientType: message.recipient.type,
          recipientId: message.recipient.id,
          kind: content.kind,
          payload: JSON.stringify(content),
          nextAttemptAt: message.notBefore ?? new Date(),
        },
      });
      return "queued";
    } catch (error) {
      if (isUniqueViolation(error)) return "duplicate";
      throw error;
    }
  }

  /**
   * Reserves due rows for this sender, oldest first, without sending them yet: a reserved
   * row stays pending under a lease, so if the sender dies before handing it to Zalo it is
   * simply taken up again when the lease runs out. Only `markSending`, called right before
   * the hand-over, makes a row "sending" (and a row found "sending" after a crash is never
   * resent; see the class comment). Each recipient's messages keep their order: while a
   * message is reserved, in flight or waiting for one of its first retries, the later
   * messages to its recipient wait (a retried reply must not arrive after the one that
   * followed it). Those recipients are left out in the query itself, so one stuck recipient
   * never fills the batch and starves the others. After `holdBackTries` tries a failing
   * message stops holding the others back: its recipient may still be reachable for the
   * rest. A scheduled message not yet due, and never tried, holds nothing back.
   */
  async reserve(limit: number, workerId: string, now = new Date()): Promise<OutboxMessage[]> {
    await this.markInterrupted(now);
    const holding = await this.prisma.outboxMessage.findMany({
      where: {
        OR: [
          { status: "sending" },
          { status: "pending", attempts: { gt: 0, lt: this.policy.holdBackTries ?? 3 } },
          { status: "pending", lockedUntil: { gt: now } },
        ],
      },
      select: { id: true, recipientType: true, recipientId: true, createdAt: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    const oldestHolder = new Map<string, { id: string; createdAt: Date }>();
    for (const h of holding) if (!oldestHolder.has(recipientKey(h))) oldestHolder.set(recipientKey(h), h);
    const heldRecipients = [...new Set(holding.map((h) => h.recipientId))];
    const unreserved = [{ lockedUntil: null }, { lockedUntil: { lte: now } }];
    const candidates = await this.prisma.outboxMessage.findMany({
      where: {
        status: "pending",
        nextAttemptAt: { lte: now },
        AND: [
          { OR: unreserved },
          // A held recipient's only candidate is its holder, once the holder is due again.
          ...(heldRecipients.length > 0
            ? [{ OR: [{ recipientId: { notIn: heldRecipients } }, { id: { in: holding.map((h) => h.id) } }] }]
            : []),
        ],
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: limit,
    });
    // Recipients whose older row this batch did not get (another sender took it): skip the rest.
    const skipped = new Set<string>();
    const reserved: OutboxMessage[] = [];
    const lockedUntil = new Date(now.getTime() + (this.policy.reserveMs ?? this.policy.leaseMs));
    for (const row of candidates) {
      const key = recipientKey(row);
      const holder = oldestHolder.get(key);
      if (skipped.has(key) || (holder && holder.id !== row.id && isOlder(holder, row))) {
        skipped.add(key);
        continue;
      }
      const { count } = await this.prisma.outboxMessage.updateMany({
        where: { id: row.id, status: "pending", attempts: row.attempts, OR: unreserved },
        data: { lockedBy: workerId, lockedUntil },
      });
      if (count === 1) reserved.push({ ...row, lockedBy: workerId, lockedUntil });
      else skipped.add(key);
    }
    return reserved;
  }

  /**
   * The row is being handed to Zalo now: "sending", one more try used. Null when this
   * sender no longer holds its reservation (the lease ran out and another took it).
   */
  async markSending(row: OutboxMessage, workerId: string, now = new Date()): Promise<OutboxMessage | null> {
    const lockedUntil = new Date(now.getTime() + this.policy.leaseMs);
    const { count } = await this.prisma.outboxMessage.updateMany({
      where: { id: row.id, status: "pending", lockedBy: workerId },
      data: { status: "sending", attempts: { increment: 1 }, lockedUntil },
    });
    return count === 1 ? { ...row, status: "sending", attempts: row.attempts + 1, lockedUntil } : null;
  }

  /** Reserves due rows and marks them sending at once, for a caller that hands each over right away. */
  async claim(limit: number, workerId: string, now = new Date()): Promise<OutboxMessage[]> {
    const claimed: OutboxMessage[] = [];
    for (const row of await this.reserve(limit, workerId, now)) {
      const sending = await this.markSending(row, workerId, now);
      if (sending) claimed.push(sending);
    }
    return claimed;
  }

  async record(
    row: OutboxMessage,
    outcome: DeliveryOutcome,
    now = new Date(),
  ): Promise<OutboxMessage["status"]> {
    const release = { lockedBy: null, lockedUntil: null };
    switch (outcome.status) {
      case "sent":
        await this.prisma.outboxMessage.update({
          where: { id: row.id },
          data: {
            ...release,
            status: "sent",
            sentAt: now,
            zaloMessageId: outcome.messageId,
            lastError: null,
          },
        });
        return "sent";
      case "retry": {
        const exhausted = row.attempts >= this.policy.maxAttempts;
        const delay = outcome.delayMs ?? this.policy.backoffMs(row.attempts);
        await this.prisma.outboxMessage.update({
          where: { id: row.id },
          data: {
            ...release,
            status: exhausted ? "failed" : "pending",
            lastError:
              (exhausted ? `gave up after ${row.attempts} tries: ` : "") + outcome.error.slice(0, 1000),
            nextAttemptAt: new Date(now.getTime() + delay),
          },
        });
        return exhausted ? "failed" : "pending";
      }
      case "unreachable":
      case "failed":
        await this.prisma.outboxMessage.update({
          where: { id: row.id },
          data: { ...release, status: outcome.status, lastError: outcome.error.slice(0, 1000) },
        });
        return outcome.status;
    }
  }

  /** Rows whose sender died while sending: never resent automatically (see class comment). */
  private async markInterrupted(now: Date): Promise<void> {
    await this.prisma.outboxMessage.updateMany({
      where: { status: "sending", lockedUntil: { lt: now } },
      data: {
        status: "failed",
        lockedBy: null,
        lockedUntil: null,
        lastError:
          "interrupted while sending: may or may not have been delivered; not resent to avoid a duplicate",
      },
    });
  }

  /** Records that Zalo accepted the first `partsSent` parts of a long text. */
  async markPartsSent(id: string, partsSent: number): Promise<void> {
    await this.prisma.outboxMessage.update({ where: { id }, data: { partsSent } });
  }

  /** Operator: send a failed or unreachable row again, with a fresh set of tries (same key). */
  async retry(id: string): Promise<boolean> {
    const { count } = await this.prisma.outboxMessage.updateMany({
      where: { id, status: { in: ["failed", "unreachable"] } },
      data: { status: "pending", attempts: 0, nextAttemptAt: new Date(), lastError: null },
    });
    return count === 1;
  }

  /**
   * Hands reserved or claimed rows back unsent (the sender is stopping, or Zalo asked it to
   * slow down): they were never passed to Zalo, so they go back to pending without using up
   * a try.
   */
  async release(ids: string[], workerId: string): Promise<void> {
    if (ids.length === 0) return;
    await this.prisma.outboxMessage.updateMany({
      where: { id: { in: ids }, status: "pending", lockedBy: workerId },
      data: { lockedBy: null, lockedUntil: null },
    });
    await this.prisma.outboxMessage.updateMany({
      where: { id: { in: ids }, status: "sending", lockedBy: workerId },
      data: { status: "pending", attempts: { decrement: 1 }, lockedBy: null, lockedUntil: null },
    });
  }

  async nextDueAt(): Promise<Date | null> {
    const row = await this.prisma.outboxMessage.findFirst({
      where: { status: "pending" },
      orderBy: { nextAttemptAt: "asc" },
      select: { nextAttemptAt: true },
    });
    return row?.nextAttemptAt ?? null;
  }

  async counts(): Promise<Record<string, number>> {
    const rows = await this.prisma.outboxMessage.groupBy({ by: ["status"], _count: { _all: true } });
    return Object.fromEntries(rows.map((r) => [r.status, r._count._all]));
  }
}

/** One recipient of messages ("user:…", "group:…"), as ordering is kept per recipient. */
export function recipientKey(row: { recipientType: string; recipientId: string }): string {
  return `${row.recipientType}:${row.recipientId}`;
}

/** Creation order, ties broken by id (the order `claim` reads rows in). */
function isOlder(a: { createdAt: Date; id: string }, b: { createdAt: Date; id: string }): boolean {
  const dt = a.createdAt.getTime() - b.createdAt.getTime();
  return dt < 0 || (dt === 0 && a.id < b.id);
}

export function contentOf(row: OutboxMessage): OutgoingContent {
  return outgoingContent.parse(JSON.parse(row.payload));
}
