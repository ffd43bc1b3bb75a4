import { describe, expect, it } from "vitest";
import type { InboxEvent } from "../../src/zalo/inbox.js";
import { toUpdate } from "../../src/zalo/updates.js";
import { TEST_KEYS, zaloEvents } from "../support/zalo-events.js";

function row(body: Record<string, unknown>, communeId: string | null = "commune-1"): InboxEvent {
  return {
    id: "evt-1",
    communeId,
    oaId: TEST_KEYS.oaId,
    eventName: String(body.event_name),
    dedupeKey: "k",
    orderKey: "o",
    payload: JSON.stringify(body),
    receivedAt: new Date(),
    status: "processing",
    attempts: 1,
    nextAttemptAt: new Date(),
    lockedUntil: null,
    lastError: null,
    processedAt: null,
  };
}
const first = { attempt: 1, final: false };

describe("stored Zalo events as typed updates", () => {
  it("turns a text into a text update tied to the commune, NFC", () => {
    const body = zaloEvents.text("u1", "việc của tôi".normalize("NFD"));
    const update = toUpdate(row(body), first);
    expect(update).toMatchObject({
      kind: "text",
      id: "evt-1",
      communeId: "commune-1",
      userId: "u1",
      text: "việc của tôi",
      delivery: first,
    });
    expect("at" in update && update.at.getTime()).toBe(Number(body.timestamp));
  });

  it("turns a hidden button's payload into a callback", () => {
    expect(toUpdate(row(zaloEvents.text("u1", "#pick:ab12cd:2")), first)).toMatchObject({
      kind: "callback",
      data: { verb: "pick", args: ["ab12cd", "2"] },
    });
  });

  it("turns photos, follows and opening the chat into their kinds", () => {
    expect(toUpdate(row(zaloEvents.image("u2", "https://p.test/a.jpg")), first)).toMatchObject({
      kind: "attachment",
      userId: "u2",
      attachments: [{ type: "image", url: "https://p.test/a.jpg" }],
    });
    expect(toUpdate(row(zaloEvents.follow("u3")), first)).toMatchObject({ kind: "follow", userId: "u3" });
    const chatnow = {
      event_name: "user_click_chatnow",
      timestamp: "1",
      user_id: "u4",
      oa_id: TEST_KEYS.oaId,
    };
    expect(toUpdate(row(chatnow), first)).toMatchObject({ kind: "chat_opened", userId: "u4" });
  });

  it("gives the bot nothing for echoes, receipts, unknown events, invalid ones, or no commune", () => {
    expect(toUpdate(row(zaloEvents.oaEcho("u1", "hi")), first)).toEqual({ reason: "not_for_the_bot" });
    const seen = {
      event_name: "user_seen_message",
      timestamp: "1",
      sender: { id: "oa" },
      recipient: { id: "u" },
      message: { msg_ids: ["m"] },
    };
    expect(toUpdate(row(seen), first)).toEqual({ reason: "not_for_the_bot" });
    expect(toUpdate(row({ event_name: "add_user_to_tag", timestamp: "1" }), first)).toEqual({
      reason: "not_for_the_bot",
    });
    expect(toUpdate(row({ event_name: "user_send_text", timestamp: "1" }), first)).toMatchObject({
      reason: "invalid",
    });
    expect(toUpdate(row(zaloEvents.text("u1", "chào"), null), first)).toEqual({ reason: "no_commune" });
  });

  it("carries the try it is, so the bot knows when a failure is final", () => {
    expect(toUpdate(row(zaloEvents.text("u1", "x")), { attempt: 5, final: true })).toMatchObject({
      delivery: { attempt: 5, final: true },
    });
  });
});
