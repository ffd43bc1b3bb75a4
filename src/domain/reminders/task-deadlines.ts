import type { Db } from "../../db/client.js";
import { quarterDays, shiftQuarter } from "../calendar/periods.js";
import { addCalendarDays, type WorkingCalendar, zonedInstant } from "../calendar/working-days.js";
import { listTasks, OPEN_TASK_STATUSES, type TaskSummary } from "../tasks/task-queries.js";
import { dueInstant } from "../calendar/date-phrases/index.js";

/** When a deadline reminder is sent: N working days before, on the day, the day after. */
export type ReminderStage = "before" | "due" | "after";

export interface DeadlineReminder {
  task: TaskSummary;
  stage: ReminderStage;
  /** The deadline this reminder is about (one of several for a task with intermediate ones). */
  dueAt: Date;
  /** YYYY-MM-DD of the deadline, Vietnam time: part of the reminder's identity. */
  dueDay: string;
  label: string | null;
  /** The periodic report of a continuous task ("Thường xuyên") at a quarter's end. */
  periodic: boolean;
}

/**
 * Deadline reminders due today for a commune's open tasks: each deadline (the final one,
 * every intermediate one that is not met, and for continuous tasks the report due at each
 * quarter's end) gets one reminder `daysBefore` working days before, one on the day and
 * one on the first working day after. A deadline on a non-working day is reminded on the
 * last working day before it.
 */
export async function deadlineRemindersToday(
  prisma: Db,
  communeId: string,
  options: { now: Date; calendar: WorkingCalendar; daysBefore: number },
): Promise<DeadlineReminder[]> {
  const { now, calendar } = options;
  const today = calendar.dayKey(now);
  if (!calendar.isWorkingDay(today)) return [];
  const aheadDay = calendar.nthWorkingDayAfter(today, options.daysBefore);
  const windowFrom = zonedInstant(addCalendarDays(today, -14), 0, 0);
  const windowTo = zonedInstant(addCalendarDays(aheadDay, 1), 0, 0);

  const deadlines = await prisma.taskDeadline.findMany({
    where: {
      dueAt: { gte: windowFrom, lt: windowTo },
      metAt: null,
      task: { communeId, status: { in: [...OPEN_TASK_STATUSES] } },
    },
    select: { taskId: true, dueAt: true, label: true },
  });
  const tasks = await openTasks(prisma, communeId);
  const byId = new Map(tasks.map((t) => [t.id, t]));

  const stageOf = (day: string): ReminderStage | null => {
    const effective = lastWorkingDayOnOrBefore(calendar, day);
    if (effective === today) return "due";
    if (effective === aheadDay) return "before";
    if (calendar.nextWorkingDay(day) === today) return "after";
    return null;
  };

  const reminders: DeadlineReminder[] = [];
  const covered = new Set<string>();
  for (const d of deadlines) {
    const task = byId.get(d.taskId);
    const dueDay = calendar.dayKey(d.dueAt);
    const stage = stageOf(dueDay);
    if (!task || !stage) continue;
    covered.add(`${task.id}:${dueDay}`);
    reminders.push({ task, stage, dueAt: d.dueAt, dueDay, label: d.label, periodic: false });
  }
  // A task without deadline rows (entered by hand) is reminded of its final deadline.
  const withRows = new Set(
    (await prisma.taskDeadline.groupBy({ by: ["taskId"], where: { task: { communeId } } })).map(
      (r) => r.taskId,
    ),
  );
  for (const task of tasks) {
    if (!task.dueAt || task.recurrence === "continuous" || withRows.has(task.id)) continue;
    const dueDay = calendar.dayKey(task.dueAt);
    const stage = stageOf(dueDay);
    if (stage && !covered.has(`${task.id}:${dueDay}`))
      reminders.push({ task, stage, dueAt: task.dueAt, dueDay, label: null, periodic: false });
  }
  // "Thường xuyên" tasks have no deadline of their own, but report each quarter.
  for (const task of tasks.filter((t) => t.recurrence === "continuous" && !t.dueAt)) {
    for (const dueDay of quarterEndsAround(today)) {
      const stage = stageOf(dueDay);
      if (stage)
        reminders.push({ task, stage, dueAt: dueInstant(dueDay), dueDay, label: null, periodic: true });
    }
  }
  return reminders;
}

async function openTasks(prisma: Db, communeId: string): Promise<TaskSummary[]> {
  // The commune as a whole, as a leader sees it: the jobs decide who is told.
  const everyone = { officialId: "", communeId, role: "leader" as const, departmentId: null };
  const { items } = await listTasks(prisma, everyone, {}, { offset: 0, limit: 100_000 });
  return items;
}

function lastWorkingDayOnOrBefore(calendar: WorkingCalendar, day: string): string {
  let d = day;
  for (let i = 0; i < 30 && !calendar.isWorkingDay(d); i++) d = addCalendarDays(d, -1);
  return d;
}

/** The last days of the quarter before, this quarter and the next (YYYY-MM-DD). */
function quarterEndsAround(today: string): string[] {
  return [-1, 0, 1].map((shift) => quarterDays(...shiftQuarter(today, shift)).to);
}
