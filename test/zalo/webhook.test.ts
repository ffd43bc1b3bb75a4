import { createHmac } from "node:crypto";
import express from "express";
import request from "supertest";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { createLogger } from "../../src/logger.js";
import { InboxStore } from "../../src/zalo/inbox.js";
import { createWebhookRouter } from "../../src/zalo/webhook.js";
import { createTestDatabase } from "../support/test-database.js";
import { signed, TEST_KEYS, zaloEvents } from "../support/zalo-events.js";

describe("POST /webhooks/zalo", () => {
  let db: Database;
  let app: express.Express;
  let woken = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = express();
    app.use(
      createWebhookRouter({
        keys: TEST_KEYS,
        inbox: new InboxStore(db.prisma),
        log: createLogger("silent"),
        resolveCommuneId: async () => null,
        onStored: () => (woken += 1),
        maxBodyBytes: 64 * 1024,
      }),
    );
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    await db.prisma.inboxEvent.deleteMany();
    woken = 0;
  });

  const post = (raw: string, signature?: string) => {
    const req = request(app).post("/webhooks/zalo").set("Content-Type", "application/json");
    if (signature) req.set("X-ZEvent-Signature", signature);
    return req.send(raw);
  };

  it.each(["app_id", "oa_id"] as const)(
    "accepts a body signed with the %s variant and stores it before answering",
    async (variant) => {
      const { raw, signature } = signed(zaloEvents.text("u1", "viec cua toi"), variant);
      await post(raw, signature).expect(200);
      const rows = await db.prisma.inboxEvent.findMany();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        eventName: "user_send_text",
        orderKey: "u1",
        status: "pending",
        payload: raw,
      });
      expect(woken).toBe(1);
    },
  );

  it("keeps the exact bytes: pretty-printed Vietnamese bodies verify and are stored as received", async () => {
    const body = zaloEvents.text("u1", "Thủ tục đăng ký khai sinh cần giấy tờ gì ạ?");
    const raw = JSON.stringify(body, null, 2);
    const { signature } = { signature: signed(body).signature };
    // The signature above is over the compact form: the pretty body must NOT verify with it…
    await post(raw, signature).expect(401);
    // …and verifies when signed over its own bytes.
    const { signZaloBody } = await import("../../src/zalo/signature.js");
    await post(raw, signZaloBody(TEST_KEYS.appId, raw, body.timestamp, TEST_KEYS.oaSecretKey)).expect(200);
    expect((await db.prisma.inboxEvent.findFirstOrThrow()).payload).toBe(raw);
  });

  it("rejects missing, forged and HMAC-style signatures with 401 and stores nothing", async () => {
    const { raw } = signed(zaloEvents.text("u1", "hi"));
    const body = JSON.parse(raw) as { timestamp: string };
    const hmac = createHmac("sha256", TEST_KEYS.oaSecretKey)
      .update(TEST_KEYS.appId + raw + body.timestamp)
      .digest("hex");
    expect((await post(raw).expect(401)).body).toEqual({ error: "missing_signature" });
    await post(raw, `mac=${"0".repeat(64)}`).expect(401);
    await post(raw, `mac=${hmac}`).expect(401);
    await post(raw, "totally-wrong").expect(401);
    expect(await db.prisma.inboxEvent.count()).toBe(0);
  });

  it("handles a replayed request once: the second delivery is acknowledged, not stored", async () => {
    const { raw, signature } = signed(zaloEvents.text("u1", "hi"));
    await post(raw, signature).expect(200);
    const again = await post(raw, signature).expect(200);
    expect(again.body).toEqual({ ok: true, duplicate: true });
    expect(await db.prisma.inboxEvent.count()).toBe(1);
    expect(woken).toBe(1);
  });

  it("deduplicates events without msg_id by the hash of their body", async () => {
    const { raw, signature } = signed(zaloEvents.follow("u9"));
    await post(raw, signature).expect(200);
    await post(raw, signature).expect(200);
    expect(await db.prisma.inboxEvent.count()).toBe(1);
  });

  it("answers 400 to a body that is not JSON or not an object, and 413 to a huge one, without crashing", async () => {
    expect((await post("not json", "mac=x").expect(400)).body).toEqual({ error: "body_not_json" });
    expect((await post("[1,2]", "mac=x").expect(400)).body).toEqual({ error: "body_not_object" });
    const huge = JSON.stringify({ event_name: "user_send_text", padding: "x".repeat(100 * 1024) });
    expect((await post(huge, "mac=x").expect(413)).body).toEqual({ error: "entity.too.large" });
    // Still serving after all that.
    const { raw, signature } = signed(zaloEvents.text("u1", "hi"));
    await post(raw, signature).expect(200);
  });

  it("stores and acknowledges event kinds it does not know", async () => {
    const { raw, signature } = signed({ ...zaloEvents.text("u1", "x"), event_name: "user_reacted_message" });
    await post(raw, signature).expect(200);
    expect((await db.prisma.inboxEvent.findFirstOrThrow()).eventName).toBe("user_reacted_message");
  });

  it("accepts an old timestamp: Zalo redelivers for hours with the original one", async () => {
    const { raw, signature } = signed(
      zaloEvents.text("u1", "hi", { timestamp: String(Date.now() - 6 * 3_600_000) }),
    );
    await post(raw, signature).expect(200);
  });
});

describe("POST /webhooks/zalo with a maximum event age", () => {
  it("rejects an event older than the configured limit with 400", async () => {
    const db = await createTestDatabase();
    try {
      const app = express().use(
        createWebhookRouter({
          keys: TEST_KEYS,
          inbox: new InboxStore(db.prisma),
          log: createLogger("silent"),
          resolveCommuneId: async () => null,
          maxAgeMs: 24 * 3_600_000,
        }),
      );
      const old = signed(zaloEvents.text("u1", "hi", { timestamp: String(Date.now() - 25 * 3_600_000) }));
      const res = await request(app)
        .post("/webhooks/zalo")
        .set("X-ZEvent-Signature", old.signature)
        .send(old.raw)
        .expect(400);
      expect(res.body).toEqual({ error: "event_too_old" });
      expect(await db.prisma.inboxEvent.count()).toBe(0);
    } finally {
      await db.close();
    }
  });
});

describe("cachedCommuneResolver", () => {
  it("asks the database once per OA within its time to live, and soon again for an unknown OA", async () => {
    const { cachedCommuneResolver } = await import("../../src/domain/communes/commune-for-oa.js");
    const db = await createTestDatabase();
    try {
      let now = 0;
      const resolve = cachedCommuneResolver(db.prisma, 1_000, () => now, 100);
      expect(await resolve("oa-1")).toBeNull(); // no commune yet
      const commune = await db.prisma.commune.create({ data: { slug: "a", name: "A", kind: "xa" } });
      now = 99;
      expect(await resolve("oa-1")).toBeNull(); // "none" remembered a short while
      now = 100;
      expect(await resolve("oa-1")).toBe(commune.id); // the only commune owns every OA
      await db.prisma.commune.create({ data: { slug: "b", name: "B", kind: "xa" } });
      now = 1_099;
      expect(await resolve("oa-1")).toBe(commune.id); // an owner remembered its whole time to live
      now = 1_100;
      expect(await resolve("oa-1")).toBeNull(); // two communes, and neither names oa-1
    } finally {
      await db.close();
    }
  });
});
