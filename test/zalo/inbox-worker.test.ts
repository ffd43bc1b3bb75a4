import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { createLogger } from "../../src/logger.js";
import { type InboxEvent, type InboxInsert, InboxStore } from "../../src/zalo/inbox.js";
import { InboxWorker } from "../../src/zalo/inbox-worker.js";
import { createTestDatabase, providers } from "../support/test-database.js";

const log = createLogger("silent");
let seq = 0;

function event(orderKey: string, n: number): InboxInsert {
  seq += 1;
  return {
    communeId: null,
    oaId: "oa",
    eventName: "user_send_text",
    dedupeKey: `k-${seq}`,
    orderKey,
    payload: JSON.stringify({ n }),
  };
}

const n = (e: InboxEvent) => (JSON.parse(e.payload) as { n: number }).n;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(providers())("InboxWorker on %s", (provider) => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    await db.prisma.inboxEvent.deleteMany();
  });

  async function insertInOrder(rows: InboxInsert[], store: InboxStore) {
    for (const row of rows) {
      await store.insert(row);
      await sleep(2); // distinct receivedAt, as real deliveries have
    }
  }

  it("handles one user's events in arrival order, one at a time, while users run in parallel", async () => {
    const store = new InboxStore(db.prisma);
    await insertInOrder([event("a", 1), event("b", 1), event("a", 2), event("b", 2), event("a", 3)], store);
    const seen: string[] = [];
    const running = new Set<string>();
    let parallel = 0;
    const worker = new InboxWorker(
      store,
      async (e) => {
        expect(running.has(e.orderKey)).toBe(false);
        running.add(e.orderKey);
        parallel = Math.max(parallel, running.size);
        await sleep(15);
        seen.push(`${e.orderKey}${n(e)}`);
        running.delete(e.orderKey);
        return "done";
      },
      log,
      { concurrency: 4, pollMs: 10 },
    );
    await worker.drain();
    expect(seen.filter((s) => s.startsWith("a"))).toEqual(["a1", "a2", "a3"]);
    expect(seen.filter((s) => s.startsWith("b"))).toEqual(["b1", "b2"]);
    expect(parallel).toBe(2);
    expect(await store.counts()).toEqual({ done: 5 });
  });

  it("retries a failing event with backoff, holds that user's later events, and parks it after the last try", async () => {
    const store = new InboxStore(db.prisma, { maxAttempts: 3, leaseMs: 60_000, backoffMs: () => 0 });
    await insertInOrder([event("a", 1), event("a", 2)], store);
    const calls: number[] = [];
    const worker = new InboxWorker(
      store,
      async (e) => {
        calls.push(n(e));
        if (n(e) === 1) throw new Error("database hiccup");
        return "done";
      },
      log,
      { concurrency: 2, pollMs: 10 },
    );
    await worker.drain();
    // Three tries of event 1 before event 2 ran: order is kept while it is retried.
    expect(calls).toEqual([1, 1, 1, 2]);
    const parked = await store.parked();
    expect(parked).toHaveLength(1);
    expect(parked[0]).toMatchObject({ attempts: 3, lastError: "database hiccup" });

    expect(await store.replay(parked[0]!.id)).toBe(true);
    const replayed = new InboxWorker(store, async () => "done", log, { concurrency: 1, pollMs: 10 });
    await replayed.drain();
    expect(await store.counts()).toEqual({ done: 2 });
  });

  it("loses nothing when the process dies between the insert and the handling", async () => {
    const store = new InboxStore(db.prisma);
    await insertInOrder([event("a", 1), event("b", 1)], store);
    // No worker ran ("crash"). A fresh worker, as after a restart, handles both exactly once.
    const handled: string[] = [];
    await new InboxWorker(
      new InboxStore(db.prisma),
      async (e) => {
        handled.push(e.orderKey);
        return "done";
      },
      log,
    ).drain();
    expect(handled.sort()).toEqual(["a", "b"]);
  });

  it("takes over an event whose worker died mid-handling once its lease expires", async () => {
    const store = new InboxStore(db.prisma, { maxAttempts: 5, leaseMs: 50, backoffMs: () => 0 });
    await store.insert(event("a", 1));
    const [claimed] = await store.claim(1); // the worker that then dies
    expect(claimed).toBeDefined();
    expect(await store.claim(1)).toEqual([]); // still leased: nobody else takes it
    await sleep(60);
    const handled: number[] = [];
    await new InboxWorker(
      store,
      async (e) => {
        handled.push(e.attempts);
        return "done";
      },
      log,
    ).drain();
    expect(handled).toEqual([2]);
  });

  it("lets two workers (two replicas) share the inbox without handling an event twice", async () => {
    const store = new InboxStore(db.prisma);
    const rows = Array.from({ length: 12 }, (_, i) => event(`u${i % 6}`, i));
    await insertInOrder(rows, store);
    const handled: string[] = [];
    const handler = async (e: InboxEvent) => {
      handled.push(e.dedupeKey);
      await sleep(5);
      return "done" as const;
    };
    const one = new InboxWorker(new InboxStore(db.prisma), handler, log, { concurrency: 3, pollMs: 5 });
    const two = new InboxWorker(new InboxStore(db.prisma), handler, log, { concurrency: 3, pollMs: 5 });
    await Promise.all([one.drain(), two.drain()]);
    expect(handled).toHaveLength(12);
    expect(new Set(handled).size).toBe(12);
  });
});

describe("InboxWorker when the database fails", () => {
  it("does not crash the process when recording a failure fails too", async () => {
    const event = {
      id: "e1",
      orderKey: "u",
      eventName: "user_send_text",
      attempts: 1,
      payload: "{}",
    } as unknown as InboxEvent;
    let claimed = false;
    const brokenStore = {
      claim: async () => (claimed ? [] : ((claimed = true), [event])),
      complete: async () => {
        throw new Error("database is down");
      },
      fail: async () => {
        throw new Error("database is still down");
      },
    } as unknown as InboxStore;
    const worker = new InboxWorker(brokenStore, async () => "done", log, { concurrency: 1, pollMs: 10 });
    await expect(worker.drain()).resolves.toBeUndefined();
  });
});

describe("InboxStore claims", () => {
  it("parks an event whose handler never finished after its last try, and does not let one user's backlog hide another's", async () => {
    const db = await createTestDatabase();
    try {
      const store = new InboxStore(db.prisma, { maxAttempts: 2, leaseMs: 10, backoffMs: () => 60_000 });
      await store.insert(event("crash", 1));
      for (let i = 0; i < 2; i++) {
        expect(await store.claim(1)).toHaveLength(1); // the process "dies" with it each time
        await sleep(15);
      }
      expect(await store.claim(1)).toEqual([]);
      expect((await store.parked()).map((e) => e.orderKey)).toEqual(["crash"]);

      // User x: 30 queued events behind one waiting for a retry; user y's event must still run.
      const first = event("x", 0);
      await store.insert(first);
      const [head] = await store.claim(1);
      await store.fail(head!, "boom");
      for (let i = 1; i <= 30; i++) await store.insert(event("x", i));
      await sleep(2);
      await store.insert(event("y", 1));
      const claimed = await store.claim(1);
      expect(claimed.map((e) => e.orderKey)).toEqual(["y"]);
    } finally {
      await db.close();
    }
  });
});
