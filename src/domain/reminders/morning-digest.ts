import type { Db, Prisma } from "../../db/client.js";
import type { WorkingCalendar } from "../calendar/working-days.js";
import { zonedInstant } from "../calendar/working-days.js";
import {
  DOSSIER_SUMMARY_SELECT,
  type DossierSummary,
  listDossiers,
  OPEN_DOSSIER_WHERE,
} from "../dossiers/dossier-queries.js";
import type { Actor } from "../officials/scope.js";
import { listTasks, type TaskSummary } from "../tasks/task-queries.js";

/** What one official's morning digest says; every list is at most `limit` long, with its total. */
export interface MorningDigest {
  overdueTasks: Counted<TaskSummary>;
  tasksDueSoon: Counted<TaskSummary>;
  overdueDossiers: Counted<DossierSummary>;
  dossiersDue: Counted<DossierSummary>;
  /** For leaders: the whole commune in numbers. */
  commune: { overdueTasks: number; overdueDossiers: number; dossiersDueToday: number } | null;
}

export interface Counted<T> {
  items: T[];
  total: number;
}

export interface DigestOptions {
  now: Date;
  calendar: WorkingCalendar;
  /** Tasks due within this many working days are "due soon". */
  withinWorkingDays: number;
  overdueOnly: boolean;
  limit?: number;
}

/**
 * An official's morning digest: their tasks overdue and due within N working days (those
 * assigned to them, and their department's that nobody is assigned to), and their dossiers
 * due today or tomorrow or overdue (those they handle, and their department's unassigned
 * ones; at the one-stop desk, every unassigned one). A leader also gets the commune's totals.
 */
export async function morningDigest(
  prisma: Db,
  actor: Actor,
  options: DigestOptions,
): Promise<MorningDigest> {
  const { now, calendar } = options;
  const limit = options.limit ?? 5;
  const page = { offset: 0, limit };
  const today = calendar.dayKey(now);
  const soonEnd = zonedInstant(calendar.nthWorkingDayAfter(today, options.withinWorkingDays), 23, 59);
  const tomorrowEnd = zonedInstant(calendar.nextWorkingDay(today), 23, 59);
  const none = { items: [], total: 0 };

  // A deadline still to meet counts whichever of a task's deadlines it is; the digest shows
  // that one (an intermediate report due this week, not the task's final date).
  const overdueTasks = await withDeadlineIn(
    prisma,
    await listTasks(prisma, actor, { onlyMine: true, overdueAt: now, anyDeadline: true }, page),
    { lt: now },
  );
  const tasksDueSoon = options.overdueOnly
    ? none
    : await withDeadlineIn(
        prisma,
        await listTasks(
          prisma,
          actor,
          { onlyMine: true, dueFrom: now, dueTo: soonEnd, anyDeadline: true },
          page,
        ),
        { gte: now, lt: soonEnd },
      );

  const mine = myDossiers(actor);
  const dossierPage = async (where: Prisma.DossierWhereInput) => {
    const [items, total] = await Promise.all([
      prisma.dossier.findMany({
        where: { AND: [mine, where] },
        select: DOSSIER_SUMMARY_SELECT,
        orderBy: [{ dueAt: "asc" }, { receiptCode: "asc" }],
        take: limit,
      }),
      prisma.dossier.count({ where: { AND: [mine, where] } }),
    ]);
    return { items, total };
  };
  const overdueDossiers = await dossierPage({ ...OPEN_DOSSIER_WHERE, dueAt: { lt: now } });
  const dossiersDue = options.overdueOnly
    ? none
    : await dossierPage({ ...OPEN_DOSSIER_WHERE, dueAt: { gte: now, lte: tomorrowEnd } });

  let commune: MorningDigest["commune"] = null;
  if (actor.role === "leader") {
    const todayEnd = zonedInstant(today, 23, 59);
    const [tasks, dossiers, dueToday] = await Promise.all([
      listTasks(prisma, actor, { overdueAt: now }, { offset: 0, limit: 0 }),
      listDossiers(prisma, actor, { overdueAt: now }, { offset: 0, limit: 0 }),
      listDossiers(prisma, actor, { dueFrom: now, dueTo: todayEnd }, { offset: 0, limit: 0 }),
    ]);
    commune = {
      overdueTasks: tasks.total,
      overdueDossiers: dossiers.total,
      dossiersDueToday: dueToday.total,
    };
  }
  return { overdueTasks, tasksDueSoon, overdueDossiers, dossiersDue, commune };
}

/** Each task with `dueAt` set to its earliest deadline still to meet within `window`, if any. */
async function withDeadlineIn(
  prisma: Db,
  tasks: Counted<TaskSummary>,
  window: { gte?: Date; lt: Date },
): Promise<Counted<TaskSummary>> {
  const deadlines = await prisma.taskDeadline.findMany({
    where: { taskId: { in: tasks.items.map((t) => t.id) }, metAt: null, dueAt: window },
    orderBy: { dueAt: "asc" },
    select: { taskId: true, dueAt: true },
  });
  const first = new Map<string, Date>();
  for (const d of deadlines) if (!first.has(d.taskId)) first.set(d.taskId, d.dueAt);
  return { ...tasks, items: tasks.items.map((t) => ({ ...t, dueAt: first.get(t.id) ?? t.dueAt })) };
}

/** Nothing worth a message: no message is sent. */
export function isEmptyDigest(d: MorningDigest): boolean {
  const c = d.commune;
  return (
    d.overdueTasks.total + d.tasksDueSoon.total + d.overdueDossiers.total + d.dossiersDue.total === 0 &&
    (!c || c.overdueTasks + c.overdueDossiers + c.dossiersDueToday === 0)
  );
}

/** The dossiers that are an official's own to act on (their scope is wider: see scope.ts). */
function myDossiers(actor: Actor): Prisma.DossierWhereInput {
  const own: Prisma.DossierWhereInput[] = [{ handlerId: actor.officialId }];
  if (actor.oneStopDesk) own.push({ handlerId: null });
  else if (actor.departmentId) own.push({ departmentId: actor.departmentId, handlerId: null });
  return { communeId: actor.communeId, OR: own };
}
