import { type Button, type OutgoingMessage, type Recipient, textContent } from "./outgoing.js";

/** Where messages wait to be sent: the durable outbox (src/zalo/outbox.ts). */
export interface OutboxQueue {
  enqueue(message: OutgoingMessage): Promise<"queued" | "duplicate">;
}

export interface SendOptions {
  /** Not before this instant (a reminder held back by quiet hours). */
  notBefore?: Date;
}

/**
 * The single way anything leaves the service: a reply to a person, a message to an
 * official, a post to a group. Every message becomes an outbox row with an idempotency
 * key, so whoever writes it (the bot handling an update, a job run, a retry of either)
 * and however often, it is sent once. The bot and the jobs both hold one of these.
 */
export class Notifier {
  constructor(
    private readonly outbox: OutboxQueue,
    /** Wakes the sender so a message leaves now rather than at its next poll. */
    private readonly onQueued: () => void = () => {},
  ) {}

  async send(
    communeId: string,
    recipient: Recipient,
    text: string,
    buttons: readonly Button[],
    key: string,
    options: SendOptions = {},
  ): Promise<"queued" | "duplicate"> {
    const result = await this.outbox.enqueue({
      idempotencyKey: key,
      communeId,
      recipient,
      content: textContent(text, buttons),
      ...(options.notBefore ? { notBefore: options.notBefore } : {}),
    });
    if (result === "queued") this.onQueued();
    return result;
  }

  /** A message to one person, by their OA-scoped Zalo user id. */
  toUser(
    communeId: string,
    zaloUserId: string,
    text: string,
    buttons: readonly Button[],
    key: string,
    options?: SendOptions,
  ) {
    return this.send(communeId, { type: "user", id: zaloUserId }, text, buttons, key, options);
  }

  /** A post to a group chat (group posts carry no buttons). */
  toGroup(communeId: string, groupId: string, text: string, key: string, options?: SendOptions) {
    return this.send(communeId, { type: "group", id: groupId }, text, [], key, options);
  }
}
