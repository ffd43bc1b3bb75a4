import type { Db } from "../db/client.js";
import type { Logger } from "../logger.js";
import type { Button } from "../zalo/oa-client.js";
import type { OutboxStore } from "../zalo/outbox.js";

/** Who sent the update, as far as the bot knows. */
export interface Sender {
  zaloUserId: string;
  /** The linked official, when the Zalo account is bound to one (officials' issue). */
  officialId: string | null;
}

/**
 * One context per handled update (grammY's idea): the update, the sender, the commune,
 * and `reply`, which puts the answer in the outbox. Handlers never reach for globals.
 */
export class BotContext {
  private replies = 0;

  constructor(
    readonly update: {
      inboxEventId: string;
      eventName: string;
      msgId: string | null;
      text: string | null;
      attachments: { type: string; url?: string; name?: string }[];
    },
    readonly sender: Sender,
    readonly communeId: string,
    readonly prisma: Db,
    private readonly outbox: OutboxStore,
    readonly log: Logger,
    private readonly onQueued: () => void,
  ) {}

  get text(): string | null {
    return this.update.text;
  }

  /**
   * Queues a reply. The idempotency key is derived from the inbox event and the reply's
   * position, so handling the same event again (a retry after a crash) cannot send twice.
   */
  async reply(text: string, buttons: Button[] = []): Promise<void> {
    this.replies += 1;
    await this.outbox.enqueue({
      idempotencyKey: `reply:${this.update.inboxEventId}:${this.replies}`,
      communeId: this.communeId,
      recipient: { type: "user", id: this.sender.zaloUserId },
      content: buttons.length > 0 ? { kind: "buttons", text, buttons } : { kind: "text", text },
    });
    this.onQueued();
  }
}
