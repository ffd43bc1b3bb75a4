import type { Db } from "../../db/client.js";
import type { WorkingCalendar } from "../calendar/working-days.js";
import { OPEN_DOSSIER_WHERE } from "../dossiers/dossier-queries.js";
import { quarterRange } from "../calendar/periods.js";
import { type ParRisk, parRisks } from "../reports/par-risk.js";
import { type QuickStats, quickStats } from "../reports/quick-stats.js";
import { OPEN_TASK_STATUSES } from "../tasks/task-queries.js";

/** What the leaders' weekly digest says about the commune. */
export interface WeeklySummary {
  /** This year's plan deadlines: how many are reached by now, how many of those are met; all of the year's. */
  plan: { dueSoFar: number; doneOfDue: number; total: number; done: number };
  overdueTasksByDepartment: { department: string; count: number }[];
  /** This quarter so far. */
  quarter: QuickStats;
  /** The five items overdue the longest, tasks and dossiers together. */
  mostOverdue: { kind: "task" | "dossier"; code: string; title: string; workingDays: number }[];
  /** Messages of the last 7 days Zalo would not deliver, by who should have got them. */
  undelivered: { recipient: string; count: number }[];
  /** The three PAR-index criteria with the most points at risk this year (none at risk: none). */
  risks: ParRisk[];
}

export async function weeklySummary(
  prisma: Db,
  communeId: string,
  options: { now: Date; calendar: WorkingCalendar },
): Promise<WeeklySummary> {
  const { now, calendar } = options;
  // The year's figures and risks, counted as the report counts them (by deadline, "Thường
  // xuyên" tasks at each quarter's end): one source for the digest, the chat and the XLSX.
  const { figures: yearFigures, risks } = await parRisks(prisma, communeId, now);
  const planTasks = yearFigures.planTasks;
  const plan = {
    total: planTasks.total,
    done: planTasks.done,
    dueSoFar: planTasks.due,
    doneOfDue: planTasks.doneOfDue,
  };

  const overdueTasks = await prisma.task.findMany({
    where: { communeId, status: { in: [...OPEN_TASK_STATUSES] }, dueAt: { lt: now } },
    select: { code: true, title: true, dueAt: true, leadDepartment: { select: { name: true } } },
  });
  const byDepartment = new Map<string, number>();
  for (const t of overdueTasks) {
    const name = t.leadDepartment?.name ?? "Chưa giao bộ phận";
    byDepartment.set(name, (byDepartment.get(name) ?? 0) + 1);
  }
  const overdueDossiers = await prisma.dossier.findMany({
    where: { communeId, ...OPEN_DOSSIER_WHERE, dueAt: { lt: now } },
    select: { receiptCode: true, procedureName: true, dueAt: true },
    orderBy: { dueAt: "asc" },
    take: 5,
  });
  const late = (dueAt: Date) => -calendar.workingDaysBetween(now, dueAt);
  const mostOverdue = [
    ...overdueTasks.map((t) => ({
      kind: "task" as const,
      code: t.code,
      title: t.title,
      workingDays: late(t.dueAt!),
    })),
    ...overdueDossiers.map((d) => ({
      kind: "dossier" as const,
      code: d.receiptCode,
      title: d.procedureName,
      workingDays: late(d.dueAt),
    })),
  ]
    .sort((a, b) => b.workingDays - a.workingDays)
    .slice(0, 5);

  const weekAgo = new Date(now.getTime() - 7 * 24 * 3_600_000);
  const undeliveredRows = await prisma.outboxMessage.groupBy({
    by: ["recipientType", "recipientId"],
    where: {
      communeId,
      status: { in: ["unreachable", "failed"] },
      createdAt: { gte: weekAgo },
    },
    _count: { _all: true },
  });
  const names = await recipientNames(prisma, communeId);
  const counts = new Map<string, number>();
  const add = (name: string, n: number) => counts.set(name, (counts.get(name) ?? 0) + n);
  for (const r of undeliveredRows) {
    // Citizens' messages are not the leaders' business here (and stay anonymous).
    const name = names.get(`${r.recipientType}:${r.recipientId}`);
    if (name) add(name, r._count._all);
  }
  for (const name of await unreachableOfficials(prisma, communeId, weekAgo)) add(name, 1);
  const undelivered = [...counts].map(([recipient, count]) => ({ recipient, count }));

  return {
    plan,
    overdueTasksByDepartment: [...byDepartment]
      .map(([department, count]) => ({ department, count }))
      .sort((a, b) => b.count - a.count),
    quarter: await quickStats(prisma, communeId, quarterRange(now), now),
    mostOverdue,
    undelivered,
    risks: risks.filter((r) => r.pointsAtRisk > 0).slice(0, 3),
  };
}

/** Officials' and groups' names by outbox recipient; citizens stay anonymous. */
async function recipientNames(prisma: Db, communeId: string): Promise<Map<string, string>> {
  const [users, groups] = await Promise.all([
    prisma.zaloUser.findMany({
      where: { communeId, officialId: { not: null } },
      select: { zaloUserId: true, official: { select: { name: true } } },
    }),
    prisma.zaloGroup.findMany({ where: { communeId }, select: { groupId: true, name: true } }),
  ]);
  return new Map([
    ...users.map((u) => [`user:${u.zaloUserId}`, u.official!.name] as const),
    ...groups.map((g) => [`group:${g.groupId}`, `nhóm ${g.name}`] as const),
  ]);
}

/** Officials the reminder jobs found no way to reach (no Zalo link, no group), one entry per alert. */
async function unreachableOfficials(prisma: Db, communeId: string, since: Date): Promise<string[]> {
  const runs = await prisma.jobRun.findMany({
    where: { communeId, startedAt: { gte: since }, detail: { contains: "unreachable" } },
    select: { detail: true },
  });
  return runs.flatMap((r) => {
    try {
      const detail = JSON.parse(r.detail ?? "{}") as { unreachable?: { name?: unknown }[] };
      return (detail.unreachable ?? []).map((u) => String(u.name ?? "")).filter(Boolean);
    } catch {
      return [];
    }
  });
}
