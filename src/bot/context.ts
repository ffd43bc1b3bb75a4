import type { Db } from "../db/client.js";
import { loadWorkingCalendar } from "../domain/calendar/load-calendar.js";
import type { WorkingCalendar } from "../domain/calendar/working-days.js";
import type { Actor } from "../domain/officials/scope.js";
import type { Logger } from "../logger.js";
import type { CallbackData } from "../messaging/callback-data.js";
import type { Notifier } from "../messaging/notifier.js";
import type { Button } from "../messaging/outgoing.js";
import type { Update } from "../messaging/update.js";
import type { Routable } from "./composer.js";
import { FLOW_TTL_MS } from "./conversation/flow.js";
import type { ConversationStore, StoredFlow } from "./conversation/state-store.js";
import type { AnyIntent, IntentRecognizer } from "./intents/intent.js";
import { normalizeMessage } from "./intents/normalize.js";
import { parseOfficialMessage } from "./intents/parse-official-intent.js";
import type { Clock } from "./templates/dates.js";

/** What every handler may use; one instance per bot. */
export interface BotServices {
  prisma: Db;
  notifier: Notifier;
  conversations: ConversationStore;
  log: Logger;
  /** The clock: tests pin it. */
  now: () => Date;
}

/** Who sent the update, as far as the bot knows. */
export interface Sender {
  zaloUserId: string;
  /** The linked official, when the Zalo account is bound to one. */
  officialId: string | null;
}

/** The linked official an update comes from, with what they may see (set by the officials' gate). */
export interface OfficialInfo {
  actor: Actor;
  name: string;
}

/**
 * One context per handled update (grammY's idea): the update, the sender, the commune,
 * the services, the intent parsed once, the user's current flow, and `reply`, which goes
 * out through the notifier. Handlers never reach for globals.
 */
export class BotContext implements Routable {
  /** The instant this update is handled at, fixed for the whole update. */
  readonly now: Date;
  readonly log: Logger;
  sender: Sender;
  /** The user's flow when the update arrived (loaded before routing). */
  flow: StoredFlow | null = null;
  /** Set for linked officials of this commune; null for everyone else. */
  official: OfficialInfo | null = null;
  /** Today's date and working calendar, for officials' replies (set with `official`). */
  clock: Clock | null = null;
  /** A button press, or typed words standing for one (see middleware/typed-answers.ts). */
  callback: CallbackData | null;
  private replies = 0;
  private parsedIntent: AnyIntent | null | undefined;
  private calendarPromise: Promise<WorkingCalendar> | undefined;

  constructor(
    private current: Update,
    readonly services: BotServices,
    private readonly recognizers: readonly IntentRecognizer[] = [],
  ) {
    this.now = services.now();
    this.log = services.log.child({ updateId: current.id, kind: current.kind });
    this.sender = { zaloUserId: current.userId, officialId: null };
    this.callback = current.kind === "callback" ? current.data : null;
  }

  get update(): Update {
    return this.current;
  }

  /**
   * Typed words that stand for one of the current step's buttons ("ok" for "Xác nhận"):
   * from here on the update is that button press, with no text and no intent.
   */
  treatAsPress(data: CallbackData): void {
    const { id, communeId, userId, at, delivery } = this.current;
    const msgId = "msgId" in this.current ? this.current.msgId : "";
    this.current = { id, communeId, userId, at, delivery, kind: "callback", msgId, data };
    this.callback = data;
    this.parsedIntent = null;
  }

  get prisma(): Db {
    return this.services.prisma;
  }

  get communeId(): string {
    return this.update.communeId;
  }

  /** The text of a text message; null for anything else (a button press has data, not text). */
  get text(): string | null {
    return this.update.kind === "text" ? this.update.text : null;
  }

  /**
   * What the message asks for: the features' recognisers first, then the officials'
   * parser. Parsed once, on first use, whichever handler asks.
   */
  get intent(): AnyIntent | null {
    if (this.parsedIntent === undefined) {
      const text = this.text;
      if (text === null) {
        // Opening the chat from the OA's page is a hello.
        this.parsedIntent = this.update.kind === "chat_opened" ? { name: "greeting" } : null;
      } else {
        const message = normalizeMessage(text);
        this.parsedIntent =
          this.recognizers.reduce<AnyIntent | undefined>(
            (found, recognize) => found ?? recognize(message, this.now),
            undefined,
          ) ?? parseOfficialMessage(message, this.now);
      }
    }
    return this.parsedIntent;
  }

  get flowName(): string | null {
    return this.flow?.name ?? null;
  }

  /** The commune's working calendar, loaded once per update when a handler needs it. */
  calendar(): Promise<WorkingCalendar> {
    this.calendarPromise ??= loadWorkingCalendar(this.prisma, this.communeId);
    return this.calendarPromise;
  }

  /** Starts a multi-step flow for this user (replacing any other); returns its nonce for buttons. */
  startFlow(state: { flow: string } & Record<string, unknown>, ttlMs = FLOW_TTL_MS): Promise<string> {
    return this.services.conversations.start(this.communeId, this.sender.zaloUserId, state, ttlMs, this.now);
  }

  clearFlow(): Promise<void> {
    return this.services.conversations.clear(this.communeId, this.sender.zaloUserId);
  }

  /**
   * Queues a reply. The idempotency key is derived from the update and the reply's
   * position, so handling the same update again (a retry after a crash) cannot send twice.
   */
  async reply(text: string, buttons: readonly Button[] = []): Promise<void> {
    this.replies += 1;
    await this.notify(this.sender.zaloUserId, text, buttons, `reply:${this.update.id}:${this.replies}`);
  }

  /** Messages someone else (a leader asked to decide, a requester told the outcome). */
  async notify(zaloUserId: string, text: string, buttons: readonly Button[], key: string): Promise<void> {
    await this.services.notifier.toUser(this.communeId, zaloUserId, text, buttons, key);
  }

  /** Posts to a Zalo group chat (the one-stop desk's, the leaders'). */
  async notifyGroup(groupId: string, text: string, key: string): Promise<void> {
    await this.services.notifier.toGroup(this.communeId, groupId, text, key);
  }
}

/** The context of a linked official's update. */
export type OfficialContext = BotContext & { official: OfficialInfo; clock: Clock };

export function isOfficial(ctx: BotContext): ctx is OfficialContext {
  return ctx.official !== null && ctx.clock !== null;
}
