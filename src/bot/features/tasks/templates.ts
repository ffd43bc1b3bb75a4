import { formatDateTimeVi, formatDayVi } from "../../../domain/calendar/format.js";
import type { TaskDetail, TaskHistoryEntry, TaskSummary } from "../../../domain/tasks/task-queries.js";
import type { TaskRef } from "../../intents/intent.js";
import type { Button } from "../../../messaging/outgoing.js";
import { type Clock, dueWords } from "../../templates/dates.js";
import { clip } from "../../templates/text.js";

// What officials read about plan tasks (nhiệm vụ CCHC). Short lines for a phone screen;
// dates as people write them ("thứ Sáu 28/6"); days left or late in working days.
// The reminder jobs send these lines too.

const STATUS_VI: Record<string, string> = {
  todo: "chưa làm",
  in_progress: "đang làm",
  done: "đã xong",
  cancelled: "đã hủy",
};

/** How a task the official named is quoted back: its code, or their words. */
export function refLabel(ref: TaskRef): string {
  return ref.kind === "code" ? ref.code : `"${ref.text}"`;
}

export function taskLine(task: TaskSummary, clock: Clock): string {
  const title = clip(task.title, 70);
  if (task.status === "done") return `${task.code} · ${title} — đã xong`;
  if (!task.dueAt)
    return `${task.code} · ${title} — ${task.deadlineText ?? "thường xuyên"} (${task.progress}%)`;
  return `${task.code} · ${title} — hạn ${formatDayVi(task.dueAt, clock.now)}, ${dueWords(task.dueAt, clock)} (${task.progress}%)`;
}

export function taskList(
  heading: string,
  items: TaskSummary[],
  total: number,
  offset: number,
  clock: Clock,
): string {
  if (total === 0) return `${heading}: không có nhiệm vụ nào.`;
  const lines = items.map((t, i) => `${offset + i + 1}. ${taskLine(t, clock)}`);
  const shown = offset + items.length;
  const more = shown < total ? `\n… còn ${total - shown} nhiệm vụ, bấm "Xem thêm".` : "";
  return `${heading} (${total}):\n${lines.join("\n")}${more}`;
}

export function taskDetailText(task: TaskDetail, clock: Clock): string {
  const lines = [
    `${task.code} · ${task.title}`,
    task.product ? `Sản phẩm: ${clip(task.product, 120)}` : null,
    `Chủ trì: ${task.leadDepartment?.name ?? task.leadText ?? "chưa rõ"}${task.assignee ? ` (${task.assignee.name})` : ""}`,
    task.cooperators.length > 0 ? `Phối hợp: ${task.cooperators.map((c) => c.name).join(", ")}` : null,
    task.dueAt
      ? `Hạn: ${formatDayVi(task.dueAt, clock.now)}${task.status === "done" ? "" : `, ${dueWords(task.dueAt, clock)}`}`
      : `Thời hạn: ${task.deadlineText ?? "thường xuyên"}`,
    `Trạng thái: ${STATUS_VI[task.status] ?? task.status}, tiến độ ${task.progress}%`,
    `Minh chứng: ${task.evidenceCount > 0 ? `${task.evidenceCount} minh chứng` : "chưa có (huyện trừ điểm nếu thiếu)"}`,
    task.pendingExtension
      ? `Đang chờ duyệt gia hạn đến ${formatDayVi(task.pendingExtension.requestedDueAt, clock.now)}`
      : null,
    task.source === "district" && task.assignedBy ? `Huyện giao: ${clip(task.assignedBy, 100)}` : null,
  ];
  return lines.filter((l): l is string => l !== null).join("\n");
}

export function taskButtons(task: Pick<TaskSummary, "code" | "status">): Button[] {
  if (task.status === "done") return [{ kind: "query", title: "Lịch sử", payload: `lịch sử ${task.code}` }];
  return [
    { kind: "query", title: "Đã xong", payload: `xong ${task.code}` },
    { kind: "query", title: "Gửi minh chứng", payload: `minh chứng ${task.code}` },
    { kind: "query", title: "Xin gia hạn", payload: `gia hạn ${task.code}` },
    { kind: "query", title: "Lịch sử", payload: `lịch sử ${task.code}` },
  ];
}

const ACTION_VI: Record<string, string> = {
  done: "hoàn thành",
  progress: "cập nhật tiến độ",
  evidence_added: "thêm minh chứng",
  extension_requested: "xin gia hạn",
  extension_approved: "duyệt gia hạn",
  extension_rejected: "từ chối gia hạn",
  extension_cancelled: "hủy đề nghị gia hạn",
  imported: "nhập từ kế hoạch",
  import_updated: "cập nhật từ kế hoạch",
};

export function historyText(code: string, entries: TaskHistoryEntry[], clock: Clock): string {
  if (entries.length === 0) return `${code}: chưa có thay đổi nào được ghi nhận.`;
  const lines = entries.map((e) => {
    const who = e.actor?.name ?? e.actorLabel ?? "hệ thống";
    const change = describeChange(e);
    const note = e.note ? ` — "${clip(e.note, 80)}"` : "";
    return `• ${formatDateTimeVi(e.at, clock.now)} · ${who}: ${ACTION_VI[e.action] ?? e.action}${change}${note}`;
  });
  return `Lịch sử ${code}:\n${lines.join("\n")}`;
}

function describeChange(e: TaskHistoryEntry): string {
  const before = e.before as { progress?: number } | null;
  const after = e.after as { progress?: number } | null;
  if (after?.progress !== undefined && before?.progress !== undefined && after.progress !== before.progress) {
    return ` ${before.progress}% → ${after.progress}%`;
  }
  return "";
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

/** A reminder of one deadline of a task, before it, on the day, or the day after. */
export function deadlineReminderText(
  task: TaskSummary,
  reminder: { stage: "before" | "due" | "after"; dueAt: Date; label: string | null; periodic: boolean },
  clock: Clock,
): string {
  const head = `${task.code} · ${clip(task.title, 90)}`;
  const when = formatDayVi(reminder.dueAt, clock.now);
  const which = reminder.periodic
    ? "kỳ báo cáo quý"
    : reminder.label && task.recurrence !== "none"
      ? `hạn ${reminder.label}`
      : "hạn";
  switch (reminder.stage) {
    case "before":
      return `Nhắc việc: ${head}\nSắp đến ${which}: ${when} (${dueWords(reminder.dueAt, clock)}).`;
    case "due":
      return `Hôm nay là ${which} của ${head}.\nNếu đã xong, anh/chị nhắn "xong ${task.code}" và gửi minh chứng.`;
    case "after":
      return `${head} đã quá ${which} (${when}).\nHuyện trừ điểm nhiệm vụ trễ hạn: anh/chị cập nhật tiến độ hoặc xin gia hạn.`;
  }
}

export function deadlineReminderButtons(task: Pick<TaskSummary, "code">): Button[] {
  return [
    { kind: "query", title: "Đã xong", payload: `xong ${task.code}` },
    { kind: "query", title: "Xin gia hạn", payload: `gia hạn ${task.code}` },
  ];
}
