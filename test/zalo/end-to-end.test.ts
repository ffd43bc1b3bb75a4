import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zaloEvents } from "../support/zalo-events.js";
import { ZaloHarness } from "../support/zalo-harness.js";

describe("webhook → inbox → bot → outbox → Zalo", () => {
  let zalo: ZaloHarness;
  beforeAll(async () => {
    zalo = await ZaloHarness.start();
    await zalo.service.db.prisma.commune.create({
      data: { slug: "xa-thu", name: "UBND xã Thử", kind: "xa" },
    });
  });
  afterAll(() => zalo.stop());

  it("answers a citizen's text with a greeting and the menu, within about a second", async () => {
    const started = Date.now();
    const reply = await zalo.say("5510185758261927916", "xin chao");
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(reply.text).toMatch(/em chào anh\/chị! Em là trợ lý tự động của UBND xã Thử/);
    expect(reply.buttons.map((b) => b.title)).toEqual([
      "Hỏi thủ tục",
      "Tra cứu hồ sơ",
      "Phản ánh, kiến nghị",
      "Hỏi cán bộ",
    ]);
    expect(zalo.oauthCalls).toBe(1); // bootstrapped from ZALO_REFRESH_TOKEN once
  });

  it("handles a retried delivery once: one reply only", async () => {
    const event = zaloEvents.text("u-retry", "alo");
    await zalo.post(event);
    await zalo.post(event);
    await zalo.nextTo("u-retry", 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(zalo.sent.filter((m) => m.to === "u-retry")).toHaveLength(1);
  });

  it("never answers an echo of the OA's own message", async () => {
    const before = zalo.sent.length;
    expect((await zalo.post(zaloEvents.oaEcho("u-echo", "Xin chào"))).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(zalo.sent.slice(before)).toEqual([]);
    const row = await zalo.service.db.prisma.inboxEvent.findFirstOrThrow({
      where: { eventName: "oa_send_text" },
    });
    expect(row.status).toBe("ignored");
  });

  it("welcomes a new follower and remembers the interaction", async () => {
    const before = zalo.sent.length;
    await zalo.post(zaloEvents.follow("u-follow"));
    const reply = await zalo.nextTo("u-follow", before);
    expect(reply.text).toMatch(/Cảm ơn anh\/chị đã quan tâm/);
    const user = await zalo.service.db.prisma.zaloUser.findFirstOrThrow({
      where: { zaloUserId: "u-follow" },
    });
    expect(user.following).toBe(true);
    expect(user.lastInteractionAt).not.toBeNull();
  });

  it("asks for text when sent an image", async () => {
    const before = zalo.sent.length;
    await zalo.post(zaloEvents.image("u-image"));
    expect((await zalo.nextTo("u-image", before)).text).toMatch(/chỉ đọc được tin nhắn chữ/);
  });

  it("reports the token state and scheduler on /health", async () => {
    const res = await fetch(`${zalo.service.url}/health`);
    expect(await res.json()).toMatchObject({
      zalo: { mode: "zalo", token: "ok" },
      scheduler: {
        state: "running",
        jobs: expect.arrayContaining([expect.objectContaining({ name: "zalo-token-refresh" })]),
      },
    });
  });
});
