import { randomUUID } from "node:crypto";
import { type Bot, createBot } from "../../src/bot/bot.js";
import { ConversationStore } from "../../src/bot/conversation/state-store.js";
import { botFeatures, type Feature } from "../../src/bot/features/index.js";
import type { Database } from "../../src/db/client.js";
import { seedDemoData } from "../../src/demo/seed-demo-data.js";
import { CatalogueCache } from "../../src/domain/procedures/catalogue-cache.js";
import { createLogger } from "../../src/logger.js";
import { Notifier } from "../../src/messaging/notifier.js";
import type { Button } from "../../src/messaging/outgoing.js";
import { decodeCallback } from "../../src/messaging/callback-data.js";
import type { Update, UpdateOutcome } from "../../src/messaging/update.js";
import { contentOf, OutboxStore } from "../../src/zalo/outbox.js";
import { createTestDatabase } from "./test-database.js";

/** One message the bot wrote, as the person (or group) would get it. */
export interface Sent {
  to: string;
  group: boolean;
  text: string;
  buttons: Button[];
  key: string;
}

export interface BotHarnessOptions {
  /** Seed the demo commune (default true). */
  seedDemo?: boolean;
  /** The bot's clock (default: the real one). */
  now?: () => Date;
  /** Features other than the bot's own (to test the router, or a failing handler). */
  features?: (defaults: Feature[]) => Feature[];
}

/**
 * The bot in process: updates go straight to `bot.handle`, and what it wrote to the
 * outbox is read back, with no HTTP server, inbox worker or sender polling. For the
 * whole path through the webhook, see ZaloHarness.
 */
export class BotHarness {
  private delivery: Update["delivery"] = { attempt: 1, final: false };

  private constructor(
    readonly db: Database,
    readonly bot: Bot,
    readonly communeId: string,
  ) {}

  static async start(options: BotHarnessOptions = {}): Promise<BotHarness> {
    const db = await createTestDatabase("sqlite");
    const now = options.now ?? (() => new Date());
    if (options.seedDemo ?? true) await seedDemoData(db.prisma, { now: now() });
    const commune =
      (await db.prisma.commune.findFirst({ select: { id: true } })) ??
      (await db.prisma.commune.create({
        data: { slug: "thu", name: "Xã Thử", kind: "xa" },
        select: { id: true },
      }));
    const defaults = botFeatures({ catalogues: new CatalogueCache(db.prisma) });
    const bot = createBot(
      {
        prisma: db.prisma,
        notifier: new Notifier(new OutboxStore(db.prisma)),
        conversations: new ConversationStore(db.prisma),
        log: createLogger("silent"),
        now,
      },
      options.features ? options.features(defaults) : defaults,
    );
    return new BotHarness(db, bot, commune.id);
  }

  get prisma() {
    return this.db.prisma;
  }

  /** Handles the next updates as the given try of their delivery (the last try: `final`). */
  onAttempt(attempt: number, final: boolean): this {
    this.delivery = { attempt, final };
    return this;
  }

  /** A person talking to the bot. */
  as(userId: string) {
    const base = () => ({
      id: randomUUID(),
      communeId: this.communeId,
      userId,
      at: new Date(),
      delivery: this.delivery,
    });
    const msgId = () => randomUUID().replace(/-/g, "").slice(0, 20);
    return {
      send: (text: string) => {
        const data = decodeCallback(text);
        return this.handle(
          data
            ? { ...base(), kind: "callback", msgId: msgId(), data }
            : { ...base(), kind: "text", msgId: msgId(), text },
        );
      },
      /** Presses a button: its payload comes back as the person's text, as in Zalo. */
      press: (button: Button) => {
        if (button.kind !== "query") throw new Error(`button "${button.title}" posts nothing back`);
        return this.as(userId).send(button.payload);
      },
      sendImage: (url: string) =>
        this.handle({
          ...base(),
          kind: "attachment",
          msgId: msgId(),
          text: null,
          attachments: [{ type: "image", url }],
        }),
      follow: () => this.handle({ ...base(), kind: "follow" }),
      openChat: () => this.handle({ ...base(), kind: "chat_opened" }),
    };
  }

  /** Handles one update and returns what the bot wrote while handling it. */
  async handle(update: Update): Promise<Reply> {
    const before = new Set(
      (await this.prisma.outboxMessage.findMany({ select: { id: true } })).map((r) => r.id),
    );
    let outcome: UpdateOutcome | undefined;
    let error: unknown;
    try {
      outcome = await this.bot.handle(update);
    } catch (e) {
      error = e;
    }
    const rows = await this.prisma.outboxMessage.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    const sent = rows
      .filter((r) => !before.has(r.id))
      .map((r): Sent => {
        const content = contentOf(r);
        return {
          to: r.recipientId,
          group: r.recipientType === "group",
          text: content.kind === "image" ? (content.caption ?? "") : content.text,
          buttons: content.kind === "buttons" ? content.buttons : [],
          key: r.idempotencyKey,
        };
      });
    return new Reply(update, sent, outcome, error);
  }

  async stop(): Promise<void> {
    await this.db.close();
  }
}

/** What one update produced: the messages written, and how handling ended. */
export class Reply {
  constructor(
    readonly update: Update,
    readonly sent: Sent[],
    readonly outcome: UpdateOutcome | undefined,
    readonly error: unknown,
  ) {}

  /** Messages to the person who sent the update. */
  get toSender(): Sent[] {
    return this.sent.filter((m) => !m.group && m.to === this.update.userId);
  }

  /** The one reply to the sender (throws when there is not exactly one). */
  get text(): string {
    const replies = this.toSender;
    if (replies.length !== 1) throw new Error(`expected one reply, got ${JSON.stringify(this.sent)}`);
    return replies[0]!.text;
  }

  button(title: string): Button {
    const found = this.toSender.flatMap((m) => m.buttons).find((b) => b.title === title);
    if (!found) throw new Error(`no button "${title}" in ${JSON.stringify(this.sent)}`);
    return found;
  }
}
