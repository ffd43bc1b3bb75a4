import { randomUUID } from "node:crypto";
import type { Logger } from "../logger.js";
import {
  ZaloPermanentError,
  ZaloRateLimitError,
  ZaloTokenError,
  ZaloTransientError,
  ZaloUnreachableError,
} from "./errors.js";
import { OaClient, type PartProgress } from "./oa-client.js";
import { PollLoop } from "./poll-loop.js";
import {
  contentOf,
  type DeliveryOutcome,
  type OutboxMessage,
  type OutboxStore,
  type OutgoingContent,
  recipientKey,
} from "./outbox.js";

/** The last hop: Zalo's API in production, the sandbox's fake Zalo otherwise. */
export interface Transport {
  deliver(
    recipient: { type: "user" | "group"; id: string },
    content: OutgoingContent,
    progress?: PartProgress,
    /** The commune the message belongs to: it leaves through that commune's OA. */
    communeId?: string | null,
  ): Promise<{ messageId: string | null }>;
}

/** The client to send with: one OA's, or each commune's own (ZaloAccounts). */
export type ClientSource = OaClient | { clientFor(communeId: string | null): Promise<OaClient> };

/** Sends through the OA API client of the message's commune. */
export function zaloTransport(source: ClientSource): Transport {
  const clientFor = (communeId: string | null) =>
    source instanceof OaClient ? Promise.resolve(source) : source.clientFor(communeId);
  return {
    async deliver(recipient, content, progress, communeId = null) {
      const client = await clientFor(communeId);
      if (recipient.type === "group") {
        const text = content.kind === "image" ? (content.caption ?? content.url) : content.text;
        return client.sendGroupText(recipient.id, text, progress);
      }
      switch (content.kind) {
        case "text":
          return client.sendText(
            recipient.id,
            content.text,
            { quoteMessageId: content.quoteMessageId },
            progress,
          );
        case "buttons":
          return client.sendButtons(recipient.id, content.text, content.buttons, progress);
        case "image":
          return client.sendImage(recipient.id, content.url, content.caption);
      }
    },
  };
}

export function outcomeOf(error: unknown): DeliveryOutcome {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ZaloRateLimitError)
    return { status: "retry", error: message, delayMs: error.retryAfterMs };
  if (error instanceof ZaloUnreachableError) return { status: "unreachable", error: message };
  if (error instanceof ZaloTransientError || error instanceof ZaloTokenError)
    return { status: "retry", error: message };
  if (error instanceof ZaloPermanentError) return { status: "failed", error: message };
  // Unknown errors (a bug, a refresh that failed) may pass: retry with backoff, bounded by maxAttempts.
  return { status: "retry", error: message };
}

export interface OutboxSenderOptions {
  /** Messages per second, across all recipients. */
  ratePerSecond: number;
  batchSize: number;
  /** Poll interval when idle; an enqueue wakes the sender at once. */
  pollMs: number;
}

/**
 * Delivers outbox rows at a bounded rate. A rate-limit answer pauses the whole sender
 * (Zalo's limit is per app, not per recipient) and reschedules that row.
 */
export class OutboxSender {
  private readonly workerId = randomUUID();
  private readonly loop: PollLoop;
  private stopping = false;
  private pausedUntil = 0;
  private nextSlot = 0;

  constructor(
    private readonly store: OutboxStore,
    private readonly transport: Transport,
    private readonly log: Logger,
    private readonly options: OutboxSenderOptions = { ratePerSecond: 10, batchSize: 5, pollMs: 1_000 },
  ) {
    this.loop = new PollLoop(
      async () => {
        while (!this.stopping && (await this.sendBatch(new Date())) > 0);
      },
      async () => {
        // Sleep until the next row is due (a backoff or a scheduled alert), at most one poll.
        // A row already due here is held back behind an older one: poll, don't spin.
        const due = await this.store.nextDueAt();
        const untilDue = due && due.getTime() > Date.now() ? due.getTime() - Date.now() : this.options.pollMs;
        return Math.max(Math.min(untilDue, this.options.pollMs), this.pausedUntil - Date.now());
      },
      log,
      "outbox",
    );
  }

  start(): void {
    this.loop.start();
  }

  wake(): void {
    this.loop.wake();
  }

  /** Finishes the message being sent, hands the rest of its batch back, and stops. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.loop.stop();
  }

  /** Sends everything due now and returns how many rows it handled (tests, CLI). */
  async drain(now?: () => Date): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.sendBatch(now?.() ?? new Date());
      total += n;
      if (n === 0) return total;
    }
  }

  private async sendBatch(now: Date): Promise<number> {
    if (Date.now() < this.pausedUntil) return 0;
    // Reserved, not yet "sending": a row becomes "sending" only as it is handed to Zalo, so a
    // crash while this batch waits for its send slots leaves the rest to be sent by the next
    // sender, not marked as possibly delivered.
    const rows = await this.store.reserve(this.options.batchSize, this.workerId, now);
    // A recipient whose message must be retried gets nothing more from this batch, so their
    // messages keep their order (the retrying row now holds the later ones back in `reserve`).
    const stalled = new Set<string>();
    for (const [i, reserved] of rows.entries()) {
      if (stalled.has(recipientKey(reserved))) {
        await this.store.release([reserved.id], this.workerId);
        continue;
      }
      if (this.stopping || Date.now() < this.pausedUntil) {
        // Stopping, or Zalo said slow down mid-batch: the rest were never sent, give them back.
        await this.store.release(
          rows.slice(i).map((r) => r.id),
          this.workerId,
        );
        break;
      }
      await this.waitForSlot();
      const row = await this.store.markSending(reserved, this.workerId, now);
      if (!row) continue;
      const outcome = await this.deliver(row);
      const status = await this.store.record(row, outcome, now);
      if (status === "pending") stalled.add(recipientKey(row));
      if (outcome.status === "retry" && outcome.delayMs) this.pausedUntil = Date.now() + outcome.delayMs;
      const log = this.log.child({ outboxId: row.id, key: row.idempotencyKey, attempt: row.attempts });
      if (status === "sent") log.debug("message sent");
      else if (status === "pending")
        log.warn({ reason: "error" in outcome ? outcome.error : "" }, "send failed; will retry");
      else log.error({ status, reason: "error" in outcome ? outcome.error : "" }, "message not delivered");
    }
    return rows.length;
  }

  private async deliver(row: OutboxMessage): Promise<DeliveryOutcome> {
    let content: OutgoingContent;
    try {
      content = contentOf(row);
    } catch (error) {
      return {
        status: "failed",
        error: `unreadable payload: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    try {
      const progress = {
        skip: row.partsSent,
        onPart: (n: number) => this.store.markPartsSent(row.id, n),
      };
      const sent = await this.transport.deliver(
        { type: row.recipientType as "user" | "group", id: row.recipientId },
        content,
        progress,
        row.communeId,
      );
      return { status: "sent", messageId: sent.messageId };
    } catch (error) {
      return outcomeOf(error);
    }
  }

  /** Spaces sends evenly at the configured rate. */
  private async waitForSlot(): Promise<void> {
    const interval = 1000 / this.options.ratePerSecond;
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + interval;
    if (slot > now) await new Promise((r) => setTimeout(r, slot - now));
  }
}
