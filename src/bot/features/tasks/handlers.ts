import { z } from "zod";
import { formatDayVi } from "../../../domain/calendar/format.js";
import { canSeeTask } from "../../../domain/officials/scope.js";
import {
  findTaskByCode,
  listPendingExtensions,
  listTasks,
  matchDepartment,
  searchTasks,
  type TaskFilter,
  type TaskSummary,
  taskDetail,
  taskHistory,
} from "../../../domain/tasks/task-queries.js";
import {
  attachEvidence,
  decideExtension,
  markTaskDone,
  requestExtension,
  setTaskProgress,
  type UpdateContext,
} from "../../../domain/tasks/task-updates.js";
import { dueInstant } from "../../../domain/calendar/date-phrases/index.js";
import { encodeCallback } from "../../../messaging/callback-data.js";
import type { Button } from "../../../messaging/outgoing.js";
import type { OfficialContext } from "../../context.js";
import { defineFlow } from "../../conversation/flow.js";
import type { DayRange, TaskRef } from "../../intents/intent.js";
import { daySpanRange } from "../../../domain/calendar/periods.js";
import { clip } from "../../templates/text.js";
import { moreButton, PAGE_SIZE, registerList } from "../lists/index.js";
import { historyText, refLabel, refusalText, taskButtons, taskDetailText, taskList } from "./templates.js";

/** "xong NV12" waits for "Xác nhận" (or a typed "ok", "đồng ý"; "hủy" cancels). */
export const confirmDone = defineFlow(
  "confirm_done",
  { taskId: z.string(), note: z.string().optional() },
  { yes: "ok", no: "cancel" },
);

/** Several tasks matched the words the official used: which one? */
export const chooseTask = defineFlow(
  "choose_task",
  {
    action: z.enum(["detail", "history", "done", "progress", "evidence", "extension"]),
    taskIds: z.array(z.string()).min(1),
    percent: z.number().optional(),
    note: z.string().optional(),
    until: z.string().optional(),
    reason: z.string().optional(),
  },
  { no: "cancel" },
);
type ChooseTask = NonNullable<ReturnType<typeof chooseTask.read>>;
type ChooseAction = ChooseTask["action"];

/** "minh chứng NV12": the next photos, files or links are the task's evidence. */
export const awaitEvidence = defineFlow("await_evidence", { taskId: z.string() }, { no: "cancel" });

function updateContext(ctx: OfficialContext): UpdateContext {
  return { actor: ctx.official.actor, channel: "zalo", now: ctx.clock.now };
}

/** The filter of a task list, serialised into the "xem thêm" flow. */
export interface TaskListQuery {
  heading: string;
  filter: { dueFrom?: string; dueTo?: string; overdueAt?: string; departmentId?: string; onlyMine?: boolean };
}

function toFilter(q: TaskListQuery["filter"]): TaskFilter {
  return {
    ...(q.dueFrom ? { dueFrom: new Date(q.dueFrom) } : {}),
    ...(q.dueTo ? { dueTo: new Date(q.dueTo) } : {}),
    ...(q.overdueAt ? { overdueAt: new Date(q.overdueAt) } : {}),
    ...(q.departmentId ? { departmentId: q.departmentId } : {}),
    ...(q.onlyMine ? { onlyMine: true } : {}),
  };
}

/** Shows one page of a task list, with "Xem thêm" when more remain. */
export async function showTaskPage(
  ctx: OfficialContext,
  query: TaskListQuery,
  offset: number,
): Promise<void> {
  const { items, total } = await listTasks(ctx.prisma, ctx.official.actor, toFilter(query.filter), {
    offset,
    limit: PAGE_SIZE,
  });
  const buttons = await moreButton(ctx, "tasks", query, offset + items.length, total);
  // One tap to the detail of the first items: the codes are what people type next.
  for (const t of items.slice(0, buttons.length > 0 ? 4 : 5)) {
    buttons.push({ kind: "query", title: t.code, payload: t.code });
  }
  await ctx.reply(taskList(query.heading, items, total, offset, ctx.clock), buttons);
}

export function myTasks(ctx: OfficialContext) {
  return showTaskPage(ctx, { heading: "Việc của anh/chị", filter: { onlyMine: true } }, 0);
}

export function tasksDue(ctx: OfficialContext, range: DayRange) {
  const { from, to } = daySpanRange(range);
  return showTaskPage(
    ctx,
    {
      heading: `Việc hạn ${range.label}`,
      filter: { dueFrom: from.toISOString(), dueTo: to.toISOString() },
    },
    0,
  );
}

export function tasksOverdue(ctx: OfficialContext) {
  return showTaskPage(
    ctx,
    { heading: "Việc quá hạn", filter: { overdueAt: ctx.clock.now.toISOString() } },
    0,
  );
}

export async function departmentTasks(ctx: OfficialContext, words: string) {
  const department = await matchDepartment(ctx.prisma, ctx.official.actor.communeId, words);
  if (!department) {
    await ctx.reply(
      `Em không tìm thấy bộ phận "${clip(words, 40)}". Anh/chị thử: văn phòng, tư pháp, một cửa, địa chính…`,
    );
    return;
  }
  const note =
    ctx.official.actor.role !== "leader" && department.id !== ctx.official.actor.departmentId
      ? " — chỉ gồm việc anh/chị phối hợp hoặc được giao"
      : "";
  await showTaskPage(
    ctx,
    { heading: `Việc của ${department.name}${note}`, filter: { departmentId: department.id } },
    0,
  );
}

/**
 * Resolves what the official named to one task they may see: by code, or by words of the
 * title (several matches → buttons to choose, handled by the choose_task flow).
 */
async function resolveTask(
  ctx: OfficialContext,
  ref: TaskRef,
  action: ChooseAction,
  extra: Omit<ChooseTask, "nonce" | "action" | "taskIds"> = {},
): Promise<TaskSummary | null> {
  if (ref.kind === "code") {
    const task = await findTaskByCode(ctx.prisma, ctx.official.actor.communeId, ref.code);
    if (!task) {
      await ctx.reply(`Không có nhiệm vụ ${ref.code}. Anh/chị nhắn "việc của tôi" để xem danh sách.`);
      return null;
    }
    if (!canSeeTask(ctx.official.actor, task)) {
      await ctx.reply(
        `Nhiệm vụ ${task.code} không thuộc phạm vi của anh/chị (chủ trì: ${task.leadDepartment?.name ?? "bộ phận khác"}). ` +
          "Anh/chị chỉ xem và cập nhật được việc bộ phận mình chủ trì, phối hợp hoặc được giao.",
      );
      return null;
    }
    return task;
  }
  const found = await searchTasks(ctx.prisma, ctx.official.actor, ref.text, 5);
  if (found.length === 0) {
    await ctx.reply(`Em không tìm thấy nhiệm vụ nào khớp ${refLabel(ref)} trong phạm vi của anh/chị.`);
    return null;
  }
  if (found.length === 1) return found[0]!;
  const nonce = await chooseTask.start(ctx, { action, taskIds: found.map((t) => t.id), ...extra });
  const lines = found.map((t, i) => `${i + 1}. ${t.code} · ${clip(t.title, 70)}`);
  await ctx.reply(
    `Có ${found.length} nhiệm vụ khớp ${refLabel(ref)}. Anh/chị chọn nhiệm vụ nào?\n${lines.join("\n")}`,
    found.map((t, i) => ({
      kind: "query",
      title: t.code,
      payload: encodeCallback("pick", nonce, i),
      hidden: true,
    })),
  );
  return null;
}

export async function showTaskDetail(ctx: OfficialContext, ref: TaskRef): Promise<void> {
  const task = await resolveTask(ctx, ref, "detail");
  if (task) await detailOf(ctx, task.id);
}

async function detailOf(ctx: OfficialContext, taskId: string) {
  const detail = await taskDetail(ctx.prisma, taskId);
  if (!detail) return;
  await ctx.reply(taskDetailText(detail, ctx.clock), taskButtons(detail));
}

export async function showHistory(ctx: OfficialContext, ref: TaskRef): Promise<void> {
  const task = await resolveTask(ctx, ref, "history");
  if (task) await historyOf(ctx, task);
}

async function historyOf(ctx: OfficialContext, task: Pick<TaskSummary, "id" | "code">) {
  await ctx.reply(historyText(task.code, await taskHistory(ctx.prisma, task.id, 8), ctx.clock));
}

/** "xong NV12": asks to confirm first; the confirmation is a button bound to this flow. */
export async function askMarkDone(ctx: OfficialContext, ref: TaskRef, note?: string): Promise<void> {
  const task = await resolveTask(ctx, ref, "done", note ? { note } : {});
  if (task) await askToConfirm(ctx, task, note);
}

async function askToConfirm(ctx: OfficialContext, task: TaskSummary, note?: string) {
  if (task.status === "done") {
    await ctx.reply(`${task.code} đã được đánh dấu hoàn thành trước đó.`);
    return;
  }
  const nonce = await confirmDone.start(ctx, { taskId: task.id, ...(note ? { note } : {}) });
  const withNote = note ? `\nGhi chú: "${clip(note, 120)}"` : "";
  await ctx.reply(`Xác nhận ${task.code} · ${clip(task.title, 80)} đã hoàn thành?${withNote}`, [
    { kind: "query", title: "Xác nhận", payload: encodeCallback("ok", nonce), hidden: true },
    { kind: "query", title: "Hủy", payload: encodeCallback("cancel", nonce), hidden: true },
  ]);
}

export async function completeTask(ctx: OfficialContext, taskId: string, note?: string): Promise<void> {
  const result = await markTaskDone(ctx.prisma, taskId, { note: note ?? null }, updateContext(ctx));
  if (!result.ok) {
    await ctx.reply(refusalText(result.reason));
    return;
  }
  const detail = await taskDetail(ctx.prisma, taskId);
  const evidenceHint =
    detail && detail.evidenceCount === 0
      ? `\nNhiệm vụ chưa có minh chứng: anh/chị nhắn "minh chứng ${result.task.code}" rồi gửi ảnh/tệp để khỏi bị trừ điểm.`
      : "";
  await ctx.reply(`Đã ghi nhận ${result.task.code} hoàn thành. Cảm ơn anh/chị!${evidenceHint}`);
}

export async function updateProgress(ctx: OfficialContext, ref: TaskRef, percent: number, note?: string) {
  const task = await resolveTask(ctx, ref, "progress", { percent, ...(note ? { note } : {}) });
  if (task) await progressOf(ctx, task.id, percent, note);
}

async function progressOf(ctx: OfficialContext, taskId: string, percent: number, note?: string) {
  const result = await setTaskProgress(
    ctx.prisma,
    taskId,
    { percent, note: note ?? null },
    updateContext(ctx),
  );
  if (!result.ok) {
    await ctx.reply(refusalText(result.reason));
    return;
  }
  const t = result.task;
  const status = t.status === "done" ? " — đã hoàn thành" : "";
  await ctx.reply(
    result.changed
      ? `Đã cập nhật ${t.code}: tiến độ ${t.progress}%${status}.${note ? ` Ghi chú: "${clip(note, 100)}".` : ""}`
      : `${t.code} đã ở mức ${t.progress}%, không có gì thay đổi.`,
  );
}

/** "gia hạn NV12 đến 30/7 vì …": files the request and asks every linked leader to decide. */
export async function askExtension(ctx: OfficialContext, ref: TaskRef, until?: string, reason?: string) {
  if (!until) {
    await ctx.reply(
      `Anh/chị cho em ngày muốn gia hạn, ví dụ: "gia hạn ${ref.kind === "code" ? ref.code : "NV12"} đến 30/7 vì chờ số liệu huyện".`,
    );
    return;
  }
  const task = await resolveTask(ctx, ref, "extension", { until, ...(reason ? { reason } : {}) });
  if (task) await extensionOf(ctx, task.id, until, reason);
}

async function extensionOf(ctx: OfficialContext, taskId: string, until: string, reason?: string) {
  const result = await requestExtension(
    ctx.prisma,
    taskId,
    { requestedDueAt: dueInstant(until), reason: reason ?? null },
    updateContext(ctx),
  );
  if (!result.ok) {
    await ctx.reply(refusalText(result.reason));
    return;
  }
  const task = await taskDetail(ctx.prisma, taskId);
  if (!task) return;
  const leaders = await ctx.prisma.zaloUser.findMany({
    where: { communeId: ctx.official.actor.communeId, official: { role: "leader", active: true } },
    select: { zaloUserId: true, officialId: true },
  });
  const request = result.request;
  const dueText = task.dueAt ? formatDayVi(task.dueAt, ctx.clock.now) : "chưa có";
  const text = [
    `Đề nghị gia hạn ${task.code} · ${clip(task.title, 80)}`,
    `Người đề nghị: ${ctx.official.name}`,
    `Hạn hiện tại: ${dueText} → đề nghị: ${formatDayVi(request.requestedDueAt, ctx.clock.now)}`,
    request.reason ? `Lý do: ${clip(request.reason, 150)}` : null,
  ]
    .filter(Boolean)
    .join("\n");
  for (const leader of leaders) {
    await ctx.notify(
      leader.zaloUserId,
      text,
      decisionButtons(request.id),
      `ext-ask:${request.id}:${leader.officialId}`,
    );
  }
  await ctx.reply(
    leaders.length > 0
      ? `Đã gửi đề nghị gia hạn ${task.code} đến ${formatDayVi(request.requestedDueAt, ctx.clock.now)} cho lãnh đạo UBND. Em sẽ báo khi có ý kiến.`
      : `Đã ghi nhận đề nghị gia hạn ${task.code}, nhưng chưa có lãnh đạo nào liên kết Zalo để duyệt. Anh/chị báo trực tiếp lãnh đạo giúp em.`,
  );
}

/**
 * A leader who was not linked when an extension was asked for never got its buttons:
 * their menu lists what still waits for a decision.
 */
export async function remindPendingExtensions(ctx: OfficialContext): Promise<void> {
  const pending = await listPendingExtensions(ctx.prisma, ctx.official.actor);
  for (const request of pending.slice(0, 3)) {
    const lines = [
      `Đề nghị gia hạn đang chờ duyệt: ${request.task.code} · ${clip(request.task.title, 80)}`,
      `Người đề nghị: ${request.requestedBy.name}, đến ${formatDayVi(request.requestedDueAt, ctx.clock.now)}`,
      request.reason ? `Lý do: ${clip(request.reason, 150)}` : null,
    ];
    await ctx.reply(lines.filter(Boolean).join("\n"), decisionButtons(request.id));
  }
}

/** "minh chứng NV12": the next image or file the official sends is stored as evidence. */
export async function startEvidence(ctx: OfficialContext, ref: TaskRef): Promise<void> {
  const task = await resolveTask(ctx, ref, "evidence");
  if (task) await evidenceFor(ctx, task);
}

async function evidenceFor(ctx: OfficialContext, task: TaskSummary) {
  await awaitEvidence.start(ctx, { taskId: task.id });
  await ctx.reply(
    `Anh/chị gửi ảnh, tệp hoặc đường link minh chứng cho ${task.code} ngay sau tin này (trong 30 phút).`,
  );
}

/** Stores what arrived while a task waits for evidence. */
export async function storeEvidence(ctx: OfficialContext, taskId: string): Promise<boolean> {
  const { update } = ctx;
  const attachments = update.kind === "attachment" ? update.attachments : [];
  // Stickers and locations are reactions, not evidence the district could check.
  const attachment = attachments.find((a) => a.type === "image" || a.type === "file");
  const link = ctx.text?.match(/https?:\/\/\S+/)?.[0];
  if (!attachment?.url && !link) return false;
  const kind = attachment ? (attachment.type === "image" ? "image" : "file") : "link";
  const result = await attachEvidence(
    ctx.prisma,
    taskId,
    {
      kind,
      url: attachment?.url ?? link,
      name: attachment?.name,
      sizeBytes: attachment?.size,
      sourceMsgId: "msgId" in update ? update.msgId : undefined,
    },
    updateContext(ctx),
  );
  if (!result.ok) {
    await ctx.reply(refusalText(result.reason));
    return true;
  }
  const detail = await taskDetail(ctx.prisma, taskId);
  await ctx.reply(
    `Đã lưu minh chứng cho ${detail?.code ?? "nhiệm vụ"} (${detail?.evidenceCount ?? 1} minh chứng). Gửi thêm nếu cần, hoặc nhắn "xong ${detail?.code ?? ""}" khi hoàn thành.`,
  );
  return true;
}

/** Continues a choose_task flow with the task the official picked. */
export async function continueWithTask(
  ctx: OfficialContext,
  flow: ChooseTask,
  taskId: string,
): Promise<void> {
  const task = await ctx.prisma.task.findUnique({
    where: { id: taskId },
    select: { id: true, code: true },
  });
  if (!task) return;
  const summary = await findTaskByCode(ctx.prisma, ctx.official.actor.communeId, task.code);
  if (!summary || !canSeeTask(ctx.official.actor, summary)) return;
  switch (flow.action) {
    case "detail":
      return detailOf(ctx, task.id);
    case "history":
      return historyOf(ctx, summary);
    case "done":
      return askToConfirm(ctx, summary, flow.note);
    case "progress":
      return progressOf(ctx, task.id, flow.percent ?? 0, flow.note);
    case "evidence":
      return evidenceFor(ctx, summary);
    case "extension":
      return flow.until ? extensionOf(ctx, task.id, flow.until, flow.reason) : undefined;
  }
}

/** A leader's "Đồng ý" / "Từ chối" on an extension request. */
function decisionButtons(requestId: string): Button[] {
  return [
    { kind: "query", title: "Đồng ý", payload: encodeCallback("ext", requestId, "approved"), hidden: true },
    { kind: "query", title: "Từ chối", payload: encodeCallback("ext", requestId, "rejected"), hidden: true },
  ];
}

/** A leader decides an extension request; the requester is told. False when the button is not one. */
export async function decideExtensionRequest(
  ctx: OfficialContext,
  requestId: string | undefined,
  decision: string | undefined,
): Promise<boolean> {
  if (!requestId || (decision !== "approved" && decision !== "rejected")) return false;
  const result = await decideExtension(ctx.prisma, requestId, { decision }, updateContext(ctx));
  if (!result.ok) {
    await ctx.reply(
      result.reason === "already_decided"
        ? "Đề nghị gia hạn này đã được xử lý trước đó."
        : result.reason === "forbidden"
          ? "Chỉ lãnh đạo UBND mới duyệt được đề nghị gia hạn."
          : refusalText(result.reason),
    );
    return true;
  }
  const { request, task } = result;
  const newDue = formatDayVi(request.requestedDueAt, ctx.clock.now);
  const verdict = decision === "approved" ? `đồng ý gia hạn đến ${newDue}` : "từ chối gia hạn";
  await ctx.reply(`Đã ${verdict} cho ${task.code}.`);
  const requester = await ctx.prisma.zaloUser.findUnique({
    where: { officialId: request.requestedById },
    select: { zaloUserId: true },
  });
  if (requester) {
    await ctx.notify(
      requester.zaloUserId,
      `${ctx.official.name} đã ${verdict} cho ${task.code} · ${clip(task.title, 80)}.`,
      [],
      `ext-decided:${request.id}`,
    );
  }
  return true;
}

registerList("tasks", (ctx, query, offset) => showTaskPage(ctx, query as TaskListQuery, offset));
