/**
 * Plan and district task figures (Phụ lục 2, I.2 and I.4; PAR index 1.1.3 and 1.5.1),
 * counted by deadline, the way the district counts a plan ("hoàn thành 28/31 nhiệm vụ"):
 *
 * - a task with several deadlines ("Quý II và Quý IV", monthly reports) counts once for
 *   each deadline in the period, met when the deadline row says so (or the task is done);
 * - a task with one deadline counts once, in the period its deadline falls in;
 * - a "Thường xuyên" task (no deadline of its own) reports at each quarter's end: it counts
 *   once per quarter end in the period, met by the task being done or by evidence (minh
 *   chứng) added in that quarter;
 * - cancelled tasks are left out.
 *
 * Of the deadlines in the period: done = met by asOf; doneOnTime / doneLate = met at or
 * before / after the deadline; notDone = total − done (overdue = not done and past the
 * deadline, the rest not yet due); completion = done ÷ total.
 */
import { quarterDays, shiftQuarter, type DateRange } from "../calendar/periods.js";
import { dueInstant } from "../calendar/date-phrases/index.js";
import { dayKey, zonedInstant } from "../calendar/working-days.js";
import { rate } from "./dossier-figures.js";

export interface TaskRow {
  status: string;
  recurrence: string;
  dueAt: Date | null;
  completedAt: Date | null;
  updatedAt: Date;
  deadlines: { dueAt: Date; metAt: Date | null }[];
  evidenceAt: Date[];
}

export interface TaskFigures {
  total: number;
  done: number;
  doneOnTime: number;
  doneLate: number;
  notDone: number;
  overdue: number;
  /** Deadlines already reached by asOf, and how many of those are met ("0/1 đến hạn đã xong"). */
  due: number;
  doneOfDue: number;
  /** done ÷ total; null when nothing fell due in the period. */
  completion: number | null;
}

/** One deadline of a task: when it is due and when (if ever) it was met. */
export interface Occurrence {
  dueAt: Date;
  metAt: Date | null;
  periodic: boolean;
}

/** The last days of every quarter whose end falls in [from, to). */
function quarterEndsIn(range: DateRange): Date[] {
  const ends: Date[] = [];
  let [year, quarter] = shiftQuarter(dayKey(range.from), 0);
  for (let i = 0; i < 200; i++) {
    const end = dueInstant(quarterDays(year, quarter).to);
    if (end >= range.to) break;
    if (end >= range.from) ends.push(end);
    [year, quarter] = shiftQuarter(quarterDays(year, quarter).to, 1);
  }
  return ends;
}

/** The deadlines of a task that fall in the range. */
export function occurrencesIn(task: TaskRow, range: DateRange): Occurrence[] {
  if (task.status === "cancelled") return [];
  const doneAt = task.status === "done" ? (task.completedAt ?? task.updatedAt) : null;
  const inRange = (at: Date) => at >= range.from && at < range.to;
  if (task.deadlines.length > 0) {
    return task.deadlines
      .filter((d) => inRange(d.dueAt))
      .map((d) => ({ dueAt: d.dueAt, metAt: d.metAt ?? doneAt, periodic: false }));
  }
  if (task.dueAt) return inRange(task.dueAt) ? [{ dueAt: task.dueAt, metAt: doneAt, periodic: false }] : [];
  if (task.recurrence !== "continuous") return [];
  return quarterEndsIn(range).map((end) => {
    const quarterStart = zonedInstant(quarterDays(...shiftQuarter(dayKey(end), 0)).from, 0, 0);
    const evidence = task.evidenceAt
      .filter((at) => at >= quarterStart && at <= end)
      .sort((a, b) => a.getTime() - b.getTime())[0];
    const candidates = [evidence, doneAt].filter((x): x is Date => x instanceof Date);
    const metAt = candidates.sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
    return { dueAt: end, metAt, periodic: true };
  });
}

export function taskFigures(tasks: readonly TaskRow[], range: DateRange, asOf: Date): TaskFigures {
  const f: TaskFigures = {
    total: 0,
    done: 0,
    doneOnTime: 0,
    doneLate: 0,
    notDone: 0,
    overdue: 0,
    due: 0,
    doneOfDue: 0,
    completion: null,
  };
  for (const task of tasks) {
    for (const o of occurrencesIn(task, range)) {
      f.total++;
      const met = o.metAt !== null && o.metAt <= asOf;
      if (o.dueAt <= asOf) {
        f.due++;
        if (met) f.doneOfDue++;
      }
      if (met && o.metAt) {
        f.done++;
        if (o.metAt <= o.dueAt) f.doneOnTime++;
        else f.doneLate++;
      } else {
        f.notDone++;
        if (o.dueAt < asOf) f.overdue++;
      }
    }
  }
  f.completion = rate(f.done, f.total);
  return f;
}
