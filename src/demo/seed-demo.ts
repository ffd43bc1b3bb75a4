import { seedNationalYear } from "../domain/calendar/holiday-defaults.js";
import { loadWorkingCalendar } from "../domain/calendar/load-calendar.js";
import { dayKey } from "../domain/calendar/working-days.js";
import type { Db, Prisma } from "../db/client.js";
import { DEMO_COMMUNE, DEMO_DEPARTMENTS, DEMO_OFFICIALS, DEMO_ZALO_GROUPS } from "./demo-commune.js";
import { importDossierRecords } from "../domain/imports/dossier-import.js";
import type { DossierCells } from "../domain/imports/dossier-row.js";
import { generateDemoDossiers } from "./demo-dossiers.js";
import { asOneStopExport } from "./demo-export.js";
import { seedDemoPlan } from "./demo-plan.js";
import {
  buildDistrictTasks,
  buildEvidence,
  type DemoTaskDraft,
  type EvidenceDraft,
  type PlanTaskProgress,
} from "./demo-tasks.js";
import { workingDayOnOrBefore } from "./seed-time.js";

type Tx = Prisma.TransactionClient;

export interface SeedDemoOptions {
  /** The demo is built around this instant: plan year, task statuses, open dossiers. */
  now: Date;
  /** Fills the Procedure table; dossiers are drawn from it. */
  loadCatalogue: (prisma: Db) => Promise<void>;
}

export interface SeedDemoResult {
  communeId: string;
  /** false when the demo commune was already there and nothing was written. */
  created: boolean;
  counts: Record<string, number>;
}

/**
 * Seeds the demo commune (Xã Hòa An) with its staff, this year's CCHC plan, district tasks
 * and two quarters of dossiers. Idempotent: when the commune exists, nothing is written.
 * The commune and everything it owns are written in one transaction, so a failed run
 * leaves no half commune behind and can simply be repeated.
 */
export async function seedDemo(prisma: Db, options: SeedDemoOptions): Promise<SeedDemoResult> {
  const existing = await findDemoCommune(prisma);
  if (existing) return { communeId: existing, created: false, counts: {} };
  const { now } = options;
  const year = Number(dayKey(now).slice(0, 4));

  // The national calendar of those years, unless an operator already stored (and maybe edited) it.
  let holidays = 0;
  for (const y of [year - 1, year, year + 1]) holidays += await seedNationalYear(prisma, y);
  await options.loadCatalogue(prisma);
  const calendar = await loadWorkingCalendar(prisma);
  const procedures = await prisma.procedure.findMany({
    where: { communeService: true, active: true },
    select: { id: true, code: true, name: true, field: true, processingDays: true },
    orderBy: { code: "asc" },
  });

  const dossiers = generateDemoDossiers({ now, calendar, procedures });
  const issuedOn = workingDayOnOrBefore(calendar, [`${year}-01-16`, calendar.dayKey(now)].sort()[0]!);

  try {
    return await prisma.$transaction(
      async (tx) => {
        const { communeId, departmentIds, officialIds } = await createCommune(tx);
        const documentNo = "11/KH-UBND";
        await tx.plan.create({
          data: {
            communeId,
            year,
            title: `Kế hoạch cải cách hành chính nhà nước xã Hòa An năm ${year}`,
            documentNo,
            issuedOn,
          },
        });
        const planTasks = await seedDemoPlan(tx, communeId, { year, documentNo }, officialIds, {
          now,
          calendar,
        });
        const districtTasks = buildDistrictTasks({ now, calendar }, planTasks.length + 1);
        const taskCounts = await createTasks(
          tx,
          communeId,
          planTasks,
          districtTasks,
          departmentIds,
          officialIds,
        );
        const dossierCount = await importDossiers(tx, communeId, asOneStopExport(dossiers, calendar), now);
        await tx.zaloGroup.createMany({
          data: DEMO_ZALO_GROUPS.map((g) => ({
            communeId,
            groupId: g.groupId,
            name: g.name,
            purpose: g.purpose,
            departmentId: g.departmentCode ? (departmentIds.get(g.departmentCode) ?? null) : null,
          })),
        });
        const counts: Record<string, number> = {
          holidays,
          procedures: procedures.length,
          departments: departmentIds.size,
          officials: officialIds.size,
          plans: 1,
          planTasks: planTasks.length,
          districtTasks: districtTasks.length,
          ...taskCounts,
          dossiers: dossierCount,
          zaloGroups: DEMO_ZALO_GROUPS.length,
        };
        await tx.auditLog.create({
          data: {
            communeId,
            actorLabel: "seed",
            channel: "system",
            entityType: "commune",
            entityId: communeId,
            action: "seed",
            after: JSON.stringify({ now: now.toISOString(), counts }),
            note: "Tạo dữ liệu mẫu xã Hòa An",
          },
        });
        return { communeId, created: true, counts };
      },
      // PostgreSQL round trips add up over a few hundred rows; SQLite needs far less.
      { maxWait: 10_000, timeout: 120_000 },
    );
  } catch (error) {
    // Another process seeding at the same time won the race on the slug: that is success.
    const winner = await findDemoCommune(prisma);
    if (winner) return { communeId: winner, created: false, counts: {} };
    throw error;
  }
}

async function findDemoCommune(prisma: Db): Promise<string | null> {
  const row = await prisma.commune.findUnique({ where: { slug: DEMO_COMMUNE.slug }, select: { id: true } });
  return row?.id ?? null;
}

/** The calendar as the application will see it: from the national rows in the database. */
async function createCommune(tx: Tx) {
  const commune = await tx.commune.create({ data: { ...DEMO_COMMUNE } });
  const departments = await tx.department.createManyAndReturn({
    data: DEMO_DEPARTMENTS.map((d) => ({
      communeId: commune.id,
      code: d.code,
      name: d.name,
      aliases: d.aliases.join("|"),
      isOneStop: d.isOneStop,
    })),
    select: { id: true, code: true },
  });
  const departmentIds = new Map(departments.map((d) => [d.code, d.id]));
  const officials = await tx.official.createManyAndReturn({
    data: DEMO_OFFICIALS.map((o) => ({
      communeId: commune.id,
      departmentId: o.departmentCode ? (departmentIds.get(o.departmentCode) ?? null) : null,
      name: o.name,
      title: o.title,
      role: o.role,
      phone: o.phone,
    })),
    select: { id: true, phone: true },
  });
  const byPhone = new Map(officials.map((o) => [o.phone, o.id]));
  const officialIds = new Map(DEMO_OFFICIALS.map((o) => [o.key, byPhone.get(o.phone)!]));
  return { communeId: commune.id, departmentIds, officialIds };
}

/** The district's tasks, and evidence for the first done tasks of the plan and the district. */
async function createTasks(
  tx: Tx,
  communeId: string,
  planTasks: readonly PlanTaskProgress[],
  tasks: readonly DemoTaskDraft[],
  departmentIds: ReadonlyMap<string, string>,
  officialIds: ReadonlyMap<string, string>,
): Promise<Record<string, number>> {
  const department = (code: string | null) => (code ? (departmentIds.get(code) ?? null) : null);
  const official = (key: string | null) => (key ? (officialIds.get(key) ?? null) : null);
  const created = await tx.task.createManyAndReturn({
    data: tasks.map((t) => ({
      communeId,
      planId: null,
      code: t.code,
      section: t.section,
      sectionTitle: t.sectionTitle,
      ordinal: t.ordinal,
      title: t.title,
      product: t.product,
      leadDepartmentId: department(t.leadCode),
      leadText: t.leadText,
      cooperatingText: t.cooperatingText,
      assigneeId: official(t.assigneeKey),
      deadlineText: t.deadlineText,
      recurrence: t.recurrence,
      dueAt: t.dueAt,
      status: t.status,
      progress: t.progress,
      completedAt: t.completedAt,
      source: t.source,
      assignedBy: t.assignedBy,
    })),
    select: { id: true, code: true },
  });
  const taskIds = new Map([
    ...planTasks.map((t) => [t.code, t.id] as const),
    ...created.map((t) => [t.code, t.id] as const),
  ]);
  const taskId = (code: string) => taskIds.get(code)!;
  const deadlines = tasks.flatMap((t) => t.deadlines.map((d) => ({ taskId: taskId(t.code), ...d })));
  const cooperators = tasks.flatMap((t) =>
    t.cooperatorCodes.map((code) => ({ taskId: taskId(t.code), departmentId: departmentIds.get(code)! })),
  );
  const evidence = buildEvidence([...planTasks, ...tasks]).map((e: EvidenceDraft) => ({
    taskId: taskId(e.taskCode),
    officialId: official(e.officialKey),
    kind: e.kind,
    url: e.url,
    name: e.name,
    sizeBytes: e.sizeBytes,
    note: e.note,
    createdAt: e.createdAt,
  }));
  await tx.taskDeadline.createMany({ data: deadlines });
  await tx.taskCooperator.createMany({ data: cooperators });
  await tx.evidence.createMany({ data: evidence });
  const ofCommune = { task: { communeId } };
  return {
    tasks: await tx.task.count({ where: { communeId } }),
    taskDeadlines: await tx.taskDeadline.count({ where: ofCommune }),
    taskCooperators: await tx.taskCooperator.count({ where: ofCommune }),
    evidence: evidence.length,
  };
}

/**
 * The demo's dossiers come in the way a real commune's do: as the one-stop system's export,
 * through the dossier import. A row the import refuses is a bug in the demo, not data to skip.
 */
async function importDossiers(
  tx: Tx,
  communeId: string,
  records: readonly DossierCells[],
  now: Date,
): Promise<number> {
  const report = await importDossierRecords(tx, communeId, records, { now });
  const problem = report.bad[0] ?? report.warnings[0];
  if (problem) throw new Error(`demo dossier ${problem.line} not imported cleanly: ${problem.message}`);
  return report.created;
}
