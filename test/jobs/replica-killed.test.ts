import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { dossierAlertsJob } from "../../src/jobs/dossier-alerts.js";
import { JobLeases } from "../../src/jobs/lease.js";
import { createReminderCommune, runAt, testRunner, vn, written } from "../support/reminder-commune.js";
import { createTestDatabase, providers } from "../support/test-database.js";

/**
 * A replica killed with SIGKILL in the middle of a job run, while it holds the slot's
 * lease: no other replica runs the slot while the lease lasts; once it expires another
 * takes the slot over and finishes it, and no alert is sent twice. (On SQLite, and on
 * PostgreSQL in CI.)
 */
describe.each(providers())("a replica killed while holding a job lease, on %s", (provider) => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  afterAll(() => db.close());

  it("is taken over after the lease expires, each alert written once", async () => {
    const at = vn("2026-12-07", 17, 30);
    // What a clean run writes, on a commune of its own.
    const clean = await createReminderCommune(db.prisma);
    await runAt(testRunner(db.prisma), dossierAlertsJob, clean.communeId, at);
    const expected = (await written(db.prisma, clean.communeId)).length;
    expect(expected).toBeGreaterThan(2);

    const c = await createReminderCommune(db.prisma);
    const LEASE_MS = 1_500;
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "test/support/job-replica-process.ts",
        db.target.url,
        c.communeId,
        at.toISOString(),
        String(LEASE_MS),
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("stuck")) resolve();
      });
      child.once("exit", (code) => reject(new Error(`replica exited with ${code} before it was stuck`)));
    });
    child.kill("SIGKILL");
    await exited;
    expect(await written(db.prisma, c.communeId)).toHaveLength(2);

    const b = testRunner(db.prisma, { leases: new JobLeases(db.prisma, "replica-b", 60_000) });
    // While the dead replica's lease lasts, the slot is not run again …
    expect(await runAt(b, dossierAlertsJob, c.communeId, at)).toMatchObject({ communesSkipped: 1 });
    // … once it has expired, replica B takes it over and finishes it.
    await new Promise((r) => setTimeout(r, LEASE_MS + 200));
    expect(await runAt(b, dossierAlertsJob, c.communeId, at)).toMatchObject({
      communesSkipped: 0,
      failed: 0,
    });
    const run = await db.prisma.jobRun.findFirstOrThrow({
      where: { job: "dossier-alerts", scope: c.communeId },
    });
    expect(run).toMatchObject({ owner: "replica-b", status: "ok" });
    const keys = (await written(db.prisma, c.communeId)).map((m) => m.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(expected);
    // A third replica later finds the slot done.
    const c3 = testRunner(db.prisma, { leases: new JobLeases(db.prisma, "replica-c") });
    expect(await runAt(c3, dossierAlertsJob, c.communeId, at)).toMatchObject({ communesSkipped: 1 });
    expect(await written(db.prisma, c.communeId)).toHaveLength(expected);
  }, 60_000);
});
