import { z } from "zod";
import type { Db } from "../db/client.js";
import type { OutboxMessage } from "../db/generated/sqlite/client.js";
import { isUniqueViolation } from "./inbox.js";

export type { OutboxMessage };

const button = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("query"),
    title: z.string(),
    payload: z.string(),
    hidden: z.boolean().optional(),
  }),
  z.object({ kind: z.literal("url"), title: z.string(), url: z.string() }),
  z.object({ kind: z.literal("phone"), title: z.string(), phone: z.string() }),
]);

/** What a message says, stored as JSON in the outbox row. */
export const outgoingContent = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("text"), text: z.string().min(1), quoteMessageId: z.string().optional() }),
  z.object({ kind: z.literal("buttons"), text: z.string().min(1), buttons: z.array(button).min(1).max(5) }),
  z.object({ kind: z.literal("image"), url: z.string().url(), caption: z.string().optional() }),
]);
export type OutgoingContent = z.infer<typeof outgoingContent>;

export interface OutgoingMessage {
  /** Same key → sent at most once, whoever enqueues it and however often. */
  idempotencyKey: string;
  recipient: { type: "user" | "group"; id: string };
  content: OutgoingContent;
  communeId?: string | null;
  /** Not before this instant (scheduled alerts). */
  notBefore?: Date;
}

export interface OutboxPolicy {
  maxAttempts: number;
  leaseMs: number;
  /** Exponential backoff with full jitter; `random` is injectable for tests. */
  backoffMs: (attempt: number, random?: () => number) => number;
}

export const defaultOutboxPolicy: OutboxPolicy = {
  maxAttempts: 8,
  // Longer than a whole batch can take: 5 rows × (10 s call timeout + spacing).
  leaseMs: 120_000,
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
   * Claims due rows, oldest first, keeping each recipient's messages in order: a row waits
   * while an older row to the same recipient is in flight, retrying or due and not claimed
   * in this batch (a retried reply must not arrive after the one that followed it). A
   * scheduled row not yet due and never tried does not hold back the ones after it.
   */
  async claim(limit: number, workerId: string, now = new Date()): Promise<OutboxMessage[]> {
    await this.markInterrupted(now);
    const candidates = await this.prisma.outboxMessage.findMany({
      where: { status: "pending", nextAttemptAt: { lte: now } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: limit,
    });
    if (candidates.length === 0) return [];
    const newest = candidates[candidates.length - 1]!.createdAt;
    const earlier = await this.prisma.outboxMessage.findMany({
      where: {
        status: { in: ["pending", "sending"] },
        recipientId: { in: [...new Set(candidates.map((c) => c.recipientId))] },
        createdAt: { lte: newest },
        OR: [{ attempts: { gt: 0 } }, { nextAttemptAt: { lte: now } }],
      },
      select: { id: true, recipientType: true, recipientId: true, createdAt: true },
    });
    const claimedIds = new Set<string>();
    const claimed: OutboxMessage[] = [];
    for (const row of candidates) {
      const heldBack = earlier.some(
        (e) =>
          e.id !== row.id &&
          e.recipientType === row.recipientType &&
          e.recipientId === row.recipientId &&
          isOlder(e, row) &&
          !claimedIds.has(e.id),
      );
      if (heldBack) continue;
      const { count } = await this.prisma.outboxMessage.updateMany({
        where: { id: row.id, status: "pending", attempts: row.attempts },
        data: {
          status: "sending",
          attempts: { increment: 1 },
          lockedBy: workerId,
          lockedUntil: new Date(now.getTime() + this.policy.leaseMs),
        },
      });
      if (count === 1) {
        claimedIds.add(row.id);
        claimed.push({ ...row, status: "sending", attempts: row.attempts + 1, lockedBy: workerId });
      }
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
   * Hands claimed rows back unsent (the sender is stopping, or Zalo asked it to slow down):
   * they were never passed to Zalo, so they go back to pending without using up a try.
   */
  async release(ids: string[], workerId: string): Promise<void> {
    if (ids.length === 0) return;
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

/** Creation order, ties broken by id (the order `claim` reads rows in). */
function isOlder(a: { createdAt: Date; id: string }, b: { createdAt: Date; id: string }): boolean {
  const dt = a.createdAt.getTime() - b.createdAt.getTime();
  return dt < 0 || (dt === 0 && a.id < b.id);
}

export function contentOf(row: OutboxMessage): OutgoingContent {
  return outgoingContent.parse(JSON.parse(row.payload));
}
