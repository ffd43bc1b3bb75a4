import type { CallbackData } from "./callback-data.js";

/**
 * One incoming update, as the transport hands it to the bot: already validated, already
 * tied to a commune, with nothing of Zalo's wire format left. The bot never reads a
 * webhook body.
 */
export type Update =
  | (UpdateBase & { kind: "text"; msgId: string; text: string })
  /** A hidden button was pressed (its payload came back as `#verb:args`). */
  | (UpdateBase & { kind: "callback"; msgId: string; data: CallbackData })
  /** A photo, file, location or sticker, with the caption when there is one. */
  | (UpdateBase & { kind: "attachment"; msgId: string; text: string | null; attachments: Attachment[] })
  | (UpdateBase & { kind: "follow" | "unfollow" })
  /** The user opened the chat from the OA's page ("Nhắn tin"). */
  | (UpdateBase & { kind: "chat_opened" })
  /** Someone wrote in a group chat the OA belongs to. */
  | (UpdateBase & { kind: "group_text"; msgId: string; groupId: string; text: string });

export type UpdateKind = Update["kind"];

export interface UpdateBase {
  /** Stable across redeliveries and retries: replies are keyed on it. */
  id: string;
  communeId: string;
  /** The OA-scoped id of the person the update is from. */
  userId: string;
  /** When the person acted (the event's own timestamp). */
  at: Date;
  /** Which try of handling this is; `final` when a failure now is not retried. */
  delivery: { attempt: number; final: boolean };
}

export interface Attachment {
  type: string;
  url?: string | undefined;
  name?: string | undefined;
  size?: number | undefined;
}

/** What became of an update: handled, or deliberately left alone. */
export type UpdateOutcome = "done" | "ignored";

/** The bot as the transport sees it. */
export interface UpdateHandler {
  handle(update: Update): Promise<UpdateOutcome>;
}
