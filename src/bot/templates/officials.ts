import { formatDateTimeVi, formatDayVi } from "../../domain/calendar/format.js";
import type { WorkingCalendar } from "../../domain/calendar/working-days.js";
import { type DossierSummary, isOpenDossierStatus } from "../../domain/dossiers/dossier-queries.js";
import type { FeedbackFigures } from "../../domain/feedback/feedback.js";
import type { QuickStats } from "../../domain/reports/quick-stats.js";
import type { TaskDetail, TaskHistoryEntry, TaskSummary } from "../../domain/tasks/task-queries.js";
import type { Button } from "../../zalo/oa-client.js";
import { clip } from "./text.js";

// Vietnamese strings officials read. Short lines for a phone screen; dates as people
// write them ("thứ Sáu 28/6"); days left or late in working days.

export const PAGE_SIZE = 8;

export interface Clock {
  now: Date;
  calendar: WorkingCalendar;
}

const STATUS_VI: Record<string, string> = {
  todo: "chưa làm",
  in_progress: "đang làm",
  done: "đã xong",
  cancelled: "đã hủy",
};

/** "còn 3 ngày làm việc" / "hạn hôm nay" / "quá hạn 2 ngày làm việc". */
export function dueWords(dueAt: Date, { now, calendar }: Clock): string {
  const days = calendar.workingDaysBetween(now, dueAt);
  if (dueAt.getTime() < now.getTime()) {
    return days === 0 ? "quá hạn" : `quá hạn ${Math.abs(days)} ngày làm việc`;
  }
  if (calendar.dayKey(now) === calendar.dayKey(dueAt)) return "hạn hôm nay";
  return days <= 0 ? "sắp đến hạn" : `còn ${days} ngày làm việc`;
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

export function dossierLine(d: DossierSummary, clock: Clock): string {
  const code = d.receiptCode.split(".").at(-1) ?? d.receiptCode;
  return `${code} · ${clip(d.procedureName, 50)} · ${d.applicantName} — hạn ${formatDateTimeVi(d.dueAt, clock.now)}, ${dueWords(d.dueAt, clock)}`;
}

export function dossierList(
  heading: string,
  items: DossierSummary[],
  total: number,
  offset: number,
  clock: Clock,
): string {
  if (total === 0) return `${heading}: không có hồ sơ nào.`;
  const lines = items.map((d, i) => `${offset + i + 1}. ${dossierLine(d, clock)}`);
  const shown = offset + items.length;
  const more = shown < total ? `\n… còn ${total - shown} hồ sơ, bấm "Xem thêm".` : "";
  return `${heading} (${total}):\n${lines.join("\n")}${more}`;
}

const DOSSIER_STATUS_VI: Record<string, string> = {
  received: "đã tiếp nhận",
  processing: "đang giải quyết",
  supplement: "chờ bổ sung",
  completed: "đã có kết quả",
  returned: "đã trả kết quả",
  withdrawn: "người nộp đã rút",
  rejected: "từ chối giải quyết",
};
const CHANNEL_VI: Record<string, string> = { online: "trực tuyến", postal: "bưu chính", direct: "trực tiếp" };

export function dossierDetail(d: DossierSummary, clock: Clock): string {
  const open = isOpenDossierStatus(d.status);
  return [
    `Hồ sơ ${d.receiptCode}`,
    `Thủ tục: ${d.procedureName}`,
    `Người nộp: ${d.applicantName} (${CHANNEL_VI[d.channel] ?? d.channel})`,
    `Tiếp nhận: ${formatDateTimeVi(d.receivedAt, clock.now)}`,
    `Hạn trả: ${formatDateTimeVi(d.dueAt, clock.now)}${open ? `, ${dueWords(d.dueAt, clock)}` : ""}`,
    `Trạng thái: ${DOSSIER_STATUS_VI[d.status] ?? d.status}${d.returnedAt ? ` (${formatDateTimeVi(d.returnedAt, clock.now)})` : ""}`,
    d.handler ? `Cán bộ xử lý: ${d.handler.name}` : null,
  ]
    .filter((l): l is string => l !== null)
    .join("\n");
}

export function percent(rate: number | null): string {
  return rate === null ? "chưa có hồ sơ giải quyết" : `${(rate * 100).toFixed(1).replace(".", ",")}%`;
}

export function statsText(label: string, stats: QuickStats, clock: Clock): string {
  const t = stats.tasks;
  const d = stats.dossiers;
  return [
    // asOf is an instant; when it is the period's exclusive end, the last day counted is the day before.
    `Thống kê ${label} (đến ${formatDayVi(new Date(stats.asOf.getTime() - 1), clock.now)}):`,
    `Nhiệm vụ đến hạn: ${t.total}; đã xong ${t.done} (đúng hạn ${t.doneOnTime}, trễ ${t.doneLate}); quá hạn chưa xong ${t.overdueOpen}.`,
    `Hồ sơ: tiếp nhận ${d.received} (trực tuyến ${d.online}); đã giải quyết ${d.resolved} (đúng và trước hạn ${d.onTimeOrEarly}, quá hạn ${d.late}); đang giải quyết ${d.open} (quá hạn ${d.overdueOpen}).`,
    `Tỉ lệ giải quyết đúng hạn: ${percent(d.onTimeRate)}.`,
  ].join("\n");
}

export function feedbackLine(f: FeedbackFigures): string {
  const pakn = f.complaints + f.suggestions;
  if (f.helpful + f.notHelpful + pakn + f.questions === 0) return "";
  return `\nNgười dân qua Zalo: ${pakn} phản ánh, kiến nghị; ${f.questions} câu hỏi chuyển cán bộ (đã trả lời ${f.answered}); đánh giá câu trả lời: ${f.helpful} hữu ích, ${f.notHelpful} chưa đúng.`;
}

export function onTimeRateText(label: string, stats: QuickStats): string {
  const d = stats.dossiers;
  return `Tỉ lệ hồ sơ giải quyết đúng hạn ${label}: ${percent(d.onTimeRate)} (${d.onTimeOrEarly}/${d.resolved}). Quá hạn: ${d.late} đã trả, ${d.overdueOpen} đang giải quyết.`;
}

export const officialMenuButtons: Button[] = [
  { kind: "query", title: "Việc của tôi", payload: "việc của tôi" },
  { kind: "query", title: "Việc quá hạn", payload: "việc quá hạn" },
  { kind: "query", title: "Hồ sơ quá hạn", payload: "hồ sơ quá hạn" },
  { kind: "query", title: "Thống kê quý này", payload: "thống kê quý này" },
  { kind: "query", title: "Hướng dẫn", payload: "hướng dẫn" },
];

export function officialHelp(name: string): string {
  return [
    `Chào ${name}. Anh/chị có thể nhắn:`,
    "• việc của tôi · việc tuần này · việc quá hạn",
    "• NV12 (xem chi tiết) · lịch sử NV12",
    "• xong NV12 · NV12 60% đã gửi dự thảo",
    "• gia hạn NV12 đến 30/7 vì chờ số liệu",
    "• minh chứng NV12 (rồi gửi ảnh/tệp)",
    "• hồ sơ quá hạn · hồ sơ hôm nay · hồ sơ <mã biên nhận>",
    "• thống kê · tỉ lệ đúng hạn quý này",
  ].join("\n");
}

export const notUnderstood = "Em chưa hiểu ý anh/chị. Anh/chị chọn một mục dưới đây hoặc nhắn “hướng dẫn”.";
