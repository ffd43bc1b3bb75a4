import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { dossierAlertsJob } from "../../src/jobs/dossier-alerts.js";
import { JobLeases } from "../../src/jobs/lease.js";
import { morningDigestJob } from "../../src/jobs/morning-digest.js";
import { taskRemindersJob } from "../../src/jobs/task-reminders.js";
import type { OutgoingMessage } from "../../src/messaging/outgoing.js";
import { OutboxStore } from "../../src/zalo/outbox.js";
import { createReminderCommune, runAt, testRunner, vn, written } from "../support/reminder-commune.js";
import { createTestDatabase, providers } from "../support/test-database.js";

/**
 * Every alert is sent once: whatever crashes mid-run, however many replicas share the
 * database. (Repository tests: on SQLite, and on PostgreSQL in CI.)
 */
describe.each(providers())("reminders exactly once on %s", (provider) => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  afterAll(() => db.close());

  const keys = async (communeId: string) => (await written(db.prisma, communeId)).map((m) => m.key).sort();

  /** What a clean run of these jobs writes, on a commune of its own. */
  async function cleanRun() {
    const c = await createReminderCommune(db.prisma);
    await runAt(testRunner(db.prisma), dossierAlertsJob, c.communeId, vn("2026-12-07", 17, 30));
    await runAt(testRunner(db.prisma), taskRemindersJob, c.communeId, vn("2026-12-07", 8));
    return (await written(db.prisma, c.communeId)).length;
  }

  it("sends nothing twice after a crash in the middle of a run, once the slot is run again", async () => {
    const expected = await cleanRun();
    const c = await createReminderCommune(db.prisma);
    // The first process dies after writing three messages.
    const outbox = new OutboxStore(db.prisma);
    let writes = 0;
    const crashing = {
      async enqueue(message: OutgoingMessage) {
        if (++writes > 3) throw new Error("killed");
        return outbox.enqueue(message);
      },
    };
    const first = await runAt(
      testRunner(db.prisma, { outbox: crashing }),
      dossierAlertsJob,
      c.communeId,
      vn("2026-12-07", 17, 30),
    );
    expect(first.failed).toBe(1);
    expect(await keys(c.communeId)).toHaveLength(3);
    // After the restart the same slot runs again (its run is recorded as failed) and finishes it.
    const again = await runAt(testRunner(db.prisma), dossierAlertsJob, c.communeId, vn("2026-12-07", 17, 30));
    expect(again.failed).toBe(0);
    await runAt(testRunner(db.prisma), taskRemindersJob, c.communeId, vn("2026-12-07", 8));
    const all = await keys(c.communeId);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(expected);
  });

  it("lets only one of two replicas run a slot, and each alert goes out once", async () => {
    const expected = await cleanRun();
    const c = await createReminderCommune(db.prisma);
    const replicas = [
      testRunner(db.prisma, { leases: new JobLeases(db.prisma, "replica-a") }),
      testRunner(db.prisma, { leases: new JobLeases(db.prisma, "replica-b") }),
    ];
    const results = await Promise.all(
      replicas.flatMap((r) => [
        runAt(r, dossierAlertsJob, c.communeId, vn("2026-12-07", 17, 30)),
        runAt(r, taskRemindersJob, c.communeId, vn("2026-12-07", 8)),
      ]),
    );
    // Of each job's two runs, one ran and one found the slot taken.
    expect(results.map((s) => s.communesSkipped).sort()).toEqual([0, 0, 1, 1]);
    const all = await keys(c.communeId);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(expected);
    const runs = await db.prisma.jobRun.findMany({
      where: { communeId: c.communeId, job: { in: ["dossier-alerts", "task-reminders"] } },
    });
    expect(runs.map((r) => r.status)).toEqual(["ok", "ok"]);
  });

  it("lets another replica take a slot over when its holder died, without repeating anything", async () => {
    const c = await createReminderCommune(db.prisma);
    const slot = "2026-12-07T07:30";
    // Replica A took the slot and died before finishing: its lease is left "running".
    const dead = new JobLeases(db.prisma, "replica-a", 200);
    expect(await dead.acquire("morning-digest", slot, c.communeId)).not.toBeNull();
    const b = testRunner(db.prisma, { leases: new JobLeases(db.prisma, "replica-b", 60_000) });
    expect(await runAt(b, morningDigestJob, c.communeId, vn("2026-12-07", 7, 30))).toMatchObject({
      communesSkipped: 1,
      sent: 0,
    });
    await new Promise((r) => setTimeout(r, 250));
    const taken = await runAt(b, morningDigestJob, c.communeId, vn("2026-12-07", 7, 30));
    expect(taken).toMatchObject({ communesSkipped: 0, failed: 0 });
    expect(taken.sent).toBeGreaterThan(0);
    const run = await db.prisma.jobRun.findUniqueOrThrow({
      where: { job_slot_scope: { job: "morning-digest", slot, scope: c.communeId } },
    });
    expect(run).toMatchObject({ owner: "replica-b", status: "ok" });
    // Once done, the slot is done: a third replica sends nothing.
    const c2 = testRunner(db.prisma, { leases: new JobLeases(db.prisma, "replica-c") });
    expect(await runAt(c2, morningDigestJob, c.communeId, vn("2026-12-07", 7, 30))).toMatchObject({
      communesSkipped: 1,
    });
    const all = await keys(c.communeId);
    expect(new Set(all).size).toBe(all.length);
  });

  it("keeps two runs for different communes apart: a NULL commune no longer escapes the unique key", async () => {
    const leases = new JobLeases(db.prisma, "replica-a");
    const other = new JobLeases(db.prisma, "replica-b");
    expect(await leases.acquire("cleanup", "2026-12-07T02:30", "*")).not.toBeNull();
    expect(await other.acquire("cleanup", "2026-12-07T02:30", "*")).toBeNull();
  });
});
