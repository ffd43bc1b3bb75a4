import type { Db } from "../db/client.js";
import { loadWorkingCalendar } from "../domain/calendar/load-calendar.js";
import type { WorkingCalendar } from "../domain/calendar/working-days.js";
import type { Logger } from "../logger.js";
import type { Button } from "../zalo/oa-client.js";
import type { OutboxStore } from "../zalo/outbox.js";
import type { ConversationStore, FlowState, StoredFlow } from "./conversation/state-store.js";

/** How long a flow waits for the user's next step. */
export const FLOW_TTL_MS = 30 * 60_000;

/** Who sent the update, as far as the bot knows. */
export interface Sender {
  zaloUserId: string;
  /** The linked official, when the Zalo account is bound to one. */
  officialId: string | null;
}

export interface Update {
  inboxEventId: string;
  eventName: string;
  msgId: string | null;
  text: string | null;
  attachments: { type: string; url?: string; name?: string; size?: number }[];
}

/** What every handler may use; one instance per bot. */
export interface BotServices {
  prisma: Db;
  outbox: OutboxStore;
  conversations: ConversationStore;
  log: Logger;
  /** The clock: tests pin it. */
  now: () => Date;
  /** Wakes the outbox sender so a reply leaves at once instead of at the next poll. */
  onQueued: () => void;
}

/**
 * One context per handled update (grammY's idea): the update, the sender, the commune,
 * the services, and `reply`, which puts the answer in the outbox. Handlers never reach
 * for globals.
 */
export class BotContext {
  private replies = 0;
  private calendarPromise: Promise<WorkingCalendar> | undefined;
  /** The instant this update is handled at, fixed for the whole update. */
  readonly now: Date;

  constructor(
    readonly update: Update,
    readonly sender: Sender,
    readonly communeId: string,
    readonly services: BotServices,
    readonly log: Logger,
  ) {
    this.now = services.now();
  }

  get prisma(): Db {
    return this.services.prisma;
  }

  get text(): string | null {
    return this.update.text;
  }

  /** The commune's working calendar, loaded once per update when a handler needs it. */
  calendar(): Promise<WorkingCalendar> {
    this.calendarPromise ??= loadWorkingCalendar(this.prisma, this.communeId);
    return this.calendarPromise;
  }

  /** Starts a multi-step flow for this user (replacing any other); returns its nonce for buttons. */
  startFlow(state: FlowState, ttlMs = FLOW_TTL_MS): Promise<string> {
    return this.services.conversations.start(this.communeId, this.sender.zaloUserId, state, ttlMs, this.now);
  }

  currentFlow(): Promise<StoredFlow | null> {
    return this.services.conversations.get(this.communeId, this.sender.zaloUserId, this.now);
  }

  clearFlow(): Promise<void> {
    return this.services.conversations.clear(this.communeId, this.sender.zaloUserId);
  }

  /**
   * Queues a reply. The idempotency key is derived from the inbox event and the reply's
   * position, so handling the same event again (a retry after a crash) cannot send twice.
   */
  async reply(text: string, buttons: Button[] = []): Promise<void> {
    this.replies += 1;
    await this.send(
      this.sender.zaloUserId,
      text,
      buttons,
      `reply:${this.update.inboxEventId}:${this.replies}`,
    );
  }

  /** Messages someone else (a leader asked to decide, a requester told the outcome). */
  async notify(zaloUserId: string, text: string, buttons: Button[], key: string): Promise<void> {
    await this.send(zaloUserId, text, buttons, key);
  }

  /** Posts to a Zalo group chat (the one-stop desk's, the leaders'). */
  async notifyGroup(groupId: string, text: string, key: string): Promise<void> {
    await this.services.outbox.enqueue({
      idempotencyKey: key,
      communeId: this.communeId,
      recipient: { type: "group", id: groupId },
      content: { kind: "text", text },
    });
    this.services.onQueued();
  }

  private async send(to: string, text: string, buttons: Button[], key: string): Promise<void> {
    await this.services.outbox.enqueue({
      idempotencyKey: key,
      communeId: this.communeId,
      recipient: { type: "user", id: to },
      content: buttons.length > 0 ? { kind: "buttons", text, buttons } : { kind: "text", text },
    });
    this.services.onQueued();
  }
}
