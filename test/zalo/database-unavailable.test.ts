import { type ChildProcess, spawn } from "node:child_process";
import { renameSync } from "node:fs";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqliteFilePath } from "../../src/db/database-url.js";
import { freshSqliteUrl } from "../support/test-database.js";
import { ZaloHarness } from "../support/zalo-harness.js";
import { zaloEvents } from "../support/zalo-events.js";

/** Zalo gives up on a webhook after about 2 s; an answer must come well within it. */
const ZALO_PATIENCE_MS = 2_000;

/**
 * The embedded database unavailable for a moment: another process holds its write lock, or
 * the file is gone. The webhook must answer 503 (so Zalo delivers the event again) within
 * Zalo's patience, never 200 for an event it did not store, and never freeze the process;
 * `/health` must say so; once the database is back, the redelivered event is handled once.
 */
describe("database unavailable", () => {
  let zalo: ZaloHarness;
  let file: string;

  beforeAll(async () => {
    const url = freshSqliteUrl();
    file = sqliteFilePath(url);
    zalo = await ZaloHarness.start({ env: { DATABASE_URL: url } });
    await zalo.service.db.prisma.commune.create({
      data: { slug: "xa-thu", name: "UBND xã Thử", kind: "xa" },
    });
  });
  afterAll(() => zalo.stop());

  const health = () => request(zalo.service.server).get("/health");

  async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
    const started = performance.now();
    const value = await work();
    return { value, ms: performance.now() - started };
  }

  it("answers 503 quickly while another process holds the write lock, then takes the redelivery once", async () => {
    const holder = await lockDatabase(file);
    const event = zaloEvents.text("u-locked", "xin chào");
    try {
      // A burst, as Zalo's concurrent deliveries would be: each must be answered in time.
      const burst = await Promise.all(
        Array.from({ length: 3 }, (_, i) =>
          timed(() => zalo.post(i === 0 ? event : zaloEvents.text(`u-locked-${i}`, "xin chào"))),
        ),
      );
      for (const { value, ms } of burst) {
        expect(value.status).toBe(503);
        expect(value.headers["retry-after"]).toBeDefined();
        expect(ms).toBeLessThan(ZALO_PATIENCE_MS);
      }
      const h = await timed(() => health());
      expect(h.value.status).toBe(503);
      expect(h.value.body.database).toMatchObject({
        reachable: false,
        problem: expect.stringMatching(/^database_(locked|timeout)$/),
      });
      expect(h.ms).toBeLessThan(ZALO_PATIENCE_MS);
    } finally {
      await release(holder);
    }
    // Zalo delivers the event again: stored, answered, handled once.
    const before = zalo.sent.length;
    const again = await zalo.post(event);
    expect(again.status).toBe(200);
    // Handling may meet the lock's aftermath once and wait out the inbox's backoff (2 s, 4 s …):
    // on a loaded machine that took longer than 15 s. What matters here is once, not how soon.
    await zalo.nextTo("u-locked", before, 30_000);
    expect((await health()).status).toBe(200);
    const rows = await zalo.service.db.prisma.inboxEvent.findMany({ where: { orderKey: "u-locked" } });
    expect(rows).toHaveLength(1);
    expect(zalo.sent.filter((m) => m.to === "u-locked")).toHaveLength(1);
  }, 50_000);

  it("answers 503 while the database file is gone, instead of writing into a deleted file", async () => {
    renameSync(file, `${file}.away`);
    const event = zaloEvents.text("u-gone", "xin chào");
    try {
      await new Promise((r) => setTimeout(r, 300)); // the file check is cached for 250 ms
      const res = await timed(() => zalo.post(event));
      expect(res.value.status).toBe(503);
      expect(res.value.body).toEqual({ error: "database_file_missing" });
      expect(res.ms).toBeLessThan(ZALO_PATIENCE_MS);
      const h = await health();
      expect(h.status).toBe(503);
      expect(h.body.database).toMatchObject({ reachable: false, problem: "database_file_missing" });
    } finally {
      renameSync(`${file}.away`, file);
    }
    await new Promise((r) => setTimeout(r, 300));
    const before = zalo.sent.length;
    expect((await zalo.post(event)).status).toBe(200);
    await zalo.nextTo("u-gone", before, 15_000);
    expect((await health()).status).toBe(200);
  }, 30_000);
});

/** Another process takes the database's write lock and holds it until killed. */
async function lockDatabase(file: string): Promise<ChildProcess> {
  const script = `
    const Database = require("better-sqlite3");
    const db = new Database(process.argv[1]);
    db.exec("BEGIN EXCLUSIVE");
    process.stdout.write("locked\\n");
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ["-e", script, file], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("locked")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
  return child;
}

async function release(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGKILL");
  await exited;
}
