import { formatDateTimeVi } from "../../../domain/calendar/format.js";
import {
  type DossierAlertItem,
  type DossierSummary,
  isOpenDossierStatus,
} from "../../../domain/dossiers/dossier-queries.js";
import { type Clock, dueWords } from "../../templates/dates.js";
import { clip } from "../../templates/text.js";
import { encodeCallback } from "../../../messaging/callback-data.js";
import { type Button, MAX_BUTTON_TITLE } from "../../../messaging/outgoing.js";

// What officials read about dossiers (hồ sơ TTHC). The reminder jobs send these lines too.

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

export const askReceiptCode =
  "Anh/chị gửi mã số trên giấy biên nhận hồ sơ (ví dụ 000.00.21.H45-261117-0001) để em tra cứu tình trạng.";

export function dossierNotFound(code: string): string {
  return `Em không tìm thấy hồ sơ có mã "${code}". Anh/chị kiểm tra lại mã trên giấy biên nhận giúp em.`;
}

export function publicStatusText(receiptCode: string, procedureName: string, state: string): string {
  return `Hồ sơ ${receiptCode} (${procedureName}): ${state}.`;
}

/** The short form of a receipt code people say: "000.00.21.H45-261117-0001" → "H45-261117-0001". */
export function shortReceipt(receiptCode: string): string {
  return receiptCode.split(".").at(-1) ?? receiptCode;
}

/**
 * A dossier in an alert or digest: no applicant's name or phone, only the dossier and who
 * handles it (an alert may be posted in a group when its official cannot get it directly).
 */
export function alertLine(d: DossierAlertItem, clock: Clock): string {
  return `${shortReceipt(d.receiptCode)} · ${clip(d.procedureName, 50)} — hạn ${formatDateTimeVi(d.dueAt, clock.now)}${d.handler ? `, cán bộ ${d.handler.name}` : ", chưa giao cán bộ"}`;
}

function list(heading: string, lines: string[]): string {
  return [
    heading,
    ...lines.slice(0, 8).map((l) => `• ${l}`),
    ...(lines.length > 8 ? [`… và ${lines.length - 8} hồ sơ khác`] : []),
  ].join("\n");
}

/** To the handler: their dossiers that just became overdue. */
export function overdueToHandlerText(dossiers: DossierAlertItem[], clock: Clock): string {
  return `${list(
    `Hồ sơ vừa quá hạn (${dossiers.length}):`,
    dossiers.map((d) => alertLine(d, clock)),
  )}\nAnh/chị xử lý ngay và gửi thư xin lỗi người dân; nhắn "đã xin lỗi HS <mã>" khi đã gửi.`;
}

/** To the one-stop desk's group. */
export function overdueToDeskText(dossiers: DossierAlertItem[], clock: Clock): string {
  return list(
    `Hồ sơ vừa quá hạn (${dossiers.length}):`,
    dossiers.map((d) => alertLine(d, clock)),
  );
}

/** To the leaders: dossiers overdue for several working days. */
export function escalationText(
  dossiers: (DossierAlertItem & { overdueWorkingDays: number })[],
  clock: Clock,
): string {
  return list(
    `Hồ sơ quá hạn kéo dài cần lãnh đạo chỉ đạo (${dossiers.length}):`,
    dossiers.map((d) => `${alertLine(d, clock)}, quá hạn ${d.overdueWorkingDays} ngày làm việc`),
  );
}

/** The daily reminder to record the apology letter of late dossiers. */
export function apologyReminderText(dossiers: DossierAlertItem[], clock: Clock): string {
  return `${list(
    `Hồ sơ trễ hạn chưa ghi nhận thư xin lỗi (${dossiers.length}):`,
    dossiers.map(
      (d) =>
        `${shortReceipt(d.receiptCode)} · ${clip(d.procedureName, 50)} — hạn ${formatDateTimeVi(d.dueAt, clock.now)}`,
    ),
  )}\nHuyện trừ điểm hồ sơ trễ hạn không có thư xin lỗi. Khi đã gửi, bấm nút hoặc nhắn "đã xin lỗi HS <mã>".`;
}

/** One "Đã xin lỗi …" button per dossier (at most four: the fifth is "Đã nhận"). */
export function apologyButtons(dossiers: Pick<DossierAlertItem, "id" | "receiptCode">[]): Button[] {
  return dossiers.slice(0, 4).map((d) => ({
    kind: "query" as const,
    title: clipTitle(`Đã xin lỗi ${d.receiptCode.split("-").at(-1)}`),
    payload: encodeCallback("apology", d.id),
    hidden: true,
  }));
}

const clipTitle = (t: string) => t.slice(0, MAX_BUTTON_TITLE);

export function apologyRecordedText(receiptCode: string, already: boolean): string {
  return already
    ? `Hồ sơ ${receiptCode} đã được ghi nhận thư xin lỗi trước đó.`
    : `Đã ghi nhận thư xin lỗi cho hồ sơ ${receiptCode}. Em sẽ thôi nhắc hồ sơ này.`;
}
