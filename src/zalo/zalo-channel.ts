import type { Router } from "express";
import type { Db } from "../db/client.js";
import type { Logger } from "../logger.js";
import { InboxStore } from "./inbox.js";
import { type InboxHandler, InboxWorker } from "./inbox-worker.js";
import { OaClient } from "./oa-client.js";
import { OutboxStore } from "./outbox.js";
import { OutboxSender, zaloTransport } from "./outbox-sender.js";
import type { SignatureKeys } from "./signature.js";
import { TokenManager, type TokenState } from "./token-manager.js";
import { createWebhookRouter } from "./webhook.js";

export interface ZaloChannelOptions {
  prisma: Db;
  log: Logger;
  keys: SignatureKeys;
  appSecret: string;
  bootstrapRefreshToken: string | undefined;
  /** Read when the channel starts: the sandbox only knows its own address after listening. */
  apiBaseUrl: () => string;
  oauthBaseUrl: () => string;
  resolveCommuneId: (oaId: string | null) => Promise<string | null>;
  maxEventAgeMs?: number;
  outboxRatePerSecond?: number;
}

/**
 * Everything between Zalo and the bot: the webhook, the durable inbox and its worker,
 * the outbox and its sender, the OA API client and the token manager. The bot is handed
 * in at start(), so this module never imports it.
 */
export class ZaloChannel {
  readonly inbox: InboxStore;
  readonly outbox: OutboxStore;
  readonly router: Router;
  private worker: InboxWorker | undefined;
  private sender: OutboxSender | undefined;
  private tokenManager: TokenManager | undefined;

  constructor(private readonly options: ZaloChannelOptions) {
    this.inbox = new InboxStore(options.prisma);
    this.outbox = new OutboxStore(options.prisma);
    this.router = createWebhookRouter({
      keys: options.keys,
      inbox: this.inbox,
      log: options.log.child({ component: "webhook" }),
      resolveCommuneId: options.resolveCommuneId,
      onStored: () => this.worker?.wake(),
      maxAgeMs: options.maxEventAgeMs,
    });
  }

  /** Wakes the sender so a queued reply leaves now rather than at the next poll. */
  readonly wakeOutbox = (): void => this.sender?.wake();

  get tokens(): TokenManager | undefined {
    return this.tokenManager;
  }

  start(handler: InboxHandler): void {
    const { options } = this;
    this.tokenManager = new TokenManager(
      options.prisma,
      {
        oaId: options.keys.oaId,
        appId: options.keys.appId,
        appSecret: options.appSecret,
        oauthBaseUrl: options.oauthBaseUrl(),
        bootstrapRefreshToken: options.bootstrapRefreshToken,
      },
      options.log.child({ component: "token" }),
    );
    const client = new OaClient(options.apiBaseUrl(), this.tokenManager);
    this.sender = new OutboxSender(
      this.outbox,
      zaloTransport(client),
      options.log.child({ component: "outbox" }),
      {
        ratePerSecond: options.outboxRatePerSecond ?? 10,
        batchSize: 5,
        pollMs: 1_000,
      },
    );
    this.worker = new InboxWorker(this.inbox, handler, options.log.child({ component: "inbox" }));
    this.sender.start();
    this.worker.start();
  }

  /** Stops taking events from the inbox, finishes the ones in flight, then stops sending. */
  async stop(): Promise<void> {
    await this.worker?.stop();
    await this.sender?.stop();
  }

  async tokenState(): Promise<{ token: TokenState | "not_started"; detail?: string }> {
    return this.tokenManager ? this.tokenManager.state() : { token: "not_started" };
  }
}
