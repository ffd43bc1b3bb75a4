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
  /** A failing message holds its recipient's later messages back for this many tries (default 3). */
  holdBackTries?: number;
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
   * Claims due rows, oldest first, keeping each recipient's messages in order: while a
   * message is in flight or waiting for one of its first retries, the later messages to
   * its recipient wait (a retried reply must not arrive after the one that followed it).
   * Those recipients are left out in the query itself, so one stuck recipient never fills
   * the batch and starves the others. After `holdBackTries` tries a failing message stops
   * holding the others back: its recipient may still be reachable for the rest. A
   * scheduled message not yet due, and never tried, holds nothing back.
   */
  async claim(limit: number, workerId: string, now = new Date()): Promise<OutboxMessage[]> {
    await this.markInterrupted(now);
    const holding = await this.prisma.outboxMessage.findMany({
      where: {
        OR: [
          { status: "sending" },
          { status: "pending", attempts: { gt: 0, lt: this.policy.holdBackTries ?? 3 } },
        ],
      },
      select: { id: true, recipientType: true, recipientId: true, createdAt: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    const oldestHolder = new Map<string, { id: string; createdAt: Date }>();
    for (const h of holding) if (!oldestHolder.has(recipientKey(h))) oldestHolder.set(recipientKey(h), h);
    const heldRecipients = [...new Set(holding.map((h) => h.recipientId))];
    const candidates = await this.prisma.outboxMessage.findMany({
      where: {
        status: "pending",
        nextAttemptAt: { lte: now },
        // A held recipient's only candidate is its holder, once the holder is due again.
        ...(heldRecipients.length > 0
          ? { OR: [{ recipientId: { notIn: heldRecipients } }, { id: { in: holding.map((h) => h.id) } }] }
          : {}),
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: limit,
    });
    // Recipients whose older row this batch did not get (another sender took it): skip the rest.
    const skipped = new Set<string>();
    const claimed: OutboxMessage[] = [];
    for (const row of candidates) {
      const key = recipientKey(row);
      const holder = oldestHolder.get(key);
      if (skipped.has(key) || (holder && holder.id !== row.id && isOlder(holder, row))) {
        skipped.add(key);
        continue;
      }
      const { count } = await this.prisma.outboxMessage.updateMany({
        where: { id: row.id, status: "pending", attempts: row.attempts },
        data: {
          status: "sending",
          attempts: { increment: 1 },
          lockedBy: workerId,
          lockedUntil: new Date(now.getTime() + this.policy.leaseMs),
        },
      });
      if (count === 1)
        claimed.push({ ...row, status: "sending", attempts: row.attempts + 1, lockedBy: workerId });
      else skipped.add(key);
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
