/**
 * The demo's dossiers as the one-stop system's export lists them: Vietnamese words, dates as
 * "dd/mm/yyyy hh:mm", names of officials and departments. The demo commune gets its dossiers
 * through the same import as a real commune, so what the demo shows is what an import makes.
 */
import type { WorkingCalendar } from "../domain/calendar/working-days.js";
import type { DossierCells } from "../domain/imports/dossier-row.js";
import { DEMO_DEPARTMENTS, DEMO_OFFICIALS } from "./demo-commune.js";
import type { DossierDraft, DossierStatus } from "./demo-dossiers.js";
import { localMinute, vietnameseDate } from "./seed-time.js";

/** The words the provincial one-stop software prints (assets/imports/values.json reads them). */
const STATUS_WORDS: Record<DossierStatus, string> = {
  received: "Mới tiếp nhận",
  processing: "Đang xử lý",
  supplement: "Chờ bổ sung",
  completed: "Đã có kết quả",
  returned: "Đã trả kết quả",
  withdrawn: "Rút hồ sơ",
  rejected: "Từ chối giải quyết",
};
const CHANNEL_WORDS: Record<DossierDraft["channel"], string> = {
  direct: "Trực tiếp",
  online: "Trực tuyến",
  postal: "Bưu chính công ích",
};
const LEVEL_WORDS = { full: "Toàn trình", partial: "Một phần" } as const;

export function asOneStopExport(drafts: readonly DossierDraft[], calendar: WorkingCalendar): DossierCells[] {
  const officialNames = new Map(DEMO_OFFICIALS.map((o) => [o.key, o.name]));
  const departmentNames = new Map(DEMO_DEPARTMENTS.map((d) => [d.code, d.name]));
  const at = (instant: Date | null) => (instant ? dateTime(calendar, instant) : "");
  const flag = (value: boolean) => (value ? "x" : "");
  return drafts.map((d) => ({
    receiptCode: d.receiptCode,
    procedureCode: d.procedureCode,
    procedureName: d.procedureName,
    field: d.field ?? "",
    applicantName: d.applicantName,
    applicantPhone: d.applicantPhone ?? "",
    channel: CHANNEL_WORDS[d.channel],
    onlineLevel: d.onlineLevel ? LEVEL_WORDS[d.onlineLevel] : "",
    receivedAt: at(d.receivedAt),
    // The export states the legal time and the due date it computed; "0,5" as offices write it.
    processingDays: String(d.processingDays).replace(".", ","),
    dueAt: at(d.dueAt),
    returnedAt: at(d.returnedAt),
    status: STATUS_WORDS[d.status],
    handler: d.handlerKey ? (officialNames.get(d.handlerKey) ?? "") : "",
    department: departmentNames.get(d.departmentCode) ?? "",
    digitised: flag(d.digitised),
    electronicResult: flag(d.electronicResult),
    paidOnline: flag(d.paidOnline),
    apology: at(d.apologyAt),
    note: d.note ?? "",
  }));
}

/** "07/12/2026 09:30" in the calendar's time zone. */
function dateTime(calendar: WorkingCalendar, instant: Date): string {
  const minute = localMinute(calendar, instant);
  const hh = String(Math.floor(minute / 60)).padStart(2, "0");
  const mm = String(minute % 60).padStart(2, "0");
  return `${vietnameseDate(calendar.dayKey(instant))} ${hh}:${mm}`;
}
