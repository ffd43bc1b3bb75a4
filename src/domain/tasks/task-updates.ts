/**
 * Changes officials make to their CCHC tasks from the chat (and the operator from the admin
 * API or CLI): done, progress, evidence, extension requests and decisions.
 *
 * Every change checks the actor's right (canUpdateTask; deciding an extension: leaders only)
 * and writes exactly one AuditLog row (entityType "task", before/after JSON of the fields it
 * changed, the note) in the same transaction as the change, so the history never misses or
 * invents a change. Expected refusals are results ({ ok: false, reason }), never exceptions.
 *
 * Invariants kept on a task that is not cancelled: progress 100 ⇔ status "done", and a done
 * task has completedAt. Progress 0 on an open task is "todo", anything between "in_progress".
 */
import { z } from "zod";
import type { Db, Prisma } from "../../db/client.js";
import { dayKey } from "../calendar/working-days.js";
import { type Actor, canUpdateTask, type Channel, TASK_SCOPE_SELECT } from "../officials/scope.js";

type Tx = Prisma.TransactionClient;

export interface UpdateContext {
  actor: Actor;
  channel: Channel;
  now: Date;
}

export type Refusal<R extends string> = { ok: false; reason: R };

/** The task as it stands after a change. */
export interface TaskState {
  id: string;
  code: string;
  title: string;
  status: string;
  progress: number;
  dueAt: Date | null;
  completedAt: Date | null;
}

const TASK_SELECT = {
  id: true,
  code: true,
  title: true,
  status: true,
  progress: true,
  dueAt: true,
  completedAt: true,
  ...TASK_SCOPE_SELECT,
} as const satisfies Prisma.TaskSelect;

type LoadedTask = Prisma.TaskGetPayload<{ select: typeof TASK_SELECT }>;

function stateOf(task: LoadedTask): TaskState {
  const { id, code, title, status, progress, dueAt, completedAt } = task;
  return { id, code, title, status, progress, dueAt, completedAt };
}

/** The task, or why the actor may not change it. */
async function loadForUpdate(
  tx: Tx,
  taskId: string,
  actor: Actor,
): Promise<{ task: LoadedTask } | Refusal<"not_found" | "forbidden">> {
  const task = await tx.task.findUnique({ where: { id: taskId }, select: TASK_SELECT });
  // Another commune's task does not exist as far as this actor is concerned.
  if (!task || task.communeId !== actor.communeId) return { ok: false, reason: "not_found" };
  if (!canUpdateTask(actor, task)) return { ok: false, reason: "forbidden" };
  return { task };
}

function iso(value: Date | null | undefined): string | null {
  return value ? value.toISOString() : null;
}

async function audit(
  tx: Tx,
  ctx: UpdateContext,
  taskId: string,
  action: string,
  change: { before?: Record<string, unknown>; after?: Record<string, unknown>; note?: string | null },
): Promise<void> {
  await tx.auditLog.create({
    data: {
      communeId: ctx.actor.communeId,
      actorOfficialId: ctx.actor.officialId,
      channel: ctx.channel,
      entityType: "task",
      entityId: taskId,
      action,
      before: change.before ? JSON.stringify(change.before) : null,
      after: change.after ? JSON.stringify(change.after) : null,
      note: change.note?.trim() ? change.note.trim() : null,
      createdAt: ctx.now,
    },
  });
}

/** A done task no longer needs more time: its pending request is cancelled with it. */
async function cancelPendingExtension(tx: Tx, taskId: string, ctx: UpdateContext): Promise<string | null> {
  const pending = await tx.taskExtensionRequest.findFirst({
    where: { taskId, status: "pending" },
    select: { id: true },
  });
  if (!pending) return null;
  await tx.taskExtensionRequest.update({
    where: { id: pending.id },
    data: {
      status: "cancelled",
      decidedAt: ctx.now,
      decidedById: ctx.actor.officialId,
      decisionNote: "Nhiệm vụ đã hoàn thành",
    },
  });
  return pending.id;
}

// ---------------------------------------------------------------------------
// Done and progress

export type MarkDoneResult =
  { ok: true; task: TaskState } | Refusal<"not_found" | "forbidden" | "already_done" | "cancelled">;

/** "Xong NV12": done, progress 100, completedAt now. An already-done task is left as it is. */
export async function markTaskDone(
  prisma: Db,
  taskId: string,
  input: { note?: string | null },
  ctx: UpdateContext,
): Promise<MarkDoneResult> {
  return prisma.$transaction(async (tx) => {
    const loaded = await loadForUpdate(tx, taskId, ctx.actor);
    if (!("task" in loaded)) return loaded;
    const { task } = loaded;
    if (task.status === "done") return { ok: false, reason: "already_done" };
    if (task.status === "cancelled") return { ok: false, reason: "cancelled" };
    // Guarded on the status read above: of two "xong" at once, one wins, the other is told.
    const marked = await tx.task.updateMany({
      where: { id: taskId, status: task.status },
      data: { status: "done", progress: 100, completedAt: ctx.now },
    });
    if (marked.count !== 1) return { ok: false, reason: "already_done" };
    const updated = await tx.task.findUniqueOrThrow({ where: { id: taskId }, select: TASK_SELECT });
    const cancelled = await cancelPendingExtension(tx, taskId, ctx);
    await audit(tx, ctx, taskId, "done", {
      before: { status: task.status, progress: task.progress, completedAt: iso(task.completedAt) },
      after: {
        status: "done",
        progress: 100,
        completedAt: iso(ctx.now),
        ...(cancelled ? { extensionCancelled: cancelled } : {}),
      },
      note: input.note ?? null,
    });
    return { ok: true, task: stateOf(updated) };
  });
}

export type ProgressResult =
  | { ok: true; task: TaskState; changed: boolean }
  | Refusal<"not_found" | "forbidden" | "cancelled" | "invalid_percent" | "conflict">;

/** The status a progress figure implies. */
export function statusForProgress(percent: number): "todo" | "in_progress" | "done" {
  if (percent >= 100) return "done";
  return percent <= 0 ? "todo" : "in_progress";
}

/**
 * "NV12 được 60%": sets the progress (an integer 0–100) and the status it implies. 100 marks
 * the task done; less than 100 on a done task reopens it (completedAt cleared). Setting the
 * same figure again without a note changes nothing and writes no audit row. "conflict": the
 * task changed between reading and writing (another update at the same moment); ask again.
 */
export async function setTaskProgress(
  prisma: Db,
  taskId: string,
  input: { percent: number; note?: string | null },
  ctx: UpdateContext,
): Promise<ProgressResult> {
  const { percent } = input;
  if (!Number.isInteger(percent) || percent < 0 || percent > 100)
    return { ok: false, reason: "invalid_percent" };
  return prisma.$transaction(async (tx) => {
    const loaded = await loadForUpdate(tx, taskId, ctx.actor);
    if (!("task" in loaded)) return loaded;
    const { task } = loaded;
    if (task.status === "cancelled") return { ok: false, reason: "cancelled" };
    const status = statusForProgress(percent);
    const completedAt = status === "done" ? (task.status === "done" ? task.completedAt : ctx.now) : null;
    const note = input.note?.trim() ? input.note.trim() : null;
    if (task.progress === percent && task.status === status && !note) {
      return { ok: true, task: stateOf(task), changed: false };
    }
    // Guarded on what was read, so the audit row's "before" is what was really replaced.
    const changed = await tx.task.updateMany({
      where: { id: taskId, status: task.status, progress: task.progress },
      data: { progress: percent, status, completedAt },
    });
    if (changed.count !== 1) return { ok: false, reason: "conflict" };
    const updated = await tx.task.findUniqueOrThrow({ where: { id: taskId }, select: TASK_SELECT });
    const cancelled = status === "done" ? await cancelPendingExtension(tx, taskId, ctx) : null;
    await audit(tx, ctx, taskId, "progress", {
      before: { status: task.status, progress: task.progress, completedAt: iso(task.completedAt) },
      after: {
        status,
        progress: percent,
        completedAt: iso(completedAt),
        ...(cancelled ? { extensionCancelled: cancelled } : {}),
      },
      note,
    });
    return { ok: true, task: stateOf(updated), changed: true };
  });
}

// ---------------------------------------------------------------------------
// Evidence

export const EVIDENCE_KINDS = ["image", "file", "link", "text"] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

const EVIDENCE_INPUT = z.object({
  kind: z.enum(EVIDENCE_KINDS),
  url: z.string().trim().min(1).max(2000).nullish(),
  name: z.string().trim().min(1).max(500).nullish(),
  sizeBytes: z.number().int().nonnegative().nullish(),
  /** Zalo msg_id the evidence came in: a redelivered message is stored once. */
  sourceMsgId: z.string().trim().min(1).max(200).nullish(),
  note: z.string().trim().max(2000).nullish(),
});

export type EvidenceInput = z.input<typeof EVIDENCE_INPUT>;

export interface EvidenceView {
  id: string;
  taskId: string;
  kind: string;
  url: string | null;
  name: string | null;
  sizeBytes: number | null;
  note: string | null;
  sourceMsgId: string | null;
  createdAt: Date;
}

const EVIDENCE_SELECT = {
  id: true,
  taskId: true,
  kind: true,
  url: true,
  name: true,
  sizeBytes: true,
  note: true,
  sourceMsgId: true,
  createdAt: true,
} as const satisfies Prisma.EvidenceSelect;

export type EvidenceResult =
  | { ok: true; evidence: EvidenceView; duplicate: boolean }
  | Refusal<"not_found" | "forbidden" | "cancelled" | "invalid_evidence">;

/**
 * Stores a minh chứng (photo, file, link or text) for a task. Idempotent on sourceMsgId:
 * the same Zalo message again returns the stored evidence with duplicate: true and writes
 * nothing. Evidence may be added to done tasks (it often comes after), not to cancelled ones.
 */
export async function attachEvidence(
  prisma: Db,
  taskId: string,
  evidence: EvidenceInput,
  ctx: UpdateContext,
): Promise<EvidenceResult> {
  const parsed = EVIDENCE_INPUT.safeParse(evidence);
  if (!parsed.success) return { ok: false, reason: "invalid_evidence" };
  const input = parsed.data;
  if (!input.url && !input.note && !input.name) return { ok: false, reason: "invalid_evidence" };
  const sourceMsgId = input.sourceMsgId ?? null;

  const existing = async (): Promise<EvidenceResult | null> => {
    if (!sourceMsgId) return null;
    const row = await prisma.evidence.findUnique({ where: { sourceMsgId }, select: EVIDENCE_SELECT });
    return row ? { ok: true, evidence: row, duplicate: true } : null;
  };
  const before = await existing();
  if (before) return before;

  try {
    return await prisma.$transaction(async (tx): Promise<EvidenceResult> => {
      const loaded = await loadForUpdate(tx, taskId, ctx.actor);
      if (!("task" in loaded)) return loaded;
      if (loaded.task.status === "cancelled") return { ok: false, reason: "cancelled" };
      const row = await tx.evidence.create({
        data: {
          taskId,
          officialId: ctx.actor.officialId,
          kind: input.kind,
          url: input.url ?? null,
          name: input.name ?? null,
          sizeBytes: input.sizeBytes ?? null,
          note: input.note ?? null,
          sourceMsgId,
          createdAt: ctx.now,
        },
        select: EVIDENCE_SELECT,
      });
      await audit(tx, ctx, taskId, "evidence_added", {
        after: { evidenceId: row.id, kind: row.kind, name: row.name, url: row.url, sizeBytes: row.sizeBytes },
        note: input.note ?? null,
      });
      return { ok: true, evidence: row, duplicate: false };
    });
  } catch (error) {
    // The same message handled twice at once: the other one stored it first.
    const winner = await existing();
    if (winner) return winner;
    throw error;
  }
}

// ---------------------------------------------------------------------------
// Extensions (gia hạn)

export interface ExtensionRequestState {
  id: string;
  taskId: string;
  status: string;
  requestedDueAt: Date;
  reason: string | null;
  requestedById: string;
  decidedById: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  createdAt: Date;
}

const REQUEST_SELECT = {
  id: true,
  taskId: true,
  status: true,
  requestedDueAt: true,
  reason: true,
  requestedById: true,
  decidedById: true,
  decidedAt: true,
  decisionNote: true,
  createdAt: true,
} as const satisfies Prisma.TaskExtensionRequestSelect;

export type RequestExtensionResult =
  | { ok: true; request: ExtensionRequestState }
  | Refusal<
      | "not_found"
      | "forbidden"
      | "already_done"
      | "cancelled"
      | "no_deadline"
      | "invalid_date"
      | "pending_exists"
    >;

/**
 * "Xin gia hạn NV12 đến 15/7": asks a leader to move the task's due date to
 * `requestedDueAt`, which must be later than both now and the current due date. A task has
 * at most one pending request; continuous tasks (no due date) cannot be extended.
 */
export async function requestExtension(
  prisma: Db,
  taskId: string,
  input: { requestedDueAt: Date; reason?: string | null },
  ctx: UpdateContext,
): Promise<RequestExtensionResult> {
  const { requestedDueAt } = input;
  if (Number.isNaN(requestedDueAt.getTime())) return { ok: false, reason: "invalid_date" };
  return prisma.$transaction(async (tx) => {
    const loaded = await loadForUpdate(tx, taskId, ctx.actor);
    if (!("task" in loaded)) return loaded;
    const { task } = loaded;
    if (task.status === "done") return { ok: false, reason: "already_done" };
    if (task.status === "cancelled") return { ok: false, reason: "cancelled" };
    if (!task.dueAt) return { ok: false, reason: "no_deadline" };
    if (requestedDueAt <= ctx.now || requestedDueAt <= task.dueAt)
      return { ok: false, reason: "invalid_date" };
    const pending = await tx.taskExtensionRequest.findFirst({
      where: { taskId, status: "pending" },
      select: { id: true },
    });
    if (pending) return { ok: false, reason: "pending_exists" };
    const reason = input.reason?.trim() ? input.reason.trim() : null;
    const request = await tx.taskExtensionRequest.create({
      data: {
        communeId: ctx.actor.communeId,
        taskId,
        requestedById: ctx.actor.officialId,
        requestedDueAt,
        reason,
        status: "pending",
        createdAt: ctx.now,
      },
      select: REQUEST_SELECT,
    });
    await audit(tx, ctx, taskId, "extension_requested", {
      before: { dueAt: iso(task.dueAt) },
      after: { requestId: request.id, requestedDueAt: iso(requestedDueAt), status: "pending" },
      note: reason,
    });
    return { ok: true, request };
  });
}

export type ExtensionDecision = "approved" | "rejected";

export type DecideExtensionResult =
  | { ok: true; request: ExtensionRequestState; task: TaskState }
  | Refusal<"not_found" | "forbidden" | "already_decided">;

/** "15/07/2026" (Vietnam time) for deadline labels. */
function labelDay(instant: Date): string {
  const [y, m, d] = dayKey(instant).split("-");
  return `${d}/${m}/${y}`;
}

/**
 * A leader approves or rejects a pending request. Approving moves Task.dueAt to the
 * requested date and moves the task's last deadline with it (or adds one when the last is
 * already met or there is none). A request that is no longer pending → "already_decided".
 */
export async function decideExtension(
  prisma: Db,
  requestId: string,
  input: { decision: ExtensionDecision; note?: string | null },
  ctx: UpdateContext,
): Promise<DecideExtensionResult> {
  if (ctx.actor.role !== "leader") return { ok: false, reason: "forbidden" };
  return prisma.$transaction(async (tx) => {
    const request = await tx.taskExtensionRequest.findUnique({
      where: { id: requestId },
      select: REQUEST_SELECT,
    });
    const task = request
      ? await tx.task.findUnique({ where: { id: request.taskId }, select: TASK_SELECT })
      : null;
    if (!request || !task || task.communeId !== ctx.actor.communeId)
      return { ok: false, reason: "not_found" };
    if (request.status !== "pending") return { ok: false, reason: "already_decided" };
    const note = input.note?.trim() ? input.note.trim() : null;
    // Guarded on the status, so two leaders deciding at once cannot both win.
    const claimed = await tx.taskExtensionRequest.updateMany({
      where: { id: requestId, status: "pending" },
      data: {
        status: input.decision,
        decidedById: ctx.actor.officialId,
        decidedAt: ctx.now,
        decisionNote: note,
      },
    });
    if (claimed.count !== 1) return { ok: false, reason: "already_decided" };

    let updated = task;
    const after: Record<string, unknown> = { requestId, status: input.decision };
    if (input.decision === "approved") {
      updated = await tx.task.update({
        where: { id: task.id },
        data: { dueAt: request.requestedDueAt },
        select: TASK_SELECT,
      });
      after.dueAt = iso(request.requestedDueAt);
      after.deadline = await moveLastDeadline(tx, task.id, request.requestedDueAt);
    }
    await audit(tx, ctx, task.id, `extension_${input.decision}`, {
      before: { requestId, status: "pending", dueAt: iso(task.dueAt) },
      after,
      note,
    });
    const decided = await tx.taskExtensionRequest.findUniqueOrThrow({
      where: { id: requestId },
      select: REQUEST_SELECT,
    });
    return { ok: true, request: decided, task: stateOf(updated) };
  });
}

const EXTENDED_SUFFIX = / \(gia hạn đến [^)]*\)$/;
const ADDED_PREFIX = "Gia hạn đến ";

/**
 * The plan's own label of a deadline as an extension left it: "Quý II/2026 (gia hạn đến
 * 15/07/2026)" → "Quý II/2026"; null for a deadline the extension added. A plan re-import
 * reads labels through this, so that it recognises the deadlines it set and keeps what a
 * leader's decision did to them.
 */
export function planLabelOf(label: string): string | null {
  return label.startsWith(ADDED_PREFIX) ? null : label.replace(EXTENDED_SUFFIX, "");
}

/** Moves the last unmet deadline to `dueAt`, or adds one; returns what it did for the audit row. */
async function moveLastDeadline(tx: Tx, taskId: string, dueAt: Date): Promise<Record<string, unknown>> {
  const suffix = ` (gia hạn đến ${labelDay(dueAt)})`;
  const clash = await tx.taskDeadline.findUnique({
    where: { taskId_dueAt: { taskId, dueAt } },
    select: { id: true },
  });
  if (clash) return { id: clash.id, unchanged: true };
  const last = await tx.taskDeadline.findFirst({ where: { taskId }, orderBy: { dueAt: "desc" } });
  if (last && !last.metAt) {
    await tx.taskDeadline.update({
      where: { id: last.id },
      data: { dueAt, label: `${last.label.replace(EXTENDED_SUFFIX, "")}${suffix}` },
    });
    return { id: last.id, from: iso(last.dueAt), to: iso(dueAt) };
  }
  const created = await tx.taskDeadline.create({
    data: { taskId, dueAt, label: `${ADDED_PREFIX}${labelDay(dueAt)}` },
    select: { id: true },
  });
  return { id: created.id, added: iso(dueAt) };
}

export type CancelExtensionResult =
  { ok: true; request: ExtensionRequestState } | Refusal<"not_found" | "forbidden" | "already_decided">;

/** The requester (or anyone who may update the task) withdraws a pending request. */
export async function cancelExtension(
  prisma: Db,
  requestId: string,
  input: { note?: string | null },
  ctx: UpdateContext,
): Promise<CancelExtensionResult> {
  return prisma.$transaction(async (tx) => {
    const request = await tx.taskExtensionRequest.findUnique({
      where: { id: requestId },
      select: REQUEST_SELECT,
    });
    if (!request) return { ok: false, reason: "not_found" };
    const loaded = await loadForUpdate(tx, request.taskId, ctx.actor);
    if (!("task" in loaded)) return loaded;
    if (request.status !== "pending") return { ok: false, reason: "already_decided" };
    const note = input.note?.trim() ? input.note.trim() : null;
    const claimed = await tx.taskExtensionRequest.updateMany({
      where: { id: requestId, status: "pending" },
      data: {
        status: "cancelled",
        decidedById: ctx.actor.officialId,
        decidedAt: ctx.now,
        decisionNote: note,
      },
    });
    if (claimed.count !== 1) return { ok: false, reason: "already_decided" };
    await audit(tx, ctx, request.taskId, "extension_cancelled", {
      before: { requestId, status: "pending" },
      after: { requestId, status: "cancelled" },
      note,
    });
    const cancelled = await tx.taskExtensionRequest.findUniqueOrThrow({
      where: { id: requestId },
      select: REQUEST_SELECT,
    });
    return { ok: true, request: cancelled };
  });
}
