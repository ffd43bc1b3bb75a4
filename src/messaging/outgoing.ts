import { z } from "zod";

/**
 * What the service sends, in channel terms rather than Zalo's wire format: the bot, the
 * jobs and the notifier speak this; the transport (src/zalo) turns it into API calls.
 */

/** Buttons a message may carry; the channel shows at most this many. */
export const MAX_BUTTONS = 5;
/** Longer button titles are cut by the channel, so titles are written to fit. */
export const MAX_BUTTON_TITLE = 20;

const button = z.discriminatedUnion("kind", [
  /** Posts `payload` back as the user's message (hidden: not shown in the chat). */
  z.object({
    kind: z.literal("query"),
    title: z.string(),
    payload: z.string(),
    hidden: z.boolean().optional(),
  }),
  z.object({ kind: z.literal("url"), title: z.string(), url: z.string() }),
  z.object({ kind: z.literal("phone"), title: z.string(), phone: z.string() }),
]);
export type Button = z.infer<typeof button>;

/** What a message says, stored as JSON in the outbox row. */
export const outgoingContent = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("text"), text: z.string().min(1), quoteMessageId: z.string().optional() }),
  z.object({
    kind: z.literal("buttons"),
    text: z.string().min(1),
    buttons: z.array(button).min(1).max(MAX_BUTTONS),
  }),
  z.object({ kind: z.literal("image"), url: z.string().url(), caption: z.string().optional() }),
]);
export type OutgoingContent = z.infer<typeof outgoingContent>;

/** A person (by their OA-scoped user id) or a group chat the OA posts to. */
export interface Recipient {
  type: "user" | "group";
  id: string;
}

export interface OutgoingMessage {
  /** Same key → sent at most once, whoever enqueues it and however often. */
  idempotencyKey: string;
  recipient: Recipient;
  content: OutgoingContent;
  communeId?: string | null;
  /** Not before this instant (scheduled alerts). */
  notBefore?: Date;
}

/** A text with buttons when there are any. */
export function textContent(text: string, buttons: readonly Button[] = []): OutgoingContent {
  return buttons.length > 0 ? { kind: "buttons", text, buttons: [...buttons] } : { kind: "text", text };
}
