import { describe, expect, it } from "vitest";
import { dedupeKeyOf, orderKeyOf, parseEvent } from "../../src/zalo/events.js";
import { zaloEvents } from "../support/zalo-events.js";

describe("parseEvent", () => {
  it("types the events the bot handles and keeps ids as strings", () => {
    const parsed = parseEvent(zaloEvents.text("5510185758261927916", "hi"));
    expect(parsed.kind).toBe("known");
    if (parsed.kind === "known" && parsed.name === "user_send_text") {
      expect(parsed.event.sender.id).toBe("5510185758261927916");
    }
    expect(parseEvent(zaloEvents.follow("1")).kind).toBe("known");
    expect(parseEvent(zaloEvents.image("1")).kind).toBe("known");
  });

  it("rejects a numeric id (it would have lost precision) as invalid", () => {
    const body = { ...zaloEvents.text("1", "x"), sender: { id: Number("5510185758261927916") } };
    expect(parseEvent(body)).toMatchObject({ kind: "invalid", error: expect.stringMatching(/^sender\.id/) });
  });

  it("sorts echoes of the OA's own messages and unknown kinds apart", () => {
    expect(parseEvent(zaloEvents.oaEcho("u", "x")).kind).toBe("oa_echo");
    expect(parseEvent({ event_name: "user_reacted_message", timestamp: "1" })).toEqual({
      kind: "unknown",
      name: "user_reacted_message",
    });
  });

  it("orders a user's events by the user, and an echo or receipt by its recipient", () => {
    expect(orderKeyOf(zaloEvents.text("u1", "x"))).toBe("u1");
    expect(orderKeyOf(zaloEvents.follow("u2"))).toBe("u2");
    expect(orderKeyOf(zaloEvents.oaEcho("u3", "x"))).toBe("u3");
  });

  it("keys deduplication by msg_id, and by body hash when there is none", () => {
    const text = zaloEvents.text("u1", "x");
    expect(dedupeKeyOf(text, "h")).toBe(`user_send_text:${text.message.msg_id}`);
    expect(dedupeKeyOf(zaloEvents.follow("u"), "abc")).toBe("follow:sha256:abc");
  });
});
