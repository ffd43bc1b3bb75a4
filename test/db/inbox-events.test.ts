import BetterSqlite3 from "better-sqlite3";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { sqliteFilePath } from "../../src/db/database-url.js";
import type { InboxEventRow } from "../../src/db/inbox-events.js";
import { createTestDatabase, providers } from "../support/test-database.js";

const row = (dedupeKey: string, orderKey = "u1"): InboxEventRow => ({
  communeId: null,
  oaId: "oa",
  eventName: "user_send_text",
  dedupeKey,
  orderKey,
  payload: JSON.stringify({ dedupeKey }),
});

/**
 * The webhook's hot-path insert. On SQLite, events arriving in one turn of the event loop
 * share one transaction (group commit): each must still get its own answer, a key seen
 * twice in one batch is stored once, and a lock held by another connection is waited out
 * without freezing the process.
 */
describe.each(providers())("the inbox insert on %s", (provider) => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    await db.prisma.inboxEvent.deleteMany();
  });

  it("answers each of a burst on its own: stored once, duplicates named, none lost", async () => {
    await db.inboxEvents.insert(row("old"));
    const keys = ["a", "b", "old", "c", "a", "d"];
    const results = await Promise.all(keys.map((k, i) => db.inboxEvents.insert(row(k, `u${i}`))));
    expect(results).toEqual(["stored", "stored", "duplicate", "stored", "duplicate", "stored"]);
    const stored = await db.prisma.inboxEvent.findMany({ orderBy: { dedupeKey: "asc" } });
    expect(stored.map((e) => e.dedupeKey)).toEqual(["a", "b", "c", "d", "old"]);
    expect(new Set(stored.map((e) => e.id)).size).toBe(5);
    for (const e of stored) expect(e.status).toBe("pending");
  });

  it.runIf(provider === "sqlite")(
    "waits out another connection's write lock while the event loop keeps turning",
    async () => {
      const other = new BetterSqlite3(sqliteFilePath(db.target.url));
      try {
        other.exec("BEGIN IMMEDIATE");
        let ticks = 0;
        const ticker = setInterval(() => (ticks += 1), 5);
        const pending = db.inboxEvents.insert(row("while-locked"));
        await new Promise((r) => setTimeout(r, 120));
        other.exec("COMMIT");
        expect(await pending).toBe("stored");
        clearInterval(ticker);
        // The process was not frozen by the wait (SQLite's own busy timeout would have).
        expect(ticks).toBeGreaterThan(5);
      } finally {
        other.close();
      }
    },
  );

  it.runIf(provider === "sqlite")(
    "gives up on a lock that outlasts its patience, for every row of the batch",
    async () => {
      const other = new BetterSqlite3(sqliteFilePath(db.target.url));
      try {
        other.exec("BEGIN IMMEDIATE");
        const results = await Promise.allSettled([
          db.inboxEvents.insert(row("x1")),
          db.inboxEvents.insert(row("x2", "u2")),
        ]);
        for (const r of results) {
          expect(r.status).toBe("rejected");
          expect(String((r as PromiseRejectedResult).reason)).toMatch(/database is locked/);
        }
        other.exec("ROLLBACK");
        // Nothing half-written: the next delivery of the same events is stored.
        expect(await db.inboxEvents.insert(row("x1"))).toBe("stored");
      } finally {
        other.close();
      }
    },
    30_000,
  );
});
