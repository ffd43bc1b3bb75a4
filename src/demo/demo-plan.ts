import type { Prisma } from "../db/client.js";
import { importPlan } from "../domain/imports/plan-import.js";
import { buildPlanProgress, demoPlanSource, type PlanTaskProgress, type TaskContext } from "./demo-tasks.js";

type Tx = Prisma.TransactionClient;

/**
 * The demo commune's CCHC plan, imported as an office would import it (the real appendix
 * through the plan import, re-dated to this year), then worked on: assignees, statuses,
 * progress and met deadlines as the demo tells them, written where chat would write them.
 * Runs inside the seed's transaction; `officialIds` maps the demo's official keys to ids.
 */
export async function seedDemoPlan(
  tx: Tx,
  communeId: string,
  plan: { year: number; documentNo: string },
  officialIds: ReadonlyMap<string, string>,
  ctx: TaskContext,
): Promise<PlanTaskProgress[]> {
  const report = await importPlan(
    tx,
    demoPlanSource(plan.year),
    { communeId, year: plan.year, documentNo: plan.documentNo },
    { actor: { label: "seed" }, channel: "system", now: ctx.now },
  );
  if (report.bad.length > 0)
    throw new Error(`demo plan has ${report.bad.length} bad rows (line ${report.bad[0]?.line})`);

  const imported = await tx.task.findMany({
    where: { communeId, planId: report.planId },
    select: {
      id: true,
      code: true,
      dueAt: true,
      leadDepartment: { select: { code: true } },
      deadlines: { select: { id: true, dueAt: true, label: true }, orderBy: { dueAt: "asc" } },
    },
  });
  const tasks = imported
    .map(({ leadDepartment, ...t }) => ({ ...t, leadCode: leadDepartment?.code ?? null }))
    .sort((a, b) => Number(a.code.slice(2)) - Number(b.code.slice(2)));
  const progress = buildPlanProgress(tasks, ctx);
  for (const t of progress) {
    await tx.task.update({
      where: { id: t.id },
      data: {
        status: t.status,
        progress: t.progress,
        completedAt: t.completedAt,
        assigneeId: t.assigneeKey ? (officialIds.get(t.assigneeKey) ?? null) : null,
      },
    });
    for (const d of t.deadlines.filter((d) => d.metAt))
      await tx.taskDeadline.update({ where: { id: d.id }, data: { metAt: d.metAt } });
  }
  return progress;
}
