import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "../../src/db/client.js";
import { dossierAlertsJob } from "../../src/jobs/dossier-alerts.js";
import { registerReminderJobs } from "../../src/jobs/index.js";
import { JobLeases } from "../../src/jobs/lease.js";
import { Scheduler } from "../../src/jobs/scheduler.js";
import { createLogger } from "../../src/logger.js";
import { createReminderCommune, testRunner, vn, written } from "../support/reminder-commune.js";
import { createTestDatabase, providers } from "../support/test-database.js";

const log = createLogger("silent");
const TZ = "Asia/Ho_Chi_Minh";
// Only the clock and timers are faked: the database's own I/O must keep running.
const FAKE: Parameters<typeof vi.useFakeTimers>[0] = {
  toFake: ["Date", "setTimeout", "clearTimeout", "setInterval", "clearInterval"],
};

/** The reminder jobs on their cron schedules, with the clock moved by fake timers. */
describe.each(providers())("scheduled reminders on %s", (provider) => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  afterAll(() => db.close());
  afterEach(() => {
    vi.useRealTimers();
  });

  /**
   * Moves the fake clock on (cron fires on the way), then lets what it started finish: the
   * database's I/O is not on timers, so it is given turns of the event loop, not time.
   */
  async function passTime(ms: number, ...schedulers: Scheduler[]) {
    await vi.advanceTimersByTimeAsync(ms);
    for (let i = 0; i < 50_000 && schedulers.some((s) => s.status().jobs.some((j) => j.running)); i++) {
      await new Promise((r) => setImmediate(r));
    }
  }

  it("announces a dossier at the first run after its due time, and two replicas send it once", async () => {
    const c = await createReminderCommune(db.prisma);
    vi.useFakeTimers(FAKE);
    vi.setSystemTime(new Date(vn("2026-12-07", 16, 30).getTime() - 30_000));
    const replicas = ["replica-a", "replica-b"].map((owner) => {
      const scheduler = new Scheduler(log, TZ);
      registerReminderJobs(
        scheduler,
        testRunner(db.prisma, { leases: new JobLeases(db.prisma, owner) }),
        {},
        TZ,
        log,
      );
      scheduler.start();
      return scheduler;
    });
    const announced = async () =>
      (await written(db.prisma, c.communeId)).filter(
        (m) => m.text.startsWith("Hồ sơ vừa quá hạn") && m.text.includes("261202-0001"),
      );
    // 16:30, and 17:00 itself: D1 is due at 17:00, so still on time.
    await passTime(60_000, ...replicas);
    await passTime(30 * 60_000, ...replicas);
    expect(await announced()).toEqual([]);
    const slotsRun = await db.prisma.jobRun.findMany({
      where: { job: "dossier-alerts", communeId: c.communeId },
      select: { slot: true },
      orderBy: { slot: "asc" },
    });
    expect(slotsRun.map((r) => r.slot)).toEqual(["2026-12-07T16:30", "2026-12-07T17:00"]);
    // 17:30, the next run: overdue. Both replicas fire; one runs the slot.
    await passTime(30 * 60_000, ...replicas);
    expect((await announced()).map((m) => m.to).sort()).toEqual(
      [c.groups.desk, c.officials.mc.zaloUserId].sort(),
    );
    const runs = await db.prisma.jobRun.findMany({
      where: { job: "dossier-alerts", communeId: c.communeId, slot: "2026-12-07T17:30" },
    });
    expect(runs).toHaveLength(1);
    vi.useRealTimers();
    for (const s of replicas) await s.stop();
  });

  it("catches up a slot missed while the service was down, within the grace period only", async () => {
    const c = await createReminderCommune(db.prisma);
    const scheduler = new Scheduler(log, TZ);
    registerReminderJobs(scheduler, testRunner(db.prisma), { "dossier-alerts": "0 9 * * *" }, TZ, log);
    // Down from 08:50 to 12:30: the 09:00 slot is older than a 2-hour grace; not run.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(vn("2026-12-07", 12, 30));
    await scheduler.catchUp(2 * 3_600_000, vn("2026-12-07", 12, 30));
    expect(await db.prisma.jobRun.count({ where: { job: "dossier-alerts", communeId: c.communeId } })).toBe(
      0,
    );
    // Back at 10:15: the 09:00 slot is run once, now.
    vi.setSystemTime(vn("2026-12-07", 10, 15));
    await scheduler.catchUp(2 * 3_600_000, vn("2026-12-07", 10, 15));
    await scheduler.catchUp(2 * 3_600_000, vn("2026-12-07", 10, 16));
    const runs = await db.prisma.jobRun.findMany({
      where: { job: dossierAlertsJob.name, communeId: c.communeId },
    });
    expect(runs.map((r) => [r.slot, r.status])).toEqual([["2026-12-07T09:00", "ok"]]);
    expect((await written(db.prisma, c.communeId)).length).toBeGreaterThan(0);
  });
});
