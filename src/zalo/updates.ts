import { decodeCallback } from "../messaging/callback-data.js";
import type { Update } from "../messaging/update.js";
import { type KnownEvent, parseEvent } from "./events.js";
import type { InboxEvent } from "./inbox.js";

/** Why a stored event gives the bot nothing to do. */
export type NoUpdate =
  | { reason: "invalid"; error: string }
  | { reason: "no_commune" }
  /** Echoes of the OA's own messages, delivery receipts, unknown kinds: never answered (no reply loops). */
  | { reason: "not_for_the_bot" };

/**
 * Turns a stored webhook event into the typed update the bot handles: Zalo's wire format
 * (event names, sender/recipient/follower ids, string timestamps, attachment payloads)
 * ends here. A hidden button's payload comes back as the user's text; its `#verb:args`
 * shape makes it a callback.
 */
export function toUpdate(row: InboxEvent, delivery: Update["delivery"]): Update | NoUpdate {
  const parsed = parseEvent(JSON.parse(row.payload));
  if (parsed.kind === "invalid") return { reason: "invalid", error: parsed.error };
  if (parsed.kind !== "known") return { reason: "not_for_the_bot" };
  if (!row.communeId) return { reason: "no_commune" };
  const base = (userId: string) => ({
    id: row.id,
    communeId: row.communeId!,
    userId,
    at: new Date(Number(parsed.event.timestamp)),
    delivery,
  });
  return fromEvent(parsed, base) ?? { reason: "not_for_the_bot" };
}

type Base = (userId: string) => Omit<Update, "kind">;

function fromEvent(parsed: KnownEvent, base: Base): Update | null {
  switch (parsed.name) {
    case "user_received_message":
    case "user_seen_message":
    case "user_submit_info":
      return null;
    case "follow":
    case "unfollow":
      return { ...base(parsed.event.follower.id), kind: parsed.name };
    case "user_click_chatnow":
      return { ...base(parsed.event.user_id), kind: "chat_opened" };
    case "user_send_text": {
      const { sender, message } = parsed.event;
      const text = message.text.normalize("NFC");
      const data = decodeCallback(text);
      return data
        ? { ...base(sender.id), kind: "callback", msgId: message.msg_id, data }
        : { ...base(sender.id), kind: "text", msgId: message.msg_id, text };
    }
    case "user_send_group_text": {
      const { sender, recipient, message } = parsed.event;
      return {
        ...base(sender.id),
        kind: "group_text",
        msgId: message.msg_id,
        groupId: recipient.id,
        text: message.text.normalize("NFC"),
      };
    }
    case "user_send_image":
    case "user_send_file":
    case "user_send_location":
    case "user_send_sticker": {
      const { sender, message } = parsed.event;
      const caption = "text" in message && typeof message.text === "string" ? message.text : null;
      return {
        ...base(sender.id),
        kind: "attachment",
        msgId: message.msg_id,
        text: caption ? caption.normalize("NFC") : null,
        attachments: message.attachments.map((a) => ({
          type: a.type,
          url: a.payload?.url,
          name: a.payload?.name,
          size: a.payload?.size === undefined ? undefined : Number(a.payload.size) || undefined,
        })),
      };
    }
  }
}
