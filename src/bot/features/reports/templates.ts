import type { ReportMetric } from "../../intents/intent.js";
import type { DossierFigures } from "../../../domain/reports/dossier-figures.js";
import type { DepartmentRemaining } from "../../../domain/reports/department-remaining.js";
import type { ParRisk } from "../../../domain/reports/par-risk.js";
import type { ReportFigures } from "../../../domain/reports/report-figures.js";

// The CCHC report in chat, for leaders: every figure with its period and, in one short
// line, what it counts.

const num = (n: number, digits = 1) => n.toFixed(digits).replace(".", ",");
export const pct = (rate: number | null) => (rate === null ? "chưa có số liệu" : `${num(rate * 100)}%`);
const points = (n: number) => (Number.isInteger(n) ? String(n) : num(n, 2).replace(/0$/, ""));

/** "quý I/2026 (1/1–31/3/2026)" or, for a period still running, "(1/10–18/11/2026, đến nay)". */
export function periodLine(label: string, first: string, last: string, running: boolean): string {
  const dm = (k: string) => `${Number(k.slice(8, 10))}/${Number(k.slice(5, 7))}`;
  return `${label} (${dm(first)}–${dm(last)}/${last.slice(0, 4)}${running ? ", đến nay" : ""})`;
}

export function reportText(period: string, f: ReportFigures, scopeNote: string): string {
  const d = f.dossiers;
  const p = f.planTasks;
  const t = f.districtTasks;
  return [
    `Báo cáo CCHC ${period}${scopeNote}:`,
    `• Hồ sơ tiếp nhận mới ${d.received} (trực tuyến ${d.receivedOnline}, trực tiếp ${d.receivedDirect}, bưu chính ${d.receivedPostal}); kỳ trước chuyển qua ${d.carriedOver}.`,
    `• Đã giải quyết ${d.resolved}: trước hạn ${d.resolvedEarly}, đúng hạn ${d.resolvedOnTime}, trễ hạn ${d.resolvedLate}.`,
    `• Tỉ lệ đúng hạn ${pct(d.onTimeRate)} — (trước hạn + đúng hạn) ÷ đã giải quyết.`,
    `• Đang giải quyết ${d.inProgress}, trong đó quá hạn ${d.overdue}; trễ hạn chưa có thư xin lỗi ${d.withoutApology}/${d.lateNeedingApology}.`,
    `• Số hóa ${pct(d.digitisationRate)} — hồ sơ số hóa ÷ tiếp nhận mới.`,
    `• Trực tuyến ${pct(d.onlineRate)} — nộp trực tuyến ÷ tiếp nhận mới; toàn trình ${pct(d.fullyOnlineRate)} — toàn trình ÷ trực tuyến.`,
    `• Thanh toán trực tuyến ${pct(d.paidOnlineRate)} — hồ sơ trả phí trực tuyến ÷ hồ sơ có phí; kết quả điện tử ${pct(d.electronicResultRate)} — ÷ đã giải quyết.`,
    `• Kế hoạch: xong ${p.done}/${p.total} hạn trong kỳ (đúng hạn ${p.doneOnTime}, trễ ${p.doneLate}), quá hạn ${p.overdue} — mỗi hạn tính một lần, việc thường xuyên tính mỗi quý.`,
    `• Việc huyện giao: ${t.total}; đúng hạn ${t.doneOnTime}, trễ ${t.doneLate}, quá hạn ${t.overdue}.`,
    `• PAKN của người dân: tiếp nhận ${f.pakn.received}, đã trả lời ${f.pakn.answered}.`,
    `Nhắn "rủi ro chỉ số" để xem điểm có nguy cơ mất.`,
  ].join("\n");
}

const METRICS: Record<
  ReportMetric,
  { name: string; definition: string; value: (d: DossierFigures) => [number | null, number, number] }
> = {
  online: {
    name: "hồ sơ trực tuyến",
    definition: "hồ sơ nộp trực tuyến ÷ hồ sơ tiếp nhận mới trong kỳ",
    value: (d) => [d.onlineRate, d.receivedOnline, d.received],
  },
  fully_online: {
    name: "hồ sơ trực tuyến toàn trình",
    definition: "hồ sơ toàn trình ÷ hồ sơ nộp trực tuyến",
    value: (d) => [d.fullyOnlineRate, d.fullyOnline, d.receivedOnline],
  },
  digitisation: {
    name: "số hóa thành phần hồ sơ",
    definition: "hồ sơ đã số hóa ÷ hồ sơ tiếp nhận mới trong kỳ",
    value: (d) => [d.digitisationRate, d.digitised, d.received],
  },
  electronic_result: {
    name: "kết quả giải quyết điện tử",
    definition: "hồ sơ có kết quả điện tử ÷ hồ sơ đã giải quyết",
    value: (d) => [d.electronicResultRate, d.electronicResult, d.resolved],
  },
  online_payment: {
    name: "hồ sơ thanh toán trực tuyến",
    definition: "hồ sơ trả phí, lệ phí trực tuyến ÷ hồ sơ có phí, lệ phí",
    value: (d) => [d.paidOnlineRate, d.paidOnline, d.feeDossiers],
  },
  apology: {
    name: "hồ sơ trễ hạn đã có thư xin lỗi",
    definition: "hồ sơ trễ hạn đã ghi thư xin lỗi ÷ hồ sơ trễ hạn (đã trả trễ hoặc đang quá hạn)",
    value: (d) => [
      d.lateNeedingApology > 0 ? d.apologised / d.lateNeedingApology : null,
      d.apologised,
      d.lateNeedingApology,
    ],
  },
};

export function rateText(metric: ReportMetric, period: string, d: DossierFigures): string {
  const m = METRICS[metric];
  const [rate, part, whole] = m.value(d);
  return `Tỉ lệ ${m.name} ${period}: ${pct(rate)} (${part}/${whole}).\nCách tính: ${m.definition}.`;
}

export function remainingText(department: string, r: DepartmentRemaining, today: string): string {
  if (r.open === 0) return `${department} không còn việc nào chưa xong (đến ${today}).`;
  const parts = [
    r.overdue > 0 ? `quá hạn ${r.overdue}` : "",
    r.dueThisQuarter > 0 ? `đến hạn trong quý này ${r.dueThisQuarter}` : "",
    r.dueLater > 0 ? `hạn sau quý này ${r.dueLater}` : "",
    r.continuous > 0 ? `thường xuyên ${r.continuous}` : "",
  ].filter(Boolean);
  return [
    `${department} còn ${r.open} việc chưa xong (đến ${today}): ${parts.join(", ")}.`,
    "Cách tính: nhiệm vụ kế hoạch và huyện giao do bộ phận chủ trì, chưa hoàn thành.",
    `Nhắn "việc của ${department.toLowerCase()}" để xem danh sách.`,
  ].join("\n");
}

export function riskText(year: number, today: string, risks: readonly ParRisk[]): string {
  const atRisk = risks.filter((r) => r.pointsAtRisk > 0);
  const head = `Rủi ro mất điểm chỉ số CCHC năm ${year} (số liệu từ 1/1 đến ${today}; điểm ước tính nếu năm kết thúc hôm nay):`;
  if (atRisk.length === 0) return `${head}\nChưa thấy tiêu chí nào có nguy cơ mất điểm.`;
  const lines = atRisk.slice(0, 6).map((r) => `• ${riskLine(r)}`);
  const total = atRisk.reduce((s, r) => s + r.pointsAtRisk, 0);
  return [head, ...lines, `Tổng điểm có nguy cơ mất: ${points(Math.round(total * 100) / 100)}.`].join("\n");
}

/** "3.11.1 Số hóa: 68,5% (690/1008), mục tiêu 80% → có thể mất 1/1 điểm — Văn phòng – Thống kê". */
export function riskLine(r: ParRisk): string {
  const count = r.measure === "district_tasks_late" || r.measure === "late_without_apology";
  const value = count ? r.detail : `${pct(r.value)} (${r.detail})`;
  const target = count ? `mục tiêu ${r.target}` : `mục tiêu ${pct(r.target)}`;
  return `${r.code} ${r.name}: ${value}, ${target} → có thể mất ${points(r.pointsAtRisk)}/${points(r.maxPoints)} điểm — ${r.department}`;
}
