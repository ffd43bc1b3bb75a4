import { formatDayVi } from "../../domain/calendar/format.js";
import { canSeeTask } from "../../domain/officials/scope.js";
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
} from "../../domain/tasks/task-queries.js";
import {
  attachEvidence,
  markTaskDone,
  requestExtension,
  setTaskProgress,
  type UpdateContext,
} from "../../domain/tasks/task-updates.js";
import { dueInstant } from "../../domain/tasks/deadline-phrase.js";
import type { DayRange, TaskRef } from "../intents/intent.js";
import type { FlowState } from "../conversation/state-store.js";
import { clip } from "../templates/text.js";
import { historyText, PAGE_SIZE, taskButtons, taskDetailText, taskList } from "../templates/officials.js";
import { instantsOf, moreButton, type OfficialCtx, refLabel } from "./official-context.js";

type ChooseAction = Extract<FlowState, { flow: "choose_task" }>["action"];

function updateContext(o: OfficialCtx): UpdateContext {
  return { actor: o.actor, channel: "zalo", now: o.clock.now };
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
export async function showTaskPage(o: OfficialCtx, query: TaskListQuery, offset: number): Promise<void> {
  const { items, total } = await listTasks(o.ctx.prisma, o.actor, toFilter(query.filter), {
    offset,
    limit: PAGE_SIZE,
  });
  const buttons = await moreButton(o, "tasks", query, offset + items.length, total);
  // One tap to the detail of the first items: the codes are what people type next.
  for (const t of items.slice(0, buttons.length > 0 ? 4 : 5)) {
    buttons.push({ kind: "query", title: t.code, payload: t.code });
  }
  await o.ctx.reply(taskList(query.heading, items, total, offset, o.clock), buttons);
}

export function myTasks(o: OfficialCtx) {
  return showTaskPage(o, { heading: "Việc của anh/chị", filter: { onlyMine: true } }, 0);
}

export function tasksDue(o: OfficialCtx, range: DayRange) {
  const { from, to } = instantsOf(range);
  return showTaskPage(
    o,
    {
      heading: `Việc hạn ${range.label}`,
      filter: { dueFrom: from.toISOString(), dueTo: to.toISOString() },
    },
    0,
  );
}

export function tasksOverdue(o: OfficialCtx) {
  return showTaskPage(o, { heading: "Việc quá hạn", filter: { overdueAt: o.clock.now.toISOString() } }, 0);
}

export async function departmentTasks(o: OfficialCtx, words: string) {
  const department = await matchDepartment(o.ctx.prisma, o.actor.communeId, words);
  if (!department) {
    await o.ctx.reply(
      `Em không tìm thấy bộ phận "${clip(words, 40)}". Anh/chị thử: văn phòng, tư pháp, một cửa, địa chính…`,
    );
    return;
  }
  const note =
    o.actor.role !== "leader" && department.id !== o.actor.departmentId
      ? " — chỉ gồm việc anh/chị phối hợp hoặc được giao"
      : "";
  await showTaskPage(
    o,
    { heading: `Việc của ${department.name}${note}`, filter: { departmentId: department.id } },
    0,
  );
}

/**
 * Resolves what the official named to one task they may see: by code, or by words of the
 * title (several matches → buttons to choose, handled by the choose_task flow).
 */
async function resolveTask(
  o: OfficialCtx,
  ref: TaskRef,
  action: ChooseAction,
  extra: Omit<Extract<FlowState, { flow: "choose_task" }>, "flow" | "action" | "taskIds"> = {},
): Promise<TaskSummary | null> {
  if (ref.kind === "code") {
    const task = await findTaskByCode(o.ctx.prisma, o.actor.communeId, ref.code);
    if (!task) {
      await o.ctx.reply(`Không có nhiệm vụ ${ref.code}. Anh/chị nhắn "việc của tôi" để xem danh sách.`);
      return null;
    }
    if (!canSeeTask(o.actor, task)) {
      await o.ctx.reply(
        `Nhiệm vụ ${task.code} không thuộc phạm vi của anh/chị (chủ trì: ${task.leadDepartment?.name ?? "bộ phận khác"}). ` +
          "Anh/chị chỉ xem và cập nhật được việc bộ phận mình chủ trì, phối hợp hoặc được giao.",
      );
      return null;
    }
    return task;
  }
  const found = await searchTasks(o.ctx.prisma, o.actor, ref.text, 5);
  if (found.length === 0) {
    await o.ctx.reply(`Em không tìm thấy nhiệm vụ nào khớp ${refLabel(ref)} trong phạm vi của anh/chị.`);
    return null;
  }
  if (found.length === 1) return found[0]!;
  const nonce = await o.ctx.startFlow({
    flow: "choose_task",
    action,
    taskIds: found.map((t) => t.id),
    ...extra,
  });
  const lines = found.map((t, i) => `${i + 1}. ${t.code} · ${clip(t.title, 70)}`);
  await o.ctx.reply(
    `Có ${found.length} nhiệm vụ khớp ${refLabel(ref)}. Anh/chị chọn nhiệm vụ nào?\n${lines.join("\n")}`,
    found.map((t, i) => ({ kind: "query", title: t.code, payload: `#pick:${nonce}:${i}`, hidden: true })),
  );
  return null;
}

export async function showTaskDetail(o: OfficialCtx, ref: TaskRef): Promise<void> {
  const task = await resolveTask(o, ref, "detail");
  if (task) await detailOf(o, task.id);
}

async function detailOf(o: OfficialCtx, taskId: string) {
  const detail = await taskDetail(o.ctx.prisma, taskId);
  if (!detail) return;
  await o.ctx.reply(taskDetailText(detail, o.clock), taskButtons(detail));
}

export async function showHistory(o: OfficialCtx, ref: TaskRef): Promise<void> {
  const task = await resolveTask(o, ref, "history");
  if (task) await historyOf(o, task);
}

async function historyOf(o: OfficialCtx, task: Pick<TaskSummary, "id" | "code">) {
  await o.ctx.reply(historyText(task.code, await taskHistory(o.ctx.prisma, task.id, 8), o.clock));
}

/** "xong NV12": asks to confirm first; the confirmation is a button bound to this flow. */
export async function askMarkDone(o: OfficialCtx, ref: TaskRef, note?: string): Promise<void> {
  const task = await resolveTask(o, ref, "done", note ? { note } : {});
  if (task) await confirmDone(o, task, note);
}

async function confirmDone(o: OfficialCtx, task: TaskSummary, note?: string) {
  if (task.status === "done") {
    await o.ctx.reply(`${task.code} đã được đánh dấu hoàn thành trước đó.`);
    return;
  }
  const nonce = await o.ctx.startFlow({ flow: "confirm_done", taskId: task.id, ...(note ? { note } : {}) });
  const withNote = note ? `\nGhi chú: "${clip(note, 120)}"` : "";
  await o.ctx.reply(`Xác nhận ${task.code} · ${clip(task.title, 80)} đã hoàn thành?${withNote}`, [
    { kind: "query", title: "Xác nhận", payload: `#ok:${nonce}`, hidden: true },
    { kind: "query", title: "Hủy", payload: `#cancel:${nonce}`, hidden: true },
  ]);
}

export async function completeTask(o: OfficialCtx, taskId: string, note?: string): Promise<void> {
  const result = await markTaskDone(o.ctx.prisma, taskId, { note: note ?? null }, updateContext(o));
  if (!result.ok) {
    await o.ctx.reply(refusalText(result.reason));
    return;
  }
  const detail = await taskDetail(o.ctx.prisma, taskId);
  const evidenceHint =
    detail && detail.evidenceCount === 0
      ? `\nNhiệm vụ chưa có minh chứng: anh/chị nhắn "minh chứng ${result.task.code}" rồi gửi ảnh/tệp để khỏi bị trừ điểm.`
      : "";
  await o.ctx.reply(`Đã ghi nhận ${result.task.code} hoàn thành. Cảm ơn anh/chị!${evidenceHint}`);
}

export async function updateProgress(o: OfficialCtx, ref: TaskRef, percent: number, note?: string) {
  const task = await resolveTask(o, ref, "progress", { percent, ...(note ? { note } : {}) });
  if (task) await progressOf(o, task.id, percent, note);
}

async function progressOf(o: OfficialCtx, taskId: string, percent: number, note?: string) {
  const result = await setTaskProgress(
    o.ctx.prisma,
    taskId,
    { percent, note: note ?? null },
    updateContext(o),
  );
  if (!result.ok) {
    await o.ctx.reply(refusalText(result.reason));
    return;
  }
  const t = result.task;
  const status = t.status === "done" ? " — đã hoàn thành" : "";
  await o.ctx.reply(
    result.changed
      ? `Đã cập nhật ${t.code}: tiến độ ${t.progress}%${status}.${note ? ` Ghi chú: "${clip(note, 100)}".` : ""}`
      : `${t.code} đã ở mức ${t.progress}%, không có gì thay đổi.`,
  );
}

/** "gia hạn NV12 đến 30/7 vì …": files the request and asks every linked leader to decide. */
export async function askExtension(o: OfficialCtx, ref: TaskRef, until?: string, reason?: string) {
  if (!until) {
    await o.ctx.reply(
      `Anh/chị cho em ngày muốn gia hạn, ví dụ: "gia hạn ${ref.kind === "code" ? ref.code : "NV12"} đến 30/7 vì chờ số liệu huyện".`,
    );
    return;
  }
  const task = await resolveTask(o, ref, "extension", { until, ...(reason ? { reason } : {}) });
  if (task) await extensionOf(o, task.id, until, reason);
}

async function extensionOf(o: OfficialCtx, taskId: string, until: string, reason?: string) {
  const result = await requestExtension(
    o.ctx.prisma,
    taskId,
    { requestedDueAt: dueInstant(until), reason: reason ?? null },
    updateContext(o),
  );
  if (!result.ok) {
    await o.ctx.reply(refusalText(result.reason));
    return;
  }
  const task = await taskDetail(o.ctx.prisma, taskId);
  if (!task) return;
  const leaders = await o.ctx.prisma.zaloUser.findMany({
    where: { communeId: o.actor.communeId, official: { role: "leader", active: true } },
    select: { zaloUserId: true, officialId: true },
  });
  const request = result.request;
  const dueText = task.dueAt ? formatDayVi(task.dueAt, o.clock.now) : "chưa có";
  const text = [
    `Đề nghị gia hạn ${task.code} · ${clip(task.title, 80)}`,
    `Người đề nghị: ${o.name}`,
    `Hạn hiện tại: ${dueText} → đề nghị: ${formatDayVi(request.requestedDueAt, o.clock.now)}`,
    request.reason ? `Lý do: ${clip(request.reason, 150)}` : null,
  ]
    .filter(Boolean)
    .join("\n");
  for (const leader of leaders) {
    await o.ctx.notify(
      leader.zaloUserId,
      text,
      [
        { kind: "query", title: "Đồng ý", payload: `#ext:${request.id}:approved`, hidden: true },
        { kind: "query", title: "Từ chối", payload: `#ext:${request.id}:rejected`, hidden: true },
      ],
      `ext-ask:${request.id}:${leader.officialId}`,
    );
  }
  await o.ctx.reply(
    leaders.length > 0
      ? `Đã gửi đề nghị gia hạn ${task.code} đến ${formatDayVi(request.requestedDueAt, o.clock.now)} cho lãnh đạo UBND. Em sẽ báo khi có ý kiến.`
      : `Đã ghi nhận đề nghị gia hạn ${task.code}, nhưng chưa có lãnh đạo nào liên kết Zalo để duyệt. Anh/chị báo trực tiếp lãnh đạo giúp em.`,
  );
}

/**
 * A leader who was not linked when an extension was asked for never got its buttons:
 * their menu lists what still waits for a decision.
 */
export async function remindPendingExtensions(o: OfficialCtx): Promise<void> {
  const pending = await listPendingExtensions(o.ctx.prisma, o.actor);
  for (const request of pending.slice(0, 3)) {
    const lines = [
      `Đề nghị gia hạn đang chờ duyệt: ${request.task.code} · ${clip(request.task.title, 80)}`,
      `Người đề nghị: ${request.requestedBy.name}, đến ${formatDayVi(request.requestedDueAt, o.clock.now)}`,
      request.reason ? `Lý do: ${clip(request.reason, 150)}` : null,
    ];
    await o.ctx.reply(lines.filter(Boolean).join("\n"), [
      { kind: "query", title: "Đồng ý", payload: `#ext:${request.id}:approved`, hidden: true },
      { kind: "query", title: "Từ chối", payload: `#ext:${request.id}:rejected`, hidden: true },
    ]);
  }
}

/** "minh chứng NV12": the next image or file the official sends is stored as evidence. */
export async function awaitEvidence(o: OfficialCtx, ref: TaskRef): Promise<void> {
  const task = await resolveTask(o, ref, "evidence");
  if (task) await evidenceFor(o, task);
}

async function evidenceFor(o: OfficialCtx, task: TaskSummary) {
  await o.ctx.startFlow({ flow: "await_evidence", taskId: task.id });
  await o.ctx.reply(
    `Anh/chị gửi ảnh, tệp hoặc đường link minh chứng cho ${task.code} ngay sau tin này (trong 30 phút).`,
  );
}

/** Stores what arrived while a task waits for evidence. */
export async function storeEvidence(o: OfficialCtx, taskId: string): Promise<boolean> {
  const { update } = o.ctx;
  // Stickers and locations are reactions, not evidence the district could check.
  const attachment = update.attachments.find((a) => a.type === "image" || a.type === "file");
  const link = update.text?.match(/https?:\/\/\S+/)?.[0];
  if (!attachment?.url && !link) return false;
  const kind = attachment ? (attachment.type === "image" ? "image" : "file") : "link";
  const result = await attachEvidence(
    o.ctx.prisma,
    taskId,
    {
      kind,
      url: attachment?.url ?? link,
      name: attachment?.name,
      sizeBytes: attachment?.size,
      sourceMsgId: update.msgId ?? undefined,
    },
    updateContext(o),
  );
  if (!result.ok) {
    await o.ctx.reply(refusalText(result.reason));
    return true;
  }
  const detail = await taskDetail(o.ctx.prisma, taskId);
  await o.ctx.reply(
    `Đã lưu minh chứng cho ${detail?.code ?? "nhiệm vụ"} (${detail?.evidenceCount ?? 1} minh chứng). Gửi thêm nếu cần, hoặc nhắn "xong ${detail?.code ?? ""}" khi hoàn thành.`,
  );
  return true;
}

/** Continues a choose_task flow with the task the official picked. */
export async function continueWithTask(
  o: OfficialCtx,
  flow: Extract<FlowState, { flow: "choose_task" }>,
  taskId: string,
): Promise<void> {
  const task = await o.ctx.prisma.task.findUnique({
    where: { id: taskId },
    select: { id: true, code: true },
  });
  if (!task) return;
  const summary = await findTaskByCode(o.ctx.prisma, o.actor.communeId, task.code);
  if (!summary || !canSeeTask(o.actor, summary)) return;
  switch (flow.action) {
    case "detail":
      return detailOf(o, task.id);
    case "history":
      return historyOf(o, summary);
    case "done":
      return confirmDone(o, summary, flow.note);
    case "progress":
      return progressOf(o, task.id, flow.percent ?? 0, flow.note);
    case "evidence":
      return evidenceFor(o, summary);
    case "extension":
      return flow.until ? extensionOf(o, task.id, flow.until, flow.reason) : undefined;
  }
}

export function refusalText(reason: string): string {
  switch (reason) {
    case "forbidden":
      return "Nhiệm vụ này không thuộc phạm vi anh/chị được cập nhật. Anh/chị liên hệ bộ phận chủ trì hoặc lãnh đạo giúp em.";
    case "not_found":
      return "Em không tìm thấy nhiệm vụ này nữa.";
    case "already_done":
      return "Nhiệm vụ đã hoàn thành trước đó.";
    case "cancelled":
      return "Nhiệm vụ đã bị hủy, không cập nhật được.";
    case "invalid_percent":
      return "Tiến độ phải từ 0 đến 100%.";
    case "conflict":
      return "Nhiệm vụ vừa được người khác cập nhật. Anh/chị xem lại rồi gửi lại giúp em.";
    case "no_deadline":
      return "Nhiệm vụ thực hiện thường xuyên, không có hạn để gia hạn.";
    case "invalid_date":
      return "Ngày gia hạn phải sau hôm nay và sau hạn hiện tại.";
    case "pending_exists":
      return "Nhiệm vụ đã có một đề nghị gia hạn đang chờ lãnh đạo duyệt.";
    case "invalid_evidence":
      return "Em chưa lưu được minh chứng này. Anh/chị gửi lại ảnh hoặc tệp giúp em.";
    default:
      return "Em chưa thực hiện được yêu cầu này.";
  }
}
