import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { createLogger } from "../../src/logger.js";
import { OaClient } from "../../src/zalo/oa-client.js";
import { OutboxStore } from "../../src/zalo/outbox.js";
import { OutboxSender, zaloTransport } from "../../src/zalo/outbox-sender.js";
import { createTestDatabase, providers } from "../support/test-database.js";

const API = "https://zalo.test";
const log = createLogger("silent");
const staticToken = { accessToken: async () => "t", refreshAfterRejection: async () => "t" };
const fastPolicy = { maxAttempts: 4, leaseMs: 60_000, backoffMs: () => 1_000 };

function sender(store: OutboxStore) {
  return new OutboxSender(store, zaloTransport(new OaClient(API, staticToken)), log, {
    ratePerSecond: 1000,
    batchSize: 10,
    pollMs: 10,
  });
}

const message = (key: string, text = "Nhắc việc NV12") => ({
  idempotencyKey: key,
  recipient: { type: "user" as const, id: "u1" },
  content: { kind: "text" as const, text },
});

describe.each(providers())("outbox on %s", (provider) => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
    nock.disableNetConnect();
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    await db.prisma.outboxMessage.deleteMany();
  });
  afterEach(() => {
    nock.cleanAll();
  });

  it("sends each idempotency key once, across enqueues and a simulated restart", async () => {
    const scope = nock(API)
      .post("/v3.0/oa/message/cs")
      .reply(200, { error: 0, data: { message_id: "z1" } });
    const first = new OutboxStore(db.prisma, fastPolicy);
    expect(await first.enqueue(message("reply:e1:1"))).toBe("queued");
    expect(await first.enqueue(message("reply:e1:1"))).toBe("duplicate");
    expect(await sender(first).drain()).toBe(1);
    expect(scope.isDone()).toBe(true);

    // "Restart": new store and sender on the same database; the event is handled again.
    const second = new OutboxStore(db.prisma, fastPolicy);
    expect(await second.enqueue(message("reply:e1:1"))).toBe("duplicate");
    expect(await sender(second).drain()).toBe(0);
    const row = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: "reply:e1:1" } });
    expect(row).toMatchObject({ status: "sent", zaloMessageId: "z1", attempts: 1 });
  });

  it("backs off on a rate-limit answer and delivers the message later", async () => {
    const store = new OutboxStore(db.prisma, fastPolicy);
    await store.enqueue(message("k-rate"));
    nock(API).post("/v3.0/oa/message/cs").reply(200, { error: -32, message: "reached API call limit" });
    const t0 = new Date();
    await sender(store).drain(() => t0);
    let row = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: "k-rate" } });
    expect(row.status).toBe("pending");
    expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(t0.getTime() + 60_000);

    // Not due yet: nothing is sent.
    expect(await sender(store).drain(() => t0)).toBe(0);
    // Later, Zalo is fine again.
    nock(API)
      .post("/v3.0/oa/message/cs")
      .reply(200, { error: 0, data: { message_id: "z2" } });
    await sender(store).drain(() => new Date(t0.getTime() + 61_000));
    row = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: "k-rate" } });
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("marks a message outside the 7-day window unreachable and does not retry it", async () => {
    const store = new OutboxStore(db.prisma, fastPolicy);
    await store.enqueue(message("k-window"));
    const scope = nock(API)
      .post("/v3.0/oa/message/cs")
      .reply(200, { error: -230, message: "User has not interacted with the OA in the past 7 days" });
    await sender(store).drain();
    expect(scope.isDone()).toBe(true);
    const row = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: "k-window" } });
    expect(row.status).toBe("unreachable");
    expect(row.lastError).toMatch(/-230/);
    // Much later: still not picked up again (nock would throw on an unexpected request).
    expect(await sender(store).drain(() => new Date(Date.now() + 86_400_000))).toBe(0);
  });

  it("retries transient failures with backoff and gives up after the last try", async () => {
    const store = new OutboxStore(db.prisma, { ...fastPolicy, maxAttempts: 2 });
    await store.enqueue(message("k-flaky"));
    nock(API).post("/v3.0/oa/message/cs").times(2).reply(503, "unavailable");
    let now = Date.now();
    await sender(store).drain(() => new Date(now));
    now += 2_000;
    await sender(store).drain(() => new Date(now));
    const row = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: "k-flaky" } });
    expect(row.status).toBe("failed");
    expect(row.lastError).toMatch(/gave up after 2 tries/);
  });

  it("does not resend a message whose sender died mid-send (it may have reached Zalo)", async () => {
    const store = new OutboxStore(db.prisma, { ...fastPolicy, leaseMs: 10 });
    await store.enqueue(message("k-crash"));
    expect(await store.claim(1, "dead-worker")).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 20));
    expect(await sender(store).drain()).toBe(0);
    const row = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: "k-crash" } });
    expect(row.status).toBe("failed");
    expect(row.lastError).toMatch(/interrupted while sending/);
  });

  it("never lets two senders (two replicas) send the same row", async () => {
    const store = new OutboxStore(db.prisma, fastPolicy);
    for (let i = 0; i < 10; i++) await store.enqueue(message(`k-${i}`));
    const sent: string[] = [];
    nock(API)
      .post("/v3.0/oa/message/cs", (body) => sent.push(body.message.text) > 0)
      .times(10)
      .reply(200, { error: 0, data: { message_id: "z" } });
    await Promise.all([
      sender(new OutboxStore(db.prisma)).drain(),
      sender(new OutboxStore(db.prisma)).drain(),
    ]);
    expect(sent).toHaveLength(10);
    expect(await db.prisma.outboxMessage.count({ where: { status: "sent" } })).toBe(10);
  });

  it("holds a scheduled message until its time", async () => {
    const store = new OutboxStore(db.prisma, fastPolicy);
    const at = new Date(Date.now() + 3_600_000);
    await store.enqueue({ ...message("k-later"), notBefore: at });
    expect(await sender(store).drain()).toBe(0);
    nock(API)
      .post("/v3.0/oa/message/cs")
      .reply(200, { error: 0, data: { message_id: "z" } });
    expect(await sender(store).drain(() => at)).toBe(1);
  });

  it("keeps a recipient's messages in order when an earlier one has to be retried", async () => {
    const store = new OutboxStore(db.prisma, fastPolicy);
    await store.enqueue(message("k-first", "Câu trả lời 1"));
    await store.enqueue(message("k-second", "Câu trả lời 2"));
    await store.enqueue({ ...message("k-other", "Cho người khác"), recipient: { type: "user", id: "u2" } });
    const delivered: string[] = [];
    const record = (body: { recipient: { user_id: string }; message: { text: string } }) =>
      delivered.push(`${body.recipient.user_id}:${body.message.text}`) > 0;
    nock(API).post("/v3.0/oa/message/cs").reply(503, "unavailable");
    nock(API)
      .post("/v3.0/oa/message/cs", record)
      .times(3)
      .reply(200, { error: 0, data: { message_id: "z" } });

    const t0 = Date.now();
    await sender(store).drain(() => new Date(t0));
    // The first reply failed: the second waits behind it; the other user is not held up.
    expect(delivered).toEqual(["u2:Cho người khác"]);
    const second = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: "k-second" } });
    expect(second).toMatchObject({ status: "pending", attempts: 0 });

    await sender(store).drain(() => new Date(t0 + 2_000));
    expect(delivered).toEqual(["u2:Cho người khác", "u1:Câu trả lời 1", "u1:Câu trả lời 2"]);
  });

  it("never lets one recipient's retrying message starve the others", async () => {
    // A long backoff, so the retrying message is surely not due again when we claim.
    const store = new OutboxStore(db.prisma, { ...fastPolicy, backoffMs: () => 60_000 });
    for (let i = 0; i < 6; i++) await store.enqueue(message(`k-x${i}`, `Tin ${i}`));
    const t0 = new Date();
    const [first] = await store.claim(1, "w1", t0);
    await store.record(first!, { status: "retry", error: "503" }, t0);
    await store.enqueue({ ...message("k-u2", "Cho người khác"), recipient: { type: "user", id: "u2" } });

    const claimed = await store.claim(5, "w2", new Date());
    expect(claimed.map((r) => r.idempotencyKey)).toEqual(["k-u2"]);
  });

  it("stops holding a recipient's messages back after the first tries", async () => {
    const store = new OutboxStore(db.prisma, { ...fastPolicy, holdBackTries: 1 });
    await store.enqueue(message("k-a", "Tin 1"));
    await store.enqueue(message("k-b", "Tin 2"));
    const t0 = new Date();
    const [first] = await store.claim(1, "w1", t0);
    await store.record(first!, { status: "retry", error: "503" }, t0);
    expect((await store.claim(5, "w2", new Date(t0.getTime() + 10))).map((r) => r.idempotencyKey)).toEqual([
      "k-b",
    ]);
  });

  it("does not hold replies back behind a scheduled message that is not due", async () => {
    const store = new OutboxStore(db.prisma, fastPolicy);
    await store.enqueue({
      ...message("k-alert", "Nhắc hạn 7 giờ sáng"),
      notBefore: new Date(Date.now() + 3_600_000),
    });
    await store.enqueue(message("k-reply", "Trả lời ngay"));
    const scope = nock(API)
      .post("/v3.0/oa/message/cs", (body) => body.message.text === "Trả lời ngay")
      .reply(200, { error: 0, data: { message_id: "z" } });
    await sender(store).drain();
    expect(scope.isDone()).toBe(true);
  });
});

describe("outbox sender shutdown", () => {
  it("stops after the message in flight and hands the rest of its batch back untouched", async () => {
    const db = await createTestDatabase();
    try {
      const store = new OutboxStore(db.prisma);
      for (let i = 0; i < 30; i++) await store.enqueue(message(`k-stop-${i}`));
      let delivered = 0;
      const slow = {
        async deliver() {
          await new Promise((r) => setTimeout(r, 30));
          delivered += 1;
          return { messageId: "z" };
        },
      };
      const sender = new OutboxSender(store, slow, log, { ratePerSecond: 1000, batchSize: 5, pollMs: 10 });
      sender.start();
      await new Promise((r) => setTimeout(r, 100));
      const started = Date.now();
      await sender.stop();
      expect(Date.now() - started).toBeLessThan(500);
      expect(delivered).toBeLessThan(30);
      expect(await db.prisma.outboxMessage.count({ where: { status: "sending" } })).toBe(0);
      expect(await db.prisma.outboxMessage.count({ where: { status: "sent" } })).toBe(delivered);
      const pending = await db.prisma.outboxMessage.findMany({ where: { status: "pending" } });
      expect(pending.length).toBe(30 - delivered);
      expect(pending.every((r) => r.attempts === 0)).toBe(true);
    } finally {
      await db.close();
    }
  });
});

describe("a long text sent in parts", () => {
  it("resends only the parts Zalo did not accept when a later part fails", async () => {
    const db = await createTestDatabase();
    nock.disableNetConnect();
    try {
      const store = new OutboxStore(db.prisma, fastPolicy);
      const paragraph = (n: number) => `Phần ${n}: ${"hồ sơ gồm tờ khai và giấy tờ tùy thân. ".repeat(30)}\n`;
      await store.enqueue(message("k-long", [1, 2, 3].map(paragraph).join(""))); // three parts
      const texts: string[] = [];
      nock(API)
        .post("/v3.0/oa/message/cs", (b) => texts.push(b.message.text) > 0)
        .reply(200, { error: 0, data: { message_id: "p1" } })
        .post("/v3.0/oa/message/cs")
        .reply(503, "unavailable");
      let now = Date.now();
      await sender(store).drain(() => new Date(now));
      expect(
        (await db.prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: "k-long" } })).partsSent,
      ).toBe(1);

      nock(API)
        .post("/v3.0/oa/message/cs", (b) => texts.push(b.message.text) > 0)
        .times(2)
        .reply(200, { error: 0, data: { message_id: "p" } });
      now += 5_000;
      await sender(store).drain(() => new Date(now));
      const row = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: "k-long" } });
      expect(row).toMatchObject({ status: "sent", partsSent: 3 });
      expect(texts).toHaveLength(3);
      expect(new Set(texts).size).toBe(3);
    } finally {
      nock.cleanAll();
      await db.close();
    }
  });
});
