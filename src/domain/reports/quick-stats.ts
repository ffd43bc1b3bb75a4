/**
 * The short figures leaders and officers ask for in the chat ("thống kê quý này", "tỷ lệ
 * đúng hạn") and the weekly digest shows: a view of the report figures (report-figures.ts),
 * never a second count. See dossier-figures.ts and task-figures.ts for the definitions:
 * onTimeOrEarly = resolved early + on the due day; open/overdueOpen = in progress / overdue
 * at min(to, now); tasks are counted by deadline, "Thường xuyên" tasks at each quarter end.
 */
import type { Db } from "../../db/client.js";
import type { DateRange } from "../calendar/periods.js";
import type { Actor } from "../officials/scope.js";
import type { TaskFigures as ReportTaskFigures } from "./task-figures.js";
import { type ReportFigures, reportFigures } from "./report-figures.js";

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

const taskView = (t: ReportTaskFigures): TaskFigures => ({
  total: t.total,
  done: t.done,
  doneOnTime: t.doneOnTime,
  doneLate: t.doneLate,
  overdueOpen: t.overdue,
});

/** The chat's view of report figures already computed. */
export function quickStatsOf(figures: ReportFigures): QuickStats {
  const plan = taskView(figures.planTasks);
  const district = taskView(figures.districtTasks);
  const d = figures.dossiers;
  return {
    range: figures.range,
    asOf: figures.asOf,
    tasks: {
      total: plan.total + district.total,
      done: plan.done + district.done,
      doneOnTime: plan.doneOnTime + district.doneOnTime,
      doneLate: plan.doneLate + district.doneLate,
      overdueOpen: plan.overdueOpen + district.overdueOpen,
      bySource: { plan, district },
    },
    dossiers: {
      received: d.received,
      resolved: d.resolved,
      onTimeOrEarly: d.resolvedEarly + d.resolvedOnTime,
      late: d.resolvedLate,
      open: d.inProgress,
      overdueOpen: d.overdue,
      online: d.receivedOnline,
      onTimeRate: d.onTimeRate,
    },
  };
}

export async function quickStats(
  prisma: Db,
  who: Actor | string,
  range: DateRange,
  now: Date,
): Promise<QuickStats> {
  return quickStatsOf(await reportFigures(prisma, who, range, now));
}
