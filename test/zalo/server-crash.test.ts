import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.js";
import { resolveDatabaseUrl } from "../../src/db/database-url.js";
import { startFakeZaloServer } from "../support/fake-zalo-server.js";
import { type ServiceProcess, startServiceProcess } from "../support/service-process.js";
import { freshSqliteUrl } from "../support/test-database.js";
import { defaultInboxPolicy } from "../../src/zalo/inbox.js";
import { signed, TEST_KEYS, zaloEvents } from "../support/zalo-events.js";

/**
 * The whole server killed with SIGKILL while it is handling webhook events and sending
 * their replies, then started again on the same database, with Zalo redelivering what
 * was never acknowledged: every acknowledged event is handled once, every reply leaves
 * once (or, for the one message in flight at the kill, is marked for the operator),
 * nothing is lost.
 */
describe("server killed mid-handling and mid-sending", () => {
  const USERS = 36;
  let zalo: Awaited<ReturnType<typeof startFakeZaloServer>>;
  let url: string;
  let service: ServiceProcess | undefined;

  beforeAll(async () => {
    zalo = await startFakeZaloServer({
      appId: TEST_KEYS.appId,
      appSecret: "test-app-secret",
      oas: [{ oaId: TEST_KEYS.oaId }],
    });
    url = freshSqliteUrl();
    const db = await openDatabase(resolveDatabaseUrl(url));
    await db.prisma.commune.create({ data: { slug: "xa-thu", name: "UBND xã Thử", kind: "xa" } });
    await db.close();
  });
  afterAll(async () => {
    await service?.kill();
    await zalo.close();
  });

  const env = () => ({
    DATABASE_URL: url,
    SEED_DEMO: "false",
    ZALO_APP_ID: TEST_KEYS.appId,
    ZALO_APP_SECRET: "test-app-secret",
    ZALO_OA_ID: TEST_KEYS.oaId,
    ZALO_OA_SECRET_KEY: TEST_KEYS.oaSecretKey,
    ZALO_REFRESH_TOKEN: zalo.fake.refreshTokenOf(TEST_KEYS.oaId),
    ZALO_API_BASE_URL: zalo.url,
    ZALO_OAUTH_BASE_URL: `${zalo.url}/oauth`,
    // Slow sending, so the kill finds replies still queued and one in flight.
    ZALO_SEND_RATE_PER_SECOND: "8",
  });

  async function deliver(target: string, event: Record<string, unknown>): Promise<boolean> {
    const { raw, signature } = signed(event);
    try {
      const res = await fetch(`${target}/webhooks/zalo`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-zevent-signature": signature },
        body: raw,
      });
      return res.status === 200;
    } catch {
      return false; // the server died under this request: Zalo will deliver it again
    }
  }

  it("handles every acknowledged event once and sends each reply once after a restart", async () => {
    const users = Array.from({ length: USERS }, (_, i) => `55100000000000${String(i).padStart(4, "0")}`);
    const events = users.map((u) => zaloEvents.text(u, "xin chào"));
    const acknowledged = new Set<number>();

    service = await startServiceProcess(env());
    const first = service;
    // Zalo delivers, four at a time; the server is killed once a few replies are out.
    let next = 0;
    const senders = Array.from({ length: 4 }, async () => {
      while (next < events.length) {
        const i = next++;
        if (await deliver(first.url, events[i]!)) acknowledged.add(i);
        await new Promise((r) => setTimeout(r, 15));
      }
    });
    const deadline = Date.now() + 30_000;
    while (zalo.fake.messages.length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    await first.kill();
    await Promise.all(senders);
    const repliesBeforeKill = zalo.fake.messages.length;
    expect(repliesBeforeKill).toBeGreaterThanOrEqual(4);
    expect(repliesBeforeKill).toBeLessThan(USERS); // the kill did land in the middle

    // Restart; Zalo redelivers every event it never got a 200 for (and one it did, as it may).
    service = await startServiceProcess(env());
    for (const [i, event] of events.entries()) {
      if (!acknowledged.has(i) || i === 0) expect(await deliver(service.url, event)).toBe(true);
    }

    const db = await openDatabase(resolveDatabaseUrl(url));
    try {
      // An event the kill caught mid-handling keeps its lease (defaultInboxPolicy.leaseMs, 60 s)
      // before the new process may take it over, so settling can take that long.
      const settled = Date.now() + defaultInboxPolicy.leaseMs + 30_000;
      for (;;) {
        const open = await db.prisma.inboxEvent.count({
          where: { status: { in: ["pending", "processing"] } },
        });
        // The message in flight at the kill stays "sending" until its lease runs out (then it is
        // marked for the operator); everything else must go out.
        const queued = await db.prisma.outboxMessage.count({ where: { status: "pending" } });
        const inFlight = await db.prisma.outboxMessage.count({ where: { status: "sending" } });
        if (open === 0 && queued === 0 && inFlight <= 1) break;
        if (Date.now() > settled) throw new Error(`not settled: ${open} events, ${queued} messages open`);
        await new Promise((r) => setTimeout(r, 200));
      }
      // Every event is in the inbox once and was handled.
      const inbox = await db.prisma.inboxEvent.findMany();
      expect(inbox).toHaveLength(USERS);
      expect(new Set(inbox.map((e) => e.orderKey)).size).toBe(USERS);
      for (const e of inbox) expect(e.status, e.orderKey).toBe("done");

      // Each user got exactly one reply, except a message the kill caught in flight, which is
      // marked for the operator (it may or may not have reached Zalo) and never resent.
      const outbox = await db.prisma.outboxMessage.findMany();
      const interrupted = outbox.filter((m) => m.status === "failed" || m.status === "sending");
      expect(interrupted.length).toBeLessThanOrEqual(1);
      for (const m of interrupted.filter((row) => row.status === "failed")) {
        expect(m.lastError).toMatch(/interrupted while sending/);
      }
      for (const m of outbox.filter((row) => !interrupted.includes(row))) expect(m.status).toBe("sent");
      expect(outbox.length).toBe(USERS);
      for (const user of users) {
        const got = zalo.fake.messages.filter((m) => m.recipient.id === user).length;
        const wasInterrupted = interrupted.some((m) => m.recipientId === user);
        if (wasInterrupted) expect(got, user).toBeLessThanOrEqual(1);
        else expect(got, user).toBe(1);
      }
    } finally {
      await db.close();
    }
  }, 180_000);
});
