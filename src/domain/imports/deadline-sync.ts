/**
 * What a plan import does to a task's deadlines (TaskDeadline rows). The plan owns which
 * deadlines there are; chat owns what happened to them: a deadline met (metAt), moved by an
 * approved extension ("… (gia hạn đến 15/07)") or added by one ("Gia hạn đến …"). So an
 * import compares the plan's deadlines with the stored ones by the plan's label, and when
 * they differ it adds and removes plain deadlines only: a met or extended one stays as it is.
 */
import { planLabelOf } from "../tasks/task-updates.js";

export interface StoredDeadline {
  id: string;
  dueAt: Date;
  label: string;
  metAt: Date | null;
}

export interface PlannedDeadline {
  dueAt: Date;
  label: string;
}

export interface DeadlineSync {
  /** false: the stored deadlines are the plan's; nothing to write. */
  changed: boolean;
  create: PlannedDeadline[];
  update: { id: string; dueAt: Date; label: string }[];
  remove: string[];
  /** The task's due instant afterwards: its last plan deadline as chat left it. */
  dueAt: Date | null;
}

const same = (a: Date, b: Date) => a.getTime() === b.getTime();

export function syncDeadlines(
  stored: readonly StoredDeadline[],
  planned: readonly PlannedDeadline[],
  options: { continuous: boolean },
): DeadlineSync {
  const rows = stored.map((row) => {
    const planLabel = planLabelOf(row.label);
    return { row, planLabel, extended: planLabel !== null && planLabel !== row.label };
  });
  const unused = new Set(rows.filter((r) => r.planLabel !== null));
  const matches = planned.map((p) => {
    // By the plan's label first; else a plain deadline on the same day (its label reworded).
    const found =
      [...unused].find((r) => r.planLabel === p.label) ??
      [...unused].find((r) => !r.extended && same(r.row.dueAt, p.dueAt));
    if (found) unused.delete(found);
    return { planned: p, found };
  });

  const create = matches.filter((m) => !m.found).map((m) => m.planned);
  const update = matches.flatMap(({ planned: p, found }) =>
    found && !found.extended && (!same(found.row.dueAt, p.dueAt) || found.row.label !== p.label)
      ? [{ id: found.row.id, dueAt: p.dueAt, label: p.label }]
      : [],
  );
  // A deadline the plan no longer names goes, unless chat recorded something on it.
  const remove = [...unused].filter((r) => !r.extended && r.row.metAt === null).map((r) => r.row.id);

  const finalDays = [
    ...matches.map(({ planned: p, found }) => (found?.extended ? found.row.dueAt : p.dueAt)),
    // A day an extension added is the task's due day while it is the latest.
    ...rows.filter((r) => r.planLabel === null).map((r) => r.row.dueAt),
  ];
  const last = finalDays.reduce<Date | null>((a, b) => (a && a >= b ? a : b), null);
  return {
    changed: create.length + update.length + remove.length > 0,
    create,
    update,
    remove,
    dueAt: options.continuous ? null : last,
  };
}
