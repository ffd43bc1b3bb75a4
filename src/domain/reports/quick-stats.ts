/**
 * The figures leaders ask for in the chat ("thống kê quý này", "tỷ lệ đúng hạn"), computed
 * the way the quarterly CCHC report form (Phụ lục 2) counts them:
 *
 * Dossiers (III.3 and V.2.4 of the form):
 * - received ("tiếp nhận"): receivedAt in [from, to); online: of those, channel "online";
 * - resolved ("đã giải quyết"): status completed/returned with the result given (returnedAt,
 *   else the row's last update) in [from, to); onTimeOrEarly ("đúng hạn/trước hạn"): resolved
 *   at or before dueAt; late ("quá hạn"): after it; onTimeRate = onTimeOrEarly ÷ resolved.
 *   Withdrawn and rejected dossiers are received but never resolved;
 * - open ("đang giải quyết"): received before the end of the period and not yet closed at it
 *   (open now, or closed with returnedAt at or after the end; a closed dossier without
 *   returnedAt counts as closed); overdueOpen: of those, due before the end. The end is
 *   min(to, now), so a past quarter shows what was pending at its last moment and the
 *   current one what is pending now.
 *
 * Tasks (I.2 and I.4 of the form), cancelled tasks left out:
 * - total: tasks due in [from, to) (continuous tasks have no due date and are not counted);
 * - done: of those, completed by the end of the period; doneOnTime / doneLate: completed at
 *   or before / after their due date; overdueOpen: not completed by the end and due before it.
 *   bySource splits the same figures into the plan's tasks and the district's.
 *
 * Leaders (or a commune id) get the whole commune; any other actor gets what their scope
 * lets them see.
 */
import type { Db, Prisma } from "../../db/client.js";
import type { DateRange } from "../calendar/periods.js";
import {
  CLOSED_DOSSIER_STATUSES,
  isOpenDossierStatus,
  isResolvedDossierStatus,
} from "../dossiers/dossier-queries.js";
import { type Actor, dossierScopeWhere, taskScopeWhere } from "../officials/scope.js";

export interface TaskFigures {
  total: number;
  done: number;
  doneOnTime: number;
  doneLate: number;
  overdueOpen: number;
}

export interface DossierFigures {
  received: number;
  resolved: number;
  onTimeOrEarly: number;
  late: number;
  open: number;
  overdueOpen: number;
  online: number;
  /** onTimeOrEarly ÷ resolved, 0–1; null when nothing was resolved. */
  onTimeRate: number | null;
}

export interface QuickStats {
  range: DateRange;
  /** The instant open and done figures are taken at: min(to, now). */
  asOf: Date;
  tasks: TaskFigures & { bySource: { plan: TaskFigures; district: TaskFigures } };
  dossiers: DossierFigures;
}

export async function quickStats(
  prisma: Db,
  who: Actor | string,
  range: DateRange,
  now: Date,
): Promise<QuickStats> {
  const { from, to } = range;
  const asOf = new Date(Math.max(from.getTime(), Math.min(to.getTime(), now.getTime())));
  const commune = typeof who === "string" ? who : who.communeId;
  const taskWhere: Prisma.TaskWhereInput =
    typeof who === "string" ? { communeId: commune } : taskScopeWhere(who);
  const dossierWhere: Prisma.DossierWhereInput =
    typeof who === "string" ? { communeId: commune } : dossierScopeWhere(who);

  const [tasks, dossiers] = await Promise.all([
    prisma.task.findMany({
      where: { AND: [taskWhere, { status: { not: "cancelled" }, dueAt: { gte: from, lt: to } }] },
      select: { status: true, dueAt: true, completedAt: true, updatedAt: true, source: true },
    }),
    prisma.dossier.findMany({
      where: {
        AND: [
          dossierWhere,
          { receivedAt: { lt: to } },
          // Anything that can count: received in the period, still open, or closed since it began.
          {
            OR: [
              { receivedAt: { gte: from } },
              { status: { notIn: [...CLOSED_DOSSIER_STATUSES] } },
              { returnedAt: { gte: from } },
              { updatedAt: { gte: from } },
            ],
          },
        ],
      },
      select: {
        status: true,
        channel: true,
        receivedAt: true,
        dueAt: true,
        returnedAt: true,
        updatedAt: true,
      },
    }),
  ]);

  const taskFigures = (rows: typeof tasks): TaskFigures => {
    const figures: TaskFigures = { total: 0, done: 0, doneOnTime: 0, doneLate: 0, overdueOpen: 0 };
    for (const task of rows) {
      const due = task.dueAt!;
      figures.total++;
      const completedAt = task.status === "done" ? (task.completedAt ?? task.updatedAt) : null;
      if (completedAt && completedAt <= asOf) {
        figures.done++;
        if (completedAt <= due) figures.doneOnTime++;
        else figures.doneLate++;
      } else if (due < asOf) {
        figures.overdueOpen++;
      }
    }
    return figures;
  };

  const inRange = (at: Date | null) => at !== null && at >= from && at < to;
  const d: DossierFigures = {
    received: 0,
    resolved: 0,
    onTimeOrEarly: 0,
    late: 0,
    open: 0,
    overdueOpen: 0,
    online: 0,
    onTimeRate: null,
  };
  for (const dossier of dossiers) {
    if (inRange(dossier.receivedAt)) {
      d.received++;
      if (dossier.channel === "online") d.online++;
    }
    const open = isOpenDossierStatus(dossier.status);
    if (isResolvedDossierStatus(dossier.status)) {
      const resolvedAt = dossier.returnedAt ?? dossier.updatedAt;
      if (inRange(resolvedAt)) {
        d.resolved++;
        if (resolvedAt <= dossier.dueAt) d.onTimeOrEarly++;
        else d.late++;
      }
    }
    // A closed dossier without returnedAt is taken as closed before the end: when is unknown.
    const openAtEnd =
      dossier.receivedAt < asOf && (open || (dossier.returnedAt !== null && dossier.returnedAt >= asOf));
    if (openAtEnd) {
      d.open++;
      if (dossier.dueAt < asOf) d.overdueOpen++;
    }
  }
  d.onTimeRate = d.resolved > 0 ? d.onTimeOrEarly / d.resolved : null;

  return {
    range: { from, to },
    asOf,
    tasks: {
      ...taskFigures(tasks),
      bySource: {
        plan: taskFigures(tasks.filter((t) => t.source !== "district")),
        district: taskFigures(tasks.filter((t) => t.source === "district")),
      },
    },
    dossiers: d,
  };
}
