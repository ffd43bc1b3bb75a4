/**
 * Imports a commune's CCHC plan from the table an office keeps (CSV or XLSX, see
 * plan-rows.ts for the layouts): the Plan row is found or created, each task is created or
 * updated by its import key, and every write is audited.
 *
 * A re-import is safe at any time. What the plan says (text, section, departments, deadline
 * phrase, deadlines) is the file's; what chat recorded (status, progress, completion,
 * assignee, evidence, extension requests, met or extended deadlines, the audit log) is never
 * touched. The same file again changes nothing; a changed row updates its one task. Each
 * change is written in a transaction (a changed task, or a chunk of new ones) with its audit
 * rows, so a failure part-way leaves whole tasks behind and the next run finishes the rest.
 */
import type { Db, Prisma } from "../../db/client.js";
import type { DepartmentNames } from "../departments/department-match.js";
import { type AuditActor, auditActorColumns, type Channel } from "../officials/scope.js";
import { syncDeadlines } from "./deadline-sync.js";
import { readPlanRows } from "./plan-rows.js";
import { type PlannedTask, plannedTask } from "./plan-task.js";
import { emptyReport, type ImportOptions, type ImportReport, type RowProblem } from "./report.js";
import type { SheetSource } from "./sheet.js";
import { isTableInputError } from "./table.js";

type Tx = Prisma.TransactionClient;
/** The import runs on the database, or inside a caller's transaction (the demo seed's). */
export type PlanImportClient = Db | Tx;

export interface PlanImportInput {
  communeId: string;
  year: number;
  /** Default: the only plan of that year, else "Kế hoạch cải cách hành chính năm <year>". */
  title?: string | undefined;
  /** "11/KH-UBND": finds the plan by its number. */
  documentNo?: string | undefined;
}

export interface PlanImportContext {
  actor: AuditActor;
  channel: Channel;
  now: Date;
}

export interface PlanImportReport extends ImportReport {
  /** null on a dry run for a plan not created yet. */
  planId: string | null;
  planCreated: boolean;
}

/** The plan cannot be chosen or the year is not a plan year: the operator's to fix. */
export class PlanImportError extends Error {
  override name = "PlanImportError";
}

/**
 * A file the import cannot read or a plan it cannot choose: the operator's to fix (a usage
 * error in the CLI, a 400 from the API), as opposed to a fault of the service.
 */
export function isPlanInputError(error: unknown): error is Error {
  return isTableInputError(error) || error instanceof PlanImportError;
}

const TASK_SELECT = {
  id: true,
  code: true,
  importKey: true,
  planId: true,
  section: true,
  sectionTitle: true,
  ordinal: true,
  title: true,
  product: true,
  leadDepartmentId: true,
  leadText: true,
  cooperatingText: true,
  deadlineText: true,
  recurrence: true,
  dueAt: true,
  source: true,
  assignedBy: true,
  cooperators: { select: { departmentId: true } },
  deadlines: { select: { id: true, dueAt: true, label: true, metAt: true } },
} as const satisfies Prisma.TaskSelect;

type StoredTask = Prisma.TaskGetPayload<{ select: typeof TASK_SELECT }>;

/** The columns of Task a plan import owns, compared one by one. */
const OWNED = [
  "planId",
  "section",
  "sectionTitle",
  "ordinal",
  "title",
  "product",
  "leadDepartmentId",
  "leadText",
  "cooperatingText",
  "deadlineText",
  "recurrence",
  "dueAt",
  "source",
  "assignedBy",
] as const;
type Owned = { [K in (typeof OWNED)[number]]: StoredTask[K] };

export async function importPlan(
  client: PlanImportClient,
  source: SheetSource,
  input: PlanImportInput,
  ctx: PlanImportContext,
  options: ImportOptions = {},
): Promise<PlanImportReport> {
  if (!Number.isInteger(input.year) || input.year < 1900 || input.year > 2199)
    throw new PlanImportError(`năm kế hoạch không hợp lệ: ${input.year}`);
  const { dryRun = false, onProgress } = options;
  const rows = await readPlanRows(source);
  const departments = await client.department.findMany({
    where: { communeId: input.communeId },
    select: { id: true, code: true, name: true, aliases: true },
  });
  if (departments.length === 0 && rows.records.length > 0)
    throw new PlanImportError("xã chưa có bộ phận nào: thêm các bộ phận trước khi nhập kế hoạch");
  const names: DepartmentNames[] = departments.map((d) => ({
    code: d.code,
    name: d.name,
    aliases: d.aliases.split("|").filter((a) => a.trim() !== ""),
  }));
  const departmentId = new Map(departments.map((d) => [d.code, d.id]));

  const report = emptyReport();
  report.bad = rows.bad;
  report.warnings = [
    ...rows.unknownHeaders.map((h) => ({ line: rows.headerLine, message: `cột "${h}" không được nhập` })),
    ...rows.warnings,
  ];
  report.rows = rows.records.length + rows.bad.length;
  const planned = rows.records.map((record) => {
    const { task, warnings } = plannedTask(record, { year: input.year, departments: names });
    report.warnings.push(...warnings);
    return task;
  });

  // A file without a task creates no plan; a dry run writes nothing at all.
  const plan = await planFor(client, input, ctx, { write: !dryRun, create: planned.length > 0 });
  const stored = new Map(
    (
      await client.task.findMany({
        where: { communeId: input.communeId, importKey: { in: planned.map((t) => t.importKey) } },
        select: TASK_SELECT,
      })
    ).map((t) => [t.importKey!, t]),
  );
  let nextNumber = await nextTaskNumber(client, input.communeId);

  // New tasks are written a chunk at a time (about a tenth of the file, at least ten), one
  // transaction each: a plan's first import is mostly creates, and a few statements per chunk
  // instead of several per task keep it (and the demo seed) quick on both databases.
  const chunkSize = Math.max(10, Math.ceil(planned.length / 10));
  for (let start = 0; start < planned.length; start += chunkSize) {
    const creates: NewTask[] = [];
    for (const task of planned.slice(start, start + chunkSize)) {
      const owned = ownedFields(task, plan.id, departmentId);
      const cooperators = task.cooperatorCodes.map((c) => departmentId.get(c)!);
      const existing = stored.get(task.importKey);
      if (!existing) {
        creates.push({ code: `NV${nextNumber++}`, task, owned, cooperators });
        report.created++;
      } else if (await updateTask(client, input.communeId, existing, task, owned, cooperators, ctx, dryRun)) {
        report.updated++;
      } else {
        report.unchanged++;
      }
    }
    if (!dryRun && creates.length > 0) await createTasks(client, input.communeId, creates, ctx);
    onProgress?.(Math.min(start + chunkSize, planned.length), planned.length);
  }
  report.bad.sort(byLine);
  report.warnings.sort(byLine);
  return { ...report, planId: plan.id, planCreated: plan.created };
}

const byLine = (a: RowProblem, b: RowProblem) => a.line - b.line;

/** The task's columns as the plan sets them: a district task belongs to no plan. */
function ownedFields(
  task: PlannedTask,
  planId: string | null,
  departmentId: ReadonlyMap<string, string>,
): Owned {
  return {
    planId: task.source === "plan" ? planId : null,
    section: task.section,
    sectionTitle: task.sectionTitle,
    ordinal: task.ordinal,
    title: task.title,
    product: task.product,
    leadDepartmentId: task.leadCode ? (departmentId.get(task.leadCode) ?? null) : null,
    leadText: task.leadText,
    cooperatingText: task.cooperatingText,
    deadlineText: task.deadlineText,
    recurrence: task.recurrence,
    dueAt: task.dueAt,
    source: task.source,
    assignedBy: task.assignedBy,
  };
}

/** Runs `work` in a transaction of its own, or in the caller's when the client is one. */
function inTransaction<T>(client: PlanImportClient, work: (tx: Tx) => Promise<T>): Promise<T> {
  return "$transaction" in client ? client.$transaction(work) : work(client);
}

function audit(
  tx: Tx,
  communeId: string,
  ctx: PlanImportContext,
  row: {
    entityType: string;
    entityId: string;
    action: string;
    before?: string;
    after: string;
    note?: string;
  },
) {
  return tx.auditLog.create({
    data: { ...row, communeId, ...auditActorColumns(ctx.actor), channel: ctx.channel, createdAt: ctx.now },
  });
}

const defaultTitle = (year: number) => `Kế hoạch cải cách hành chính năm ${year}`;

/**
 * The plan the tasks belong to: the one with the document number given, else the title
 * given, else the commune's only plan of the year; created when there is none.
 */
async function planFor(
  client: PlanImportClient,
  input: PlanImportInput,
  ctx: PlanImportContext,
  may: { write: boolean; create: boolean },
): Promise<{ id: string | null; created: boolean }> {
  const { communeId, year, documentNo, title } = input;
  const plans = await client.plan.findMany({ where: { communeId, year }, orderBy: { createdAt: "asc" } });
  const named = title ?? defaultTitle(year);
  let found = documentNo
    ? plans.find((p) => p.documentNo === documentNo)
    : title
      ? plans.find((p) => p.title === title)
      : undefined;
  if (!found && !documentNo && !title && plans.length > 1)
    throw new PlanImportError(
      `xã có ${plans.length} kế hoạch năm ${year}: chọn một bằng số văn bản hoặc tên kế hoạch`,
    );
  if (!found && !documentNo && !title) found = plans[0];
  // A plan imported before without its number gets it now, rather than a twin.
  found ??= plans.find((p) => p.title === named && p.documentNo === null);
  if (found) {
    if (documentNo && found.documentNo !== documentNo && may.write) {
      await inTransaction(client, async (tx) => {
        await tx.plan.update({ where: { id: found.id }, data: { documentNo } });
        await audit(tx, communeId, ctx, {
          entityType: "plan",
          entityId: found.id,
          action: "import_updated",
          before: JSON.stringify({ documentNo: found.documentNo }),
          after: JSON.stringify({ documentNo }),
        });
      });
    }
    return { id: found.id, created: false };
  }
  if (plans.some((p) => p.title === named))
    throw new PlanImportError(`đã có kế hoạch "${named}" năm ${year} với số văn bản khác`);
  if (!may.create) return { id: null, created: false };
  if (!may.write) return { id: null, created: true };
  const created = await inTransaction(client, async (tx) => {
    const plan = await tx.plan.create({
      data: { communeId, year, title: named, documentNo: documentNo ?? null },
    });
    await audit(tx, communeId, ctx, {
      entityType: "plan",
      entityId: plan.id,
      action: "imported",
      after: JSON.stringify({ year, title: named, documentNo: documentNo ?? null }),
    });
    return plan;
  });
  return { id: created.id, created: true };
}

/** The number after the highest "NV<n>" of the commune: new tasks are coded on from there. */
async function nextTaskNumber(client: PlanImportClient, communeId: string): Promise<number> {
  const codes = await client.task.findMany({ where: { communeId }, select: { code: true } });
  return (
    codes.reduce((max, { code }) => {
      const n = /^NV(\d+)$/.exec(code)?.[1];
      return n ? Math.max(max, Number(n)) : max;
    }, 0) + 1
  );
}

/** What an audit row shows of a task's plan fields: instants as ISO text. */
function shown(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]),
  );
}

interface NewTask {
  code: string;
  task: PlannedTask;
  owned: Owned;
  cooperators: string[];
}

async function createTasks(
  client: PlanImportClient,
  communeId: string,
  tasks: readonly NewTask[],
  ctx: PlanImportContext,
): Promise<void> {
  await inTransaction(client, async (tx) => {
    const rows = await tx.task.createManyAndReturn({
      data: tasks.map(({ code, task, owned }) => ({ communeId, code, importKey: task.importKey, ...owned })),
      select: { id: true, code: true },
    });
    const idOf = new Map(rows.map((r) => [r.code, r.id]));
    const each = <T>(make: (t: NewTask, taskId: string) => T[]) =>
      tasks.flatMap((t) => make(t, idOf.get(t.code)!));
    await tx.taskCooperator.createMany({
      data: each((t, taskId) => t.cooperators.map((departmentId) => ({ taskId, departmentId }))),
    });
    await tx.taskDeadline.createMany({
      data: each((t, taskId) => t.task.deadlines.map((d) => ({ taskId, ...d }))),
    });
    await tx.auditLog.createMany({
      data: each(({ task, owned, cooperators }, taskId) => [
        {
          communeId,
          ...auditActorColumns(ctx.actor),
          channel: ctx.channel,
          createdAt: ctx.now,
          entityType: "task",
          entityId: taskId,
          action: "imported",
          after: JSON.stringify(shown({ ...owned, cooperators })),
          note: `Nhập từ kế hoạch, dòng ${task.line} (${task.importKey})`,
        },
      ]),
    });
  });
}

/** Writes what the plan changed of a stored task; false when it changed nothing. */
async function updateTask(
  client: PlanImportClient,
  communeId: string,
  stored: StoredTask,
  task: PlannedTask,
  owned: Owned,
  cooperators: string[],
  ctx: PlanImportContext,
  dryRun: boolean,
): Promise<boolean> {
  const deadlines = syncDeadlines(stored.deadlines, task.deadlines, {
    continuous: task.recurrence === "continuous",
  });
  // The due instant is what chat left of the plan's deadlines (an extension moves it).
  const wanted: Owned = { ...owned, dueAt: deadlines.dueAt };
  const changed = OWNED.filter((key) => {
    const [was, now] = [stored[key], wanted[key]];
    return was instanceof Date && now instanceof Date ? was.getTime() !== now.getTime() : was !== now;
  });
  const before: Record<string, unknown> = Object.fromEntries(changed.map((k) => [k, stored[k]]));
  const after: Record<string, unknown> = Object.fromEntries(changed.map((k) => [k, wanted[k]]));
  const storedCooperators = stored.cooperators.map((c) => c.departmentId).sort();
  const cooperatorsChanged = storedCooperators.join() !== [...cooperators].sort().join();
  if (cooperatorsChanged) {
    before.cooperators = storedCooperators;
    after.cooperators = cooperators;
  }
  if (changed.length === 0 && !cooperatorsChanged && !deadlines.changed) return false;
  if (dryRun) return true;
  await inTransaction(client, async (tx) => {
    if (changed.length > 0)
      await tx.task.update({
        where: { id: stored.id },
        data: Object.fromEntries(changed.map((k) => [k, wanted[k]])),
      });
    if (cooperatorsChanged) {
      await tx.taskCooperator.deleteMany({ where: { taskId: stored.id } });
      await tx.taskCooperator.createMany({
        data: cooperators.map((departmentId) => ({ taskId: stored.id, departmentId })),
      });
    }
    if (deadlines.remove.length > 0)
      await tx.taskDeadline.deleteMany({ where: { id: { in: deadlines.remove } } });
    for (const d of deadlines.update)
      await tx.taskDeadline.update({ where: { id: d.id }, data: { dueAt: d.dueAt, label: d.label } });
    if (deadlines.create.length > 0)
      await tx.taskDeadline.createMany({ data: deadlines.create.map((d) => ({ taskId: stored.id, ...d })) });
    const deadlineNote = deadlines.changed
      ? { deadlines: task.deadlines.map((d) => ({ dueAt: d.dueAt.toISOString(), label: d.label })) }
      : {};
    await audit(tx, communeId, ctx, {
      entityType: "task",
      entityId: stored.id,
      action: "import_updated",
      before: JSON.stringify(shown(before)),
      after: JSON.stringify({ ...shown(after), ...deadlineNote }),
      note: `Cập nhật từ kế hoạch, dòng ${task.line} (${task.importKey})`,
    });
  });
  return true;
}
