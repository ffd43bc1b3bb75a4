import { z } from "zod";

/**
 * Zod schemas of the webhook events we act on. Ids and timestamps are strings (ids
 * overflow JS numbers; timestamp is epoch ms). Unknown fields pass through untouched:
 * the raw payload is stored as received, these schemas only type what the bot reads.
 */
const id = z.string().min(1);
const party = z.object({ id });
const base = {
  app_id: z.string().optional(),
  timestamp: z.string().regex(/^\d+$/, "epoch milliseconds as a string"),
  user_id_by_app: z.string().optional(),
};

const attachment = z.looseObject({
  type: z.string(),
  payload: z
    .looseObject({
      url: z.string().optional(),
      thumbnail: z.string().optional(),
      name: z.string().optional(),
      size: z.union([z.string(), z.number()]).optional(),
      type: z.string().optional(),
      id: z.string().optional(),
      coordinates: z.looseObject({ latitude: z.string(), longitude: z.string() }).optional(),
    })
    .optional(),
});

const userMessage = <N extends string, M extends z.ZodRawShape>(name: N, message: M) =>
  z.looseObject({
    ...base,
    event_name: z.literal(name),
    sender: party,
    recipient: party,
    message: z.looseObject({ msg_id: id, quote_msg_id: z.string().optional(), ...message }),
  });

export const userSendText = userMessage("user_send_text", { text: z.string() });
export const userSendImage = userMessage("user_send_image", {
  text: z.string().optional(),
  attachments: z.array(attachment).min(1),
});
export const userSendFile = userMessage("user_send_file", { attachments: z.array(attachment).min(1) });
export const userSendLocation = userMessage("user_send_location", {
  attachments: z.array(attachment).min(1),
});
export const userSendSticker = userMessage("user_send_sticker", { attachments: z.array(attachment).min(1) });

export const follow = z.looseObject({
  ...base,
  event_name: z.literal("follow"),
  oa_id: z.string().optional(),
  follower: party,
  source: z.string().optional(),
});
export const unfollow = follow.extend({ event_name: z.literal("unfollow") });

export const userClickChatnow = z.looseObject({
  ...base,
  event_name: z.literal("user_click_chatnow"),
  oa_id: z.string().optional(),
  user_id: id,
});

export const userSubmitInfo = z.looseObject({
  ...base,
  event_name: z.literal("user_submit_info"),
  sender: party,
  recipient: party,
  info: z.record(z.string(), z.unknown()),
});

/**
 * A member wrote in a group chat the OA belongs to (GMF). The group is the recipient;
 * `recipient.id` is what Zalo's docs say, but uncertain (shared/zalo-oa-api.md §1.5).
 */
export const userSendGroupText = z.looseObject({
  ...base,
  event_name: z.literal("user_send_group_text"),
  sender: party,
  recipient: party,
  message: z.looseObject({ msg_id: id, text: z.string() }),
});

export const userReceivedMessage = z.looseObject({
  ...base,
  event_name: z.literal("user_received_message"),
  sender: party,
  recipient: party,
  message: z.looseObject({ msg_id: id }),
});
export const userSeenMessage = z.looseObject({
  ...base,
  event_name: z.literal("user_seen_message"),
  sender: party,
  recipient: party,
  message: z.looseObject({ msg_ids: z.array(id) }),
});

/** Echo of something the OA sent (by API or from the OA admin's chat). Never answered. */
export const oaEcho = z.looseObject({
  ...base,
  event_name: z.string().regex(/^oa_send_/),
  sender: party,
  recipient: party,
  message: z.looseObject({ msg_id: z.string().optional() }).optional(),
});

export const knownEventSchemas = {
  user_send_text: userSendText,
  user_send_image: userSendImage,
  user_send_file: userSendFile,
  user_send_location: userSendLocation,
  user_send_sticker: userSendSticker,
  follow,
  unfollow,
  user_click_chatnow: userClickChatnow,
  user_submit_info: userSubmitInfo,
  user_send_group_text: userSendGroupText,
  user_received_message: userReceivedMessage,
  user_seen_message: userSeenMessage,
} as const;

export type KnownEventName = keyof typeof knownEventSchemas;
/** One variant per known event name, so switching on `name` narrows `event`. */
export type KnownEvent = {
  [K in KnownEventName]: { kind: "known"; name: K; event: z.infer<(typeof knownEventSchemas)[K]> };
}[KnownEventName];

export type ParsedEvent =
  | KnownEvent
  | { kind: "oa_echo"; name: string; event: z.infer<typeof oaEcho> }
  | { kind: "unknown"; name: string }
  | { kind: "invalid"; name: string; error: string };

/** The envelope every event must have before we store it. */
export const envelope = z.looseObject({
  event_name: z.string().min(1).max(100),
  timestamp: z.union([z.string(), z.number()]).optional(),
});

export function parseEvent(body: unknown): ParsedEvent {
  const head = envelope.safeParse(body);
  if (!head.success) return { kind: "invalid", name: "", error: "missing event_name" };
  const name = head.data.event_name;
  if (name.startsWith("oa_send_")) {
    const r = oaEcho.safeParse(body);
    return r.success
      ? { kind: "oa_echo", name, event: r.data }
      : { kind: "invalid", name, error: r.error.message };
  }
  if (!(name in knownEventSchemas)) return { kind: "unknown", name };
  const schema = knownEventSchemas[name as KnownEventName];
  const r = schema.safeParse(body);
  if (!r.success) {
    const issue = r.error.issues[0];
    return { kind: "invalid", name, error: `${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}` };
  }
  return { kind: "known", name, event: r.data } as KnownEvent;
}

/** Who the event is about: its events are handled in order, one at a time. */
export function orderKeyOf(body: Record<string, unknown>): string {
  const get = (path: string[]): unknown =>
    path.reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], body);
  const name = String(body.event_name ?? "");
  const candidates =
    name.startsWith("oa_send_") || name === "user_received_message" || name === "user_seen_message"
      ? [
          ["recipient", "id"],
          ["sender", "id"],
        ]
      : [["sender", "id"], ["follower", "id"], ["user_id"], ["recipient", "id"]];
  for (const path of candidates) {
    const v = get(path);
    if (typeof v === "string" && v) return v;
  }
  return "_";
}

/** msg_id when the event has one; otherwise a stable key built from its content. */
export function dedupeKeyOf(body: Record<string, unknown>, bodyHash: string): string {
  const message = body.message as Record<string, unknown> | undefined;
  const msgId = message?.msg_id;
  const name = String(body.event_name ?? "");
  // Delivery receipts carry the msg_id of OUR message: key them by event so a receipt
  // never collides with the message it acknowledges.
  if (typeof msgId === "string" && msgId) return `${name}:${msgId}`;
  return `${name}:sha256:${bodyHash}`;
}
