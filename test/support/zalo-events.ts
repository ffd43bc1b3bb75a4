import { randomBytes } from "node:crypto";
import { signZaloBody } from "../../src/zalo/signature.js";

/** Test OA credentials (made up). */
export const TEST_KEYS = {
  appId: "360846524940903967",
  oaId: "1646843870823903717",
  oaSecretKey: "test-oa-secret",
};

let clock = 1_763_700_000_000;
const nextTimestamp = () => String((clock += 1000));
const msgId = () => randomBytes(10).toString("hex");

/** Factories for webhook bodies shaped like Zalo's (see shared/zalo-oa-api.md §1.5). */
export const zaloEvents = {
  text(userId: string, text: string, overrides: Record<string, unknown> = {}) {
    return {
      app_id: TEST_KEYS.appId,
      user_id_by_app: `app-${userId}`,
      event_name: "user_send_text",
      timestamp: nextTimestamp(),
      sender: { id: userId },
      recipient: { id: TEST_KEYS.oaId },
      message: { msg_id: msgId(), text },
      ...overrides,
    };
  },
  image(userId: string, url = "https://photo.zalo.test/a.jpg") {
    return {
      app_id: TEST_KEYS.appId,
      event_name: "user_send_image",
      timestamp: nextTimestamp(),
      sender: { id: userId },
      recipient: { id: TEST_KEYS.oaId },
      message: { msg_id: msgId(), attachments: [{ type: "image", payload: { url, thumbnail: url } }] },
    };
  },
  follow(userId: string) {
    return {
      app_id: TEST_KEYS.appId,
      oa_id: TEST_KEYS.oaId,
      event_name: "follow",
      timestamp: nextTimestamp(),
      follower: { id: userId },
      source: "oa_profile",
      user_id_by_app: `app-${userId}`,
    };
  },
  oaEcho(userId: string, text: string) {
    return {
      app_id: TEST_KEYS.appId,
      event_name: "oa_send_text",
      timestamp: nextTimestamp(),
      sender: { id: TEST_KEYS.oaId },
      recipient: { id: userId },
      message: { msg_id: msgId(), text },
    };
  },
};

/** Serialises and signs a body as Zalo does; `signWith` picks the first id of the MAC. */
export function signed(body: Record<string, unknown>, signWith: "app_id" | "oa_id" = "app_id") {
  const raw = JSON.stringify(body);
  const id = signWith === "app_id" ? TEST_KEYS.appId : TEST_KEYS.oaId;
  return { raw, signature: signZaloBody(id, raw, String(body.timestamp), TEST_KEYS.oaSecretKey) };
}
