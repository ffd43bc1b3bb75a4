import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Db } from "../../src/db/client.js";
import { DEMO_COMMUNE } from "../../src/demo/demo-commune.js";
import { loadWorkingCalendar } from "../../src/domain/calendar/load-calendar.js";
import { type SeedDemoResult, seedDemo } from "../../src/demo/seed-demo.js";
import { loadCatalogueColumns } from "../support/dossier-commune.js";
import { createTestDatabase, providers } from "../support/test-database.js";

// Wednesday 18/03/2026, 10:30 in Hà Nội.
const NOW = new Date("2026-03-18T03:30:00Z");
const OPEN = ["received", "processing", "supplement"];

async function snapshot(prisma: Db) {
  const tasks = await prisma.task.findMany({
    orderBy: { code: "asc" },
    select: { code: true, status: true, progress: true, dueAt: true, completedAt: true, title: true },
  });
  const dossiers = await prisma.dossier.findMany({
    orderBy: { receiptCode: "asc" },
    select: { receiptCode: true, status: true, receivedAt: true, returnedAt: true, applicantName: true },
  });
  return { tasks, dossiers };
}

describe.each(providers())("seedDemo on %s", (provider) => {
  let db: Database;
  let result: SeedDemoResult;
  let seconds: number;

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    const started = performance.now();
    result = await seedDemo(db.prisma, { now: NOW, loadCatalogue: loadCatalogueColumns });
    seconds = (performance.now() - started) / 1000;
  });
  afterAll(async () => {
    await db.close();
  });

  it("creates the commune with its departments, staff, plan and dossiers", async () => {
    const { prisma } = db;
    expect(result.created).toBe(true);
    expect(seconds).toBeLessThan(30);
    const commune = await prisma.commune.findUniqueOrThrow({ where: { slug: DEMO_COMMUNE.slug } });
    expect(commune).toMatchObject({
      id: result.communeId,
      name: "Xã Hòa An",
      officeHours: DEMO_COMMUNE.officeHours,
    });
    const departments = await prisma.department.findMany({ where: { communeId: commune.id } });
    expect(departments.map((d) => d.code).sort()).toEqual(["DCXD", "MC", "TCKT", "TP", "VHXH", "VP"]);
    expect(departments.filter((d) => d.isOneStop).map((d) => d.code)).toEqual(["MC"]);
    const officials = await prisma.official.findMany({ where: { communeId: commune.id } });
    expect(officials.length).toBeGreaterThanOrEqual(10);
    expect(officials.length).toBeLessThanOrEqual(14);
    expect(officials.filter((o) => o.role === "admin")).toHaveLength(1);
    expect(officials.filter((o) => o.role === "leader").length).toBeGreaterThanOrEqual(2);

    const plan = await prisma.plan.findFirstOrThrow({ where: { communeId: commune.id } });
    expect(plan.year).toBe(2026);
    expect(await prisma.task.count({ where: { planId: plan.id } })).toBe(39);
    expect(
      await prisma.task.count({ where: { communeId: commune.id, source: "district" } }),
    ).toBeGreaterThanOrEqual(4);
    expect(await prisma.dossier.count({ where: { communeId: commune.id } })).toBeGreaterThanOrEqual(300);
    expect(await prisma.taskDeadline.count()).toBeGreaterThan(10);
    expect(await prisma.taskCooperator.count()).toBeGreaterThan(5);
    expect(await prisma.evidence.count()).toBeGreaterThan(0);
    expect(result.counts).toMatchObject({ departments: 6, planTasks: 39, dossiers: expect.any(Number) });
  });

  it("stores national holidays for last, this and next year under stable ids", async () => {
    const ids = (await db.prisma.holiday.findMany({ select: { id: true, communeId: true } })).map(
      (h) => h.id,
    );
    expect(ids).toEqual(expect.arrayContaining(["vn-2025-01-01", "vn-2026-01-01", "vn-2027-01-01"]));
    expect(await db.prisma.holiday.count({ where: { communeId: { not: null } } })).toBe(0);
  });

  it("due instants of every dossier follow the working calendar", async () => {
    const calendar = await loadWorkingCalendar(db.prisma);
    const dossiers = await db.prisma.dossier.findMany();
    for (const d of dossiers) {
      expect(d.dueAt.toISOString()).toBe(
        calendar.addWorkingDays(d.receivedAt, d.processingDays).toISOString(),
      );
      expect(d.procedureId).not.toBeNull();
    }
  });

  it("has open overdue dossiers and late returned ones, most with an apology", async () => {
    const { prisma } = db;
    const overdue = await prisma.dossier.count({ where: { status: { in: OPEN }, dueAt: { lt: NOW } } });
    expect(overdue).toBeGreaterThanOrEqual(2);
    const dueSoon = await prisma.dossier.count({
      where: { status: { in: OPEN }, dueAt: { gte: NOW, lte: new Date(NOW.getTime() + 7 * 86_400_000) } },
    });
    expect(dueSoon).toBeGreaterThanOrEqual(3);
    const returned = await prisma.dossier.findMany({ where: { status: "returned" } });
    const late = returned.filter((d) => d.returnedAt! > d.dueAt);
    expect(late.length).toBeGreaterThan(0);
    expect(late.length / returned.length).toBeLessThan(0.1);
    expect(late.filter((d) => d.apologyAt).length).toBeGreaterThan(late.length / 2);
    const online = await prisma.dossier.count({ where: { channel: "online" } });
    const all = await prisma.dossier.count();
    expect(online / all).toBeGreaterThan(0.25);
    expect(online / all).toBeLessThan(0.45);
  });

  it("brings its dossiers in through the one-stop system's import, about a thousand", async () => {
    const { prisma } = db;
    const dossiers = await prisma.dossier.findMany({ where: { communeId: result.communeId } });
    expect(dossiers.length).toBeGreaterThanOrEqual(1000);
    expect(dossiers.length).toBeLessThan(1050);
    expect(result.counts.dossiers).toBe(dossiers.length);
    expect(dossiers.every((d) => d.importedAt?.getTime() === NOW.getTime())).toBe(true);
    expect(
      dossiers.every((d) => d.procedureCode !== null && d.handlerId !== null && d.departmentId !== null),
    ).toBe(true);
    expect(dossiers.every((d) => (d.channel === "online") === (d.onlineLevel !== null))).toBe(true);
    expect(new Set(dossiers.map((d) => d.channel))).toEqual(new Set(["direct", "online", "postal"]));
    expect(dossiers.some((d) => d.electronicResult)).toBe(true);
    expect(dossiers.some((d) => d.status === "completed")).toBe(true);
  });

  it("has the groups the bot posts to and an audit row", async () => {
    const groups = await db.prisma.zaloGroup.findMany({ where: { communeId: result.communeId } });
    expect(groups.map((g) => [g.groupId, g.purpose])).toEqual(
      expect.arrayContaining([
        ["demo-group-mot-cua", "one_stop_desk"],
        ["demo-group-lanh-dao", "leaders"],
      ]),
    );
    const audit = await db.prisma.auditLog.findMany({
      where: { communeId: result.communeId, action: "seed" },
    });
    expect(audit).toHaveLength(1);
  });

  it("does nothing the second time", async () => {
    const before = await snapshot(db.prisma);
    let loaded = false;
    const again = await seedDemo(db.prisma, {
      now: new Date(NOW.getTime() + 86_400_000),
      loadCatalogue: async () => {
        loaded = true;
      },
    });
    expect(again).toEqual({ communeId: result.communeId, created: false, counts: {} });
    expect(loaded).toBe(false);
    expect(await snapshot(db.prisma)).toEqual(before);
    expect(await db.prisma.commune.count()).toBe(1);
  });

  it("produces the same data on another database for the same now", async () => {
    const other = await createTestDatabase(provider);
    try {
      const second = await seedDemo(other.prisma, { now: NOW, loadCatalogue: loadCatalogueColumns });
      expect(second.counts).toEqual(result.counts);
      expect(await snapshot(other.prisma)).toEqual(await snapshot(db.prisma));
    } finally {
      await other.close();
    }
  });
});
