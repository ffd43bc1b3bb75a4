import { formatDayVi } from "../../../domain/calendar/format.js";
import type { FeedbackFigures } from "../../../domain/feedback/feedback.js";
import type { QuickStats } from "../../../domain/reports/quick-stats.js";
import type { Clock } from "../../templates/dates.js";

// The figures officials ask for in chat ("thống kê", "tỉ lệ đúng hạn").

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
