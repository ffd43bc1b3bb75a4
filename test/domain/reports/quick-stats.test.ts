import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.js";
import { seedDemoData } from "../../../src/demo/seed-demo-data.js";
import { monthRange, quarterOf, quarterRange, rangeDays } from "../../../src/domain/calendar/periods.js";
import { quickStats } from "../../../src/domain/reports/quick-stats.js";
import { createTestDatabase, providers } from "../../support/test-database.js";
import { addDossier, at17, createSmallCommune, type SmallCommune, vn } from "../tasks/small-commune.js";

const Q2 = { from: vn("2026-04-01", 0), to: vn("2026-07-01", 0) };

describe("periods in Vietnam time", () => {
  it("gives the quarter and month around a date, from local midnight to local midnight", () => {
    expect(quarterRange(vn("2026-05-10"))).toEqual(Q2);
    expect(quarterOf(vn("2026-05-10"))).toBe(2);
    // 00:30 on 1 July in Vietnam is still 30 June in UTC.
    expect(quarterRange(new Date("2026-06-30T17:30:00Z"))).toEqual({
      from: vn("2026-07-01", 0),
      to: vn("2026-10-01", 0),
    });
    expect(quarterRange(new Date("2026-12-31T16:59:00Z"))).toEqual({
      from: vn("2026-10-01", 0),
      to: vn("2027-01-01", 0),
    });
    expect(monthRange(vn("2026-12-15"))).toEqual({ from: vn("2026-12-01", 0), to: vn("2027-01-01", 0) });
    expect(monthRange(vn("2026-02-03"))).toEqual({ from: vn("2026-02-01", 0), to: vn("2026-03-01", 0) });
    expect(Q2.from.toISOString()).toBe("2026-03-31T17:00:00.000Z");
    expect(rangeDays(Q2)).toEqual({ first: "2026-04-01", last: "2026-06-30" });
  });
});

type Row = {
  n: number;
  received: string;
  due: string;
  status: string;
  returned?: string;
  online?: boolean;
};

describe.each(providers())("quickStats on %s", (provider) => {
  let db: Database;

  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await db.close();
  });

  /** The small commune plus the tasks and dossiers both scenarios share. */
  async function commune(options: { fDoneOn: string | null; dossiers: Row[] }): Promise<SmallCommune> {
    const c = await createSmallCommune(db.prisma);
    const task = (
      code: string,
      due: string,
      status: string,
      done: string | null,
      source = "plan",
      lead = c.departments.TP,
    ) =>
      db.prisma.task.create({
        data: {
          communeId: c.communeId,
          code,
          title: `Nhiệm vụ ${code}`,
          leadDepartmentId: lead,
          dueAt: at17(due),
          status,
          progress: status === "done" ? 100 : 0,
          completedAt: done ? vn(done, 15) : null,
          source,
        },
      });
    await task("NV20", "2026-05-29", "done", "2026-05-28"); // on time
    await task("NV21", "2026-05-15", "done", "2026-05-20"); // late
    await task("NV22", "2026-06-05", "in_progress", null); // overdue
    await task("NV23", "2026-06-05", "cancelled", null); // not counted
    await task("NV24", "2026-06-30", "done", "2026-06-10", "district", c.departments.VP);
    await task("NV25", "2026-04-10", options.fDoneOn ? "done" : "in_progress", options.fDoneOn);
    await task("NV26", "2026-07-15", "done", "2026-06-01"); // due next quarter: not counted
    for (const row of options.dossiers) {
      await addDossier(db.prisma, c.communeId, {
        receiptCode: `D${row.n}`,
        receivedAt: vn(row.received),
        dueAt: at17(row.due),
        status: row.status,
        returnedAt: row.returned ? vn(row.returned, 16) : null,
        channel: row.online ? "online" : "direct",
        handlerId: c.officials.tp1,
        departmentId: c.departments.TP,
      });
    }
    return c;
  }

  const shared: Row[] = [
    { n: 1, received: "2026-04-02", due: "2026-04-07", status: "returned", returned: "2026-04-06" },
    // Returned at 16:00 on the due day: on time.
    { n: 2, received: "2026-05-04", due: "2026-05-07", status: "returned", returned: "2026-05-07" },
    {
      n: 3,
      received: "2026-05-11",
      due: "2026-05-14",
      status: "returned",
      returned: "2026-05-18",
      online: true,
    },
    // Received last quarter, resolved this one.
    { n: 4, received: "2026-03-30", due: "2026-04-02", status: "returned", returned: "2026-04-01" },
    // Entirely last quarter.
    { n: 5, received: "2026-03-20", due: "2026-03-25", status: "returned", returned: "2026-03-24" },
    // Closed without a result: received, never resolved.
    { n: 8, received: "2026-06-01", due: "2026-06-04", status: "withdrawn", returned: "2026-06-02" },
    { n: 9, received: "2026-05-20", due: "2026-05-25", status: "rejected", returned: "2026-05-21" },
  ];

  it("counts the current quarter as of now", async () => {
    const now = vn("2026-06-15", 10);
    const c = await commune({
      fDoneOn: null,
      dossiers: [
        ...shared,
        { n: 6, received: "2026-06-10", due: "2026-06-12", status: "processing", online: true },
        { n: 7, received: "2026-06-12", due: "2026-06-17", status: "processing" },
        // Carried over from last quarter, still open and overdue.
        { n: 11, received: "2026-03-25", due: "2026-03-30", status: "supplement" },
      ],
    });
    const stats = await quickStats(db.prisma, c.communeId, Q2, now);
    expect(stats.asOf).toEqual(now);
    expect(stats.dossiers).toEqual({
      received: 7,
      resolved: 4,
      onTimeOrEarly: 3,
      late: 1,
      open: 3,
      overdueOpen: 2,
      online: 2,
      onTimeRate: 0.75,
    });
    // NV2, NV3 (due 30/6, not yet due), NV20–NV22, NV24, NV25, and the "Thường xuyên" NV4's
    // report at the quarter's end (30/6, not yet due).
    expect(stats.tasks).toEqual({
      total: 8,
      done: 3,
      doneOnTime: 2,
      doneLate: 1,
      overdueOpen: 2,
      bySource: {
        plan: { total: 7, done: 2, doneOnTime: 1, doneLate: 1, overdueOpen: 2 },
        district: { total: 1, done: 1, doneOnTime: 1, doneLate: 0, overdueOpen: 0 },
      },
    });
    // A leader gets the same figures as the commune.
    const leader = await quickStats(db.prisma, c.actor("leader"), Q2, now);
    expect(leader.dossiers).toEqual(stats.dossiers);
    expect(leader.tasks).toEqual(stats.tasks);
  });

  it("counts a past quarter as it stood at its end", async () => {
    const now = vn("2026-08-10", 10);
    const c = await commune({
      fDoneOn: "2026-07-05",
      dossiers: [
        ...shared,
        {
          n: 6,
          received: "2026-06-10",
          due: "2026-06-12",
          status: "returned",
          returned: "2026-06-20",
          online: true,
        },
        // Resolved after the quarter: pending at its end, and overdue then.
        { n: 7, received: "2026-06-12", due: "2026-06-17", status: "returned", returned: "2026-07-02" },
        { n: 11, received: "2026-03-25", due: "2026-03-30", status: "returned", returned: "2026-07-10" },
        { n: 13, received: "2026-06-25", due: "2026-06-30", status: "processing" },
        // Next quarter.
        { n: 14, received: "2026-07-05", due: "2026-07-08", status: "processing" },
      ],
    });
    const stats = await quickStats(db.prisma, c.communeId, Q2, now);
    expect(stats.asOf).toEqual(Q2.to);
    expect(stats.dossiers).toEqual({
      received: 8,
      resolved: 5,
      onTimeOrEarly: 3,
      late: 2,
      open: 3,
      overdueOpen: 3,
      online: 2,
      onTimeRate: 0.6,
    });
    // NV25 was completed after the quarter: still overdue at its end, as are NV2, NV3 and the
    // quarterly report of the "Thường xuyên" NV4 (no evidence in the quarter).
    expect(stats.tasks).toMatchObject({ total: 8, done: 3, doneOnTime: 2, doneLate: 1, overdueOpen: 5 });
  });

  it("limits an officer to their scope, with no rate when nothing was resolved", async () => {
    const c = await commune({ fDoneOn: null, dossiers: shared });
    const stats = await quickStats(db.prisma, c.actor("dc"), Q2, vn("2026-06-15", 10));
    expect(stats.dossiers).toEqual({
      received: 0,
      resolved: 0,
      onTimeOrEarly: 0,
      late: 0,
      open: 0,
      overdueOpen: 0,
      online: 0,
      onTimeRate: null,
    });
    // dc sees NV2 and NV3 only (DCXD), both due 30/6.
    expect(stats.tasks).toMatchObject({ total: 2, done: 0, overdueOpen: 0 });
  });
});

describe.each(providers())("quickStats on the demo commune (%s)", (provider) => {
  const NOW = new Date("2026-03-18T03:30:00Z");
  let db: Database;
  let communeId: string;

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    ({ communeId } = await seedDemoData(db.prisma, { now: NOW }));
  }, 120_000);
  afterAll(async () => {
    await db.close();
  });

  it("gives consistent figures for the last quarter", async () => {
    const range = quarterRange(new Date(quarterRange(NOW).from.getTime() - 1));
    const stats = await quickStats(db.prisma, communeId, range, NOW);
    const received = await db.prisma.dossier.count({
      where: { communeId, receivedAt: { gte: range.from, lt: range.to } },
    });
    expect(stats.dossiers.received).toBe(received);
    expect(received).toBeGreaterThan(50);
    const { resolved, onTimeOrEarly, late, onTimeRate } = stats.dossiers;
    expect(onTimeOrEarly + late).toBe(resolved);
    expect(resolved).toBeGreaterThan(0);
    expect(onTimeRate).toBeGreaterThan(0.85);
    expect(onTimeRate).toBeLessThanOrEqual(1);
    expect(stats.dossiers.online).toBeLessThan(received);
    const t = stats.tasks;
    expect(t.done).toBe(t.doneOnTime + t.doneLate);
    expect(t.done + t.overdueOpen).toBeLessThanOrEqual(t.total);
  });

  it("shows the open dossiers of the current quarter as of now", async () => {
    const stats = await quickStats(db.prisma, communeId, quarterRange(NOW), NOW);
    const open = await db.prisma.dossier.count({
      where: { communeId, status: { in: ["received", "processing", "supplement"] }, receivedAt: { lt: NOW } },
    });
    expect(stats.dossiers.open).toBe(open);
    expect(stats.dossiers.overdueOpen).toBeGreaterThan(0);
  });
});
