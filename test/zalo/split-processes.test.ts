import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.js";
import { resolveDatabaseUrl } from "../../src/db/database-url.js";
import { startFakeZaloServer } from "../support/fake-zalo-server.js";
import { type ServiceProcess, startServiceProcess } from "../support/service-process.js";
import { freshSqliteUrl } from "../support/test-database.js";
import { signed, TEST_KEYS, zaloEvents } from "../support/zalo-events.js";

/**
 * SERVICE_ROLE=split: the web process acknowledges and a worker child (forked, lower CPU
 * priority) handles and sends. The worker is woken over IPC (replies do not wait for a
 * poll), is restarted when it dies (nothing acknowledged is lost), and goes away when the
 * web process is killed (no orphan keeps sending).
 */
describe("web and worker in two processes", () => {
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
    service = await startServiceProcess({
      DATABASE_URL: url,
      SEED_DEMO: "false",
      SERVICE_ROLE: "split",
      ZALO_APP_ID: TEST_KEYS.appId,
      ZALO_APP_SECRET: "test-app-secret",
      ZALO_OA_ID: TEST_KEYS.oaId,
      ZALO_OA_SECRET_KEY: TEST_KEYS.oaSecretKey,
      ZALO_REFRESH_TOKEN: zalo.fake.refreshTokenOf(TEST_KEYS.oaId),
      ZALO_API_BASE_URL: zalo.url,
      ZALO_OAUTH_BASE_URL: `${zalo.url}/oauth`,
    });
  }, 90_000);
  afterAll(async () => {
    await service?.kill();
    await zalo.close();
  });

  async function deliver(event: Record<string, unknown>): Promise<number> {
    const { raw, signature } = signed(event);
    const res = await fetch(`${service!.url}/webhooks/zalo`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-zevent-signature": signature },
      body: raw,
    });
    return res.status;
  }

  async function health(): Promise<{
    worker?: { state: string; restarts: number; pid?: number };
    scheduler: unknown;
  }> {
    return (await fetch(`${service!.url}/health`)).json() as never;
  }

  async function until(what: string, done: () => boolean | Promise<boolean>, ms = 30_000) {
    const deadline = Date.now() + ms;
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  const repliesTo = (user: string) => zalo.fake.messages.filter((m) => m.recipient.id === user).length;

  it("answers from the worker process, with the jobs there too", async () => {
    await until("the worker to be ready", async () => (await health()).worker?.state === "running");
    const h = await health();
    expect(h.scheduler).toEqual({ state: "elsewhere" });
    expect(h.worker).toMatchObject({ state: "running", restarts: 0, pid: expect.any(Number) });

    const user = "5510000000000001";
    const sentAt = Date.now();
    expect(await deliver(zaloEvents.text(user, "xin chào"))).toBe(200);
    await until("the reply", () => repliesTo(user) === 1);
    // Woken over IPC (a poll would do too, a second later): nothing waits for a restart.
    expect(Date.now() - sentAt).toBeLessThan(5_000);
  }, 60_000);

  it("restarts a worker killed mid-handling; every acknowledged event is answered once", async () => {
    const before = (await health()).worker!;
    const users = Array.from({ length: 12 }, (_, i) => `55200000000000${String(i).padStart(2, "0")}`);
    for (const user of users) expect(await deliver(zaloEvents.text(user, "xin chào"))).toBe(200);
    process.kill(before.pid!, "SIGKILL");

    await until("a new worker", async () => {
      const w = (await health()).worker!;
      return w.state === "running" && w.pid !== before.pid && w.restarts === before.restarts + 1;
    });
    // Events the killed worker held come back when their lease ends; the rest at once.
    const db = await openDatabase(resolveDatabaseUrl(url));
    try {
      await db.prisma.inboxEvent.updateMany({
        where: { status: "processing" },
        data: { lockedUntil: new Date(Date.now() - 1) },
      });
      await until(
        "every event handled",
        async () =>
          (await db.prisma.inboxEvent.count({ where: { status: { in: ["pending", "processing"] } } })) === 0,
        60_000,
      );
      await until(
        "every reply sent",
        async () => (await db.prisma.outboxMessage.count({ where: { status: "pending" } })) === 0,
        30_000,
      );
      const interrupted = await db.prisma.outboxMessage.findMany({
        where: { status: { in: ["sending", "failed"] } },
      });
      expect(interrupted.length).toBeLessThanOrEqual(1);
      for (const user of users) {
        const got = repliesTo(user);
        if (interrupted.some((m) => m.recipientId === user)) expect(got, user).toBeLessThanOrEqual(1);
        else expect(got, user).toBe(1);
      }
    } finally {
      await db.close();
    }
  }, 120_000);

  it("takes the worker down with the web process, even when that is killed with SIGKILL", async () => {
    const { pid } = (await health()).worker!;
    await service!.kill();
    const alive = () => {
      try {
        process.kill(pid!, 0);
        return true;
      } catch {
        return false;
      }
    };
    await until("the worker to exit", () => !alive(), 20_000);
  }, 30_000);
});
