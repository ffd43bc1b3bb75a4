import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { createLogger } from "../../src/logger.js";
import { OaClient } from "../../src/zalo/oa-client.js";
import { OutboxStore } from "../../src/zalo/outbox.js";
import { OutboxSender, zaloTransport } from "../../src/zalo/outbox-sender.js";
import { createTestDatabase, providers } from "../support/test-database.js";

const API = "https://zalo-faults.test";
const PATH = "/v3.0/oa/message/cs";
const log = createLogger("silent");

/**
 * A reminder wave meets Zalo at its worst: bursts of HTTP 500, requests that time out,
 * -216 (token rejected) and -32 (rate limit) answers, in any order. Every queued message
 * must end up sent exactly once or, when it used up its tries, marked failed for the
 * operator with the reason, never lost and never sent twice. (A timed-out request is
 * modelled as one Zalo did not act on; one it did act on would be sent again: the outbox
 * retries timeouts, see the README's note on delivery.)
 */
describe.each(providers())("outbox under bursts of Zalo faults on %s", (provider) => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
    nock.disableNetConnect();
  });
  afterAll(() => db.close());
  afterEach(() => {
    nock.cleanAll();
  });

  type Fault = "500" | "timeout" | "-216" | "-32";

  /** Answers calls in order: the scripted faults first, then success (each delivery recorded). */
  function fakeZalo(script: Fault[], delivered: Map<string, number>) {
    let call = 0;
    let refreshes = 0;
    for (const fault of script) {
      const i = nock(API).post(PATH);
      if (fault === "500") i.reply(500, "Internal Server Error");
      else if (fault === "timeout") i.delay(400).reply(200, { error: 0, data: { message_id: "late" } });
      else if (fault === "-216") i.reply(200, { error: -216, message: "Access token is invalid" });
      else i.reply(200, { error: -32, message: "Reached API call limit" });
    }
    nock(API)
      .persist()
      .post(PATH)
      .reply(200, (_uri, body) => {
        const text = (body as { message: { text: string } }).message.text;
        delivered.set(text, (delivered.get(text) ?? 0) + 1);
        return { error: 0, message: "Success", data: { message_id: `z${++call}` } };
      });
    const tokens = {
      accessToken: async () => `at-${refreshes}`,
      refreshAfterRejection: async () => `at-${++refreshes}`,
    };
    return { client: new OaClient(API, tokens, 150), refreshes: () => refreshes };
  }

  async function wave(script: Fault[], size: number, maxAttempts: number) {
    await db.prisma.outboxMessage.deleteMany();
    const delivered = new Map<string, number>();
    const zalo = fakeZalo(script, delivered);
    const store = new OutboxStore(db.prisma, { maxAttempts, leaseMs: 60_000, backoffMs: () => 1_000 });
    for (let i = 0; i < size; i++) {
      await store.enqueue({
        idempotencyKey: `fault-wave:${i}`,
        recipient: { type: "user", id: `official-${i % 7}` },
        content: { kind: "text", text: `Nhắc việc số ${i}` },
      });
    }
    // Time moves on between rounds (backoffs, the rate limit's pause); a new sender each
    // round stands for the same process a minute later.
    let clock = Date.now();
    for (let round = 0; round < 40; round++) {
      const sender = new OutboxSender(store, zaloTransport(zalo.client), log, {
        ratePerSecond: 1000,
        batchSize: 10,
        pollMs: 10,
      });
      await sender.drain(() => new Date(clock));
      clock += 61_000;
      const open = await db.prisma.outboxMessage.count({ where: { status: { in: ["pending", "sending"] } } });
      if (open === 0) break;
    }
    const rows = await db.prisma.outboxMessage.findMany();
    return { rows, delivered, refreshes: zalo.refreshes() };
  }

  function expectEachOnceOrForTheOperator(
    rows: { idempotencyKey: string; status: string; lastError: string | null }[],
    delivered: Map<string, number>,
  ) {
    for (const row of rows) {
      const i = Number(row.idempotencyKey.split(":")[1]);
      const times = delivered.get(`Nhắc việc số ${i}`) ?? 0;
      expect(["sent", "failed"], row.idempotencyKey).toContain(row.status);
      if (row.status === "sent") expect(times, row.idempotencyKey).toBe(1);
      else {
        expect(times, row.idempotencyKey).toBe(0);
        expect(row.lastError).toMatch(/gave up after/);
      }
    }
    for (const times of delivered.values()) expect(times).toBe(1);
  }

  it("sends every message once through bursts of 500s, timeouts, -216 and -32", async () => {
    const script: Fault[] = [
      ...Array<Fault>(6).fill("500"),
      ...Array<Fault>(3).fill("timeout"),
      ...Array<Fault>(4).fill("-216"),
      ...Array<Fault>(2).fill("-32"),
      ...Array<Fault>(5).fill("500"),
      "timeout",
      "-216",
      "-32",
      "500",
    ];
    const { rows, delivered, refreshes } = await wave(script, 40, 8);
    expect(rows).toHaveLength(40);
    expectEachOnceOrForTheOperator(rows, delivered);
    // With eight tries, these bursts leave nothing for the operator.
    expect(rows.filter((r) => r.status === "sent")).toHaveLength(40);
    expect(refreshes).toBeGreaterThanOrEqual(1); // -216 made the client refresh its token
  }, 60_000);

  it("marks for the operator the messages a long outage used up, and sends the rest once", async () => {
    // Zalo fails far longer than three tries last for the first messages.
    const script: Fault[] = [...Array<Fault>(30).fill("500"), ...Array<Fault>(4).fill("-32")];
    const { rows, delivered } = await wave(script, 25, 3);
    expectEachOnceOrForTheOperator(rows, delivered);
    const failed = rows.filter((r) => r.status === "failed");
    expect(failed.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.status === "sent").length).toBeGreaterThan(0);
    expect(failed.length + delivered.size).toBe(25);
  }, 60_000);
});
