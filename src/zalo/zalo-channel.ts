import type { Router } from "express";
import type { Db, StorageState } from "../db/client.js";
import type { InboxEventWriter } from "../db/inbox-events.js";
import type { Logger } from "../logger.js";
import { InboxStore } from "./inbox.js";
import type { UpdateHandler, UpdateOutcome } from "../messaging/update.js";
import type { InboxEvent } from "./inbox.js";
import { InboxWorker } from "./inbox-worker.js";
import { type OaTokenState, ZaloAccounts } from "./accounts.js";
import { OutboxStore } from "./outbox.js";
import { OutboxSender, zaloTransport } from "./outbox-sender.js";
import type { SignatureKeys } from "./signature.js";
import type { TokenState } from "./token-manager.js";
import { toUpdate } from "./updates.js";
import { createWebhookRouter } from "./webhook.js";

export interface ZaloChannelOptions {
  prisma: Db;
  log: Logger;
  keys: SignatureKeys;
  appSecret: string;
  /** The deployment's own OA (ZALO_OA_ID) and its first refresh token, if configured. */
  defaultOa?: { oaId: string; refreshToken: string | undefined } | undefined;
  /** Read when the channel starts: the sandbox only knows its own address after listening. */
  apiBaseUrl: () => string;
  oauthBaseUrl: () => string;
  resolveCommuneId: (oaId: string | null) => Promise<string | null>;
  maxEventAgeMs?: number;
  outboxRatePerSecond?: number;
  /** The database's known state, for the webhook's 503. */
  storage?: StorageState;
  /** The inbox insert past Prisma, for the webhook's hot path. */
  inboxWriter?: InboxEventWriter;
  /**
   * Where wakes go when the inbox worker or the outbox sender runs in another process
   * (SERVICE_ROLE=split): without it they wait for that process's next poll.
   */
  wakeElsewhere?: (queue: "inbox" | "outbox") => void;
}

/**
 * Everything between Zalo and the bot: the webhook, the durable inbox and its worker,
 * the outbox and its sender, and the Official Accounts (one OA client and token manager
 * per commune's OA). The bot is handed in at start(), so this module never imports it.
 */
export class ZaloChannel {
  readonly inbox: InboxStore;
  readonly outbox: OutboxStore;
  readonly router: Router;
  private worker: InboxWorker | undefined;
  private sender: OutboxSender | undefined;
  private zaloAccounts: ZaloAccounts | undefined;

  constructor(private readonly options: ZaloChannelOptions) {
    this.inbox = new InboxStore(options.prisma, undefined, options.inboxWriter);
    this.outbox = new OutboxStore(options.prisma);
    this.router = createWebhookRouter({
      keys: options.keys,
      inbox: this.inbox,
      log: options.log.child({ component: "webhook" }),
      resolveCommuneId: options.resolveCommuneId,
      onStored: () => (this.worker ? this.worker.wake() : this.options.wakeElsewhere?.("inbox")),
      maxAgeMs: options.maxEventAgeMs,
      storage: options.storage,
    });
  }

  /** Wakes the sender so a queued reply leaves now rather than at the next poll. */
  readonly wakeOutbox = (): void =>
    this.sender ? this.sender.wake() : this.options.wakeElsewhere?.("outbox");

  /** Wakes the inbox worker (a wake from the web process, in a worker process). */
  readonly wakeInbox = (): void => this.worker?.wake();

  /** The OAs this channel speaks for (after start or startSending). */
  get accounts(): ZaloAccounts | undefined {
    return this.zaloAccounts;
  }

  /** Starts sending the outbox (and keeping the OA tokens fresh), without taking inbox events. */
  startSending(): void {
    if (this.sender) return;
    const { options } = this;
    this.sender = new OutboxSender(
      this.outbox,
      zaloTransport(this.openAccounts()),
      options.log.child({ component: "outbox" }),
      { ratePerSecond: options.outboxRatePerSecond ?? 10, batchSize: 5, pollMs: 1_000 },
    );
    this.sender.start();
  }

  /** The OAs and their tokens (read for /health even where another process sends). */
  openAccounts(): ZaloAccounts {
    const { options } = this;
    this.zaloAccounts ??= new ZaloAccounts(
      options.prisma,
      {
        appId: options.keys.appId,
        appSecret: options.appSecret,
        apiBaseUrl: options.apiBaseUrl(),
        oauthBaseUrl: options.oauthBaseUrl(),
        defaultOa: options.defaultOa,
      },
      options.log.child({ component: "token" }),
    );
    return this.zaloAccounts;
  }

  /** Sends everything in the outbox that is due now, then resolves (the CLI after a job run). */
  async drainOutbox(): Promise<number> {
    this.startSending();
    return this.sender!.drain();
  }

  /** Starts the whole channel: sending, and handing stored events to the bot. */
  start(bot: UpdateHandler): void {
    this.startSending();
    const log = this.options.log.child({ component: "inbox" });
    this.worker = new InboxWorker(this.inbox, (row) => this.dispatch(row, bot, log), log);
    this.worker.start();
  }

  /** Hands one stored event to the bot as a typed update; events it has no use for are set aside. */
  private async dispatch(row: InboxEvent, bot: UpdateHandler, log: Logger): Promise<UpdateOutcome> {
    const attempt = row.attempts;
    const update = toUpdate(row, { attempt, final: attempt >= this.inbox.policy.maxAttempts });
    if ("reason" in update) {
      const context = { inboxEventId: row.id, event: row.eventName };
      if (update.reason === "invalid")
        log.warn({ ...context, error: update.error }, "event failed validation; stored, not handled");
      if (update.reason === "no_commune")
        log.warn({ ...context, oaId: row.oaId }, "event for an OA no commune owns");
      return "ignored";
    }
    return bot.handle(update);
  }

  /** Stops taking events from the inbox, finishes the ones in flight, then stops sending. */
  async stop(): Promise<void> {
    await this.worker?.stop();
    await this.sender?.stop();
  }

  /**
   * The token of every OA: "ok" when all are, else the worst state (a failed refresh must
   * show on /health, whichever commune it is).
   */
  async tokenState(): Promise<{
    token: TokenState | "not_started";
    detail?: string;
    accounts?: OaTokenState[];
  }> {
    if (!this.zaloAccounts) return { token: "not_started" };
    const accounts = await this.zaloAccounts.states();
    const order: TokenState[] = ["failed", "missing", "refreshing", "expiring", "ok"];
    const worst = accounts.map((a) => a.token).sort((a, b) => order.indexOf(a) - order.indexOf(b))[0];
    const failed = accounts.find((a) => a.token === "failed");
    return {
      token: worst ?? "missing",
      ...(failed?.detail ? { detail: failed.detail } : {}),
      accounts,
    };
  }
}
