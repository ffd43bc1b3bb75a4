import type { Db } from "../../db/client.js";
import { quarterRange } from "../calendar/periods.js";
import { type Actor, taskScopeWhere } from "../officials/scope.js";
import { OPEN_TASK_STATUSES } from "../tasks/task-queries.js";

/** "bên văn hóa xã hội còn mấy việc": a department's tasks not yet done, as of now. */
export interface DepartmentRemaining {
  /** Open tasks the department leads (plan and district), that the actor may see. */
  open: number;
  /** Of those: past their final deadline. */
  overdue: number;
  /** Due from now to the end of this quarter. */
  dueThisQuarter: number;
  /** Due after this quarter. */
  dueLater: number;
  /** "Thường xuyên": no deadline of their own. */
  continuous: number;
}

export async function departmentRemaining(
  prisma: Db,
  actor: Actor,
  departmentId: string,
  now: Date,
): Promise<DepartmentRemaining> {
  const tasks = await prisma.task.findMany({
    where: {
      AND: [
        taskScopeWhere(actor),
        { leadDepartmentId: departmentId, status: { in: [...OPEN_TASK_STATUSES] } },
      ],
    },
    select: { dueAt: true },
  });
  const quarterEnd = quarterRange(now).to;
  const r: DepartmentRemaining = {
    open: tasks.length,
    overdue: 0,
    dueThisQuarter: 0,
    dueLater: 0,
    continuous: 0,
  };
  for (const { dueAt } of tasks) {
    if (!dueAt) r.continuous++;
    else if (dueAt < now) r.overdue++;
    else if (dueAt < quarterEnd) r.dueThisQuarter++;
    else r.dueLater++;
  }
  return r;
}
