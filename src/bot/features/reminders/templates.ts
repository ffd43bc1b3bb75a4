import { formatDayVi } from "../../../domain/calendar/format.js";
import type { MorningDigest } from "../../../domain/reminders/morning-digest.js";
import type { ReminderPreferences } from "../../../domain/reminders/preferences.js";
import type { WeeklySummary } from "../../../domain/reminders/weekly-summary.js";
import { type Clock } from "../../templates/dates.js";
import { clip } from "../../templates/text.js";
import { alertLine } from "../dossiers/templates.js";
import { riskLine } from "../reports/templates.js";
import { percent } from "../stats/templates.js";
import { taskLine } from "../tasks/templates.js";

// What the reminder jobs send (digests, the group fall-back) and what officials read when
// they set their reminders in chat.

/** An alert for an official who cannot get it in their own chat, posted in their department's group. */
export function groupFallback(officialName: string, text: string): string {
  return `Gửi ${officialName}:\n${text}\n(Anh/chị nhắn một tin bất kỳ cho OA để nhận nhắc việc riêng.)`;
}

function section<T>(
  heading: string,
  list: { items: T[]; total: number },
  line: (item: T) => string,
): string[] {
  if (list.total === 0) return [];
  const more = list.total > list.items.length ? [`… và ${list.total - list.items.length} mục khác`] : [];
  return [`${heading} (${list.total}):`, ...list.items.map((i) => `• ${line(i)}`), ...more];
}

/** One official's morning digest. */
export function morningDigestText(name: string, digest: MorningDigest, clock: Clock): string {
  const c = digest.commune;
  return [
    `Chào ${name}, việc hôm nay (${formatDayVi(clock.now, clock.now)}):`,
    ...section("Nhiệm vụ quá hạn", digest.overdueTasks, (t) => taskLine(t, clock)),
    ...section("Nhiệm vụ sắp đến hạn", digest.tasksDueSoon, (t) => taskLine(t, clock)),
    ...section("Hồ sơ quá hạn", digest.overdueDossiers, (d) => alertLine(d, clock)),
    ...section("Hồ sơ đến hạn hôm nay, ngày làm việc tới", digest.dossiersDue, (d) => alertLine(d, clock)),
    ...(c
      ? [
          `Toàn xã: ${c.overdueTasks} nhiệm vụ quá hạn, ${c.overdueDossiers} hồ sơ quá hạn, ${c.dossiersDueToday} hồ sơ đến hạn hôm nay.`,
        ]
      : []),
    'Nhắn "việc quá hạn", "hồ sơ quá hạn" để xem đủ; "tắt nhắc" nếu không muốn nhận tin này.',
  ].join("\n");
}

/** The leaders' weekly digest. */
export function weeklyDigestText(communeName: string, w: WeeklySummary, clock: Clock): string {
  const q = w.quarter.dossiers;
  const overdueBy = w.overdueTasksByDepartment.map((d) => `${d.department} ${d.count}`).join(", ");
  const late = w.mostOverdue.map(
    (i) =>
      `• ${i.kind === "task" ? i.code : `HS ${i.code.split(".").at(-1)}`} · ${clip(i.title, 50)} — quá hạn ${i.workingDays} ngày làm việc`,
  );
  return [
    `Tình hình CCHC ${communeName}, tuần bắt đầu ${formatDayVi(clock.now, clock.now)}:`,
    `Kế hoạch: ${w.plan.doneOfDue}/${w.plan.dueSoFar} hạn đã đến đã hoàn thành (cả năm ${w.plan.done}/${w.plan.total}; mỗi hạn tính một lần, việc thường xuyên mỗi quý).`,
    overdueBy ? `Nhiệm vụ quá hạn: ${overdueBy}.` : "Không có nhiệm vụ quá hạn.",
    `Hồ sơ quý này đến nay: tiếp nhận ${q.received}, đã giải quyết ${q.resolved}, đúng hạn ${percent(q.onTimeRate)}; đang giải quyết ${q.open} (quá hạn ${q.overdueOpen}).`,
    ...(late.length > 0 ? ["Quá hạn lâu nhất:", ...late] : []),
    ...(w.risks.length > 0
      ? [
          `Rủi ro mất điểm chỉ số CCHC lớn nhất (năm ${clock.calendar.dayKey(clock.now).slice(0, 4)} đến nay; nhắn "rủi ro chỉ số" để xem đủ):`,
          ...w.risks.map((r) => `• ${riskLine(r)}`),
        ]
      : []),
    w.undelivered.length > 0
      ? `Tin nhắc không gửi được 7 ngày qua: ${w.undelivered.map((u) => `${u.recipient} (${u.count})`).join(", ")}.`
      : null,
  ]
    .filter((l): l is string => l !== null)
    .join("\n");
}

export function preferencesText(p: ReminderPreferences, defaultTime: string): string {
  if (!p.remindersOn) return 'Nhắc việc đang tắt. Nhắn "bật nhắc" để nhận lại.';
  return [
    `Nhắc việc đang bật: tin tổng hợp buổi sáng lúc ${p.digestTime ?? defaultTime}${p.overdueOnly ? ", chỉ việc quá hạn" : ""}.`,
    'Nhắn "nhắc lúc 6h30" để đổi giờ, "chỉ nhắc việc quá hạn" hoặc "nhắc tất cả", "tắt nhắc" để tắt.',
  ].join("\n");
}

export const acknowledged = "Dạ, em đã ghi nhận.";
