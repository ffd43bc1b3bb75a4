/**
 * The report as an XLSX workbook (exceljs): the statistics form (Phụ lục 2) in its own
 * layout, the dossiers by field, the figures by department, and the PAR-index risks.
 * Numbers are written as numbers (shares with a % format), so the district can add them up.
 */
import type ExcelJS from "exceljs";
import { dayKey } from "../calendar/working-days.js";
import type { DossierFigures } from "./dossier-figures.js";
import { formRows } from "./form-rows.js";
import type { ReportData } from "./report-data.js";

export const SHEETS = {
  form: "Phụ lục 2",
  fields: "Theo lĩnh vực",
  departments: "Theo bộ phận",
  risks: "Rủi ro chỉ số",
} as const;

const PERCENT = "0.00%";
const thin = { style: "thin" as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

const dmy = (at: Date) => {
  const k = dayKey(at);
  return `${k.slice(8, 10)}/${k.slice(5, 7)}/${k.slice(0, 4)}`;
};

/** Title lines, then a bold bordered header row; returns the header's row number. */
function header(
  sheet: ExcelJS.Worksheet,
  titles: string[],
  columns: { name: string; width: number }[],
): number {
  titles.forEach((t, i) => {
    const row = sheet.addRow([t]);
    sheet.mergeCells(row.number, 1, row.number, columns.length);
    row.getCell(1).font = { bold: i === 0, size: i === 0 ? 13 : 11, italic: i > 0 };
    row.getCell(1).alignment = { horizontal: "center", wrapText: true };
  });
  sheet.addRow([]);
  const head = sheet.addRow(columns.map((c) => c.name));
  head.eachCell((cell) => {
    cell.font = { bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.border = BORDER;
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
  });
  columns.forEach((c, i) => (sheet.getColumn(i + 1).width = c.width));
  return head.number;
}

function bordered(row: ExcelJS.Row, count: number) {
  for (let i = 1; i <= count; i++) {
    const cell = row.getCell(i);
    cell.border = BORDER;
    cell.alignment = { vertical: "top", wrapText: true, ...(i > 2 ? { horizontal: "right" as const } : {}) };
  }
}

const DOSSIER_COLUMNS: [string, (d: DossierFigures) => number | null][] = [
  ["Tiếp nhận mới", (d) => d.received],
  ["Trực tuyến", (d) => d.receivedOnline],
  ["Trực tiếp", (d) => d.receivedDirect],
  ["Bưu chính", (d) => d.receivedPostal],
  ["Kỳ trước chuyển qua", (d) => d.carriedOver],
  ["Đã giải quyết", (d) => d.resolved],
  ["Trước hạn", (d) => d.resolvedEarly],
  ["Đúng hạn", (d) => d.resolvedOnTime],
  ["Trễ hạn", (d) => d.resolvedLate],
  ["Tỷ lệ đúng hạn", (d) => d.onTimeRate],
  ["Đang giải quyết", (d) => d.inProgress],
  ["Quá hạn", (d) => d.overdue],
  ["Số hóa", (d) => d.digitised],
  ["Kết quả điện tử", (d) => d.electronicResult],
  ["Thanh toán trực tuyến", (d) => d.paidOnline],
  ["Toàn trình", (d) => d.fullyOnline],
  ["Trễ hạn chưa xin lỗi", (d) => d.withoutApology],
];
const RATE_COLUMNS = new Set(["Tỷ lệ đúng hạn"]);

export async function buildReportWorkbook(data: ReportData): Promise<ExcelJS.Workbook> {
  const { figures: f, period } = data;
  // exceljs costs ~25 MB of resident memory once loaded: loaded when a report is written,
  // not at the service's start.
  const { default: Excel } = await import("exceljs");
  const workbook = new Excel.Workbook();
  workbook.creator = "Trợ lý xã";
  const asOfLine = `${f.communeName} · ${period.label} (từ ${dmy(f.range.from)} đến ${dmy(new Date(f.asOf.getTime() - 1))})`;

  // Phụ lục 2
  const form = workbook.addWorksheet(SHEETS.form, { views: [{ state: "frozen", ySplit: 5 }] });
  header(
    form,
    ["BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH ĐỊNH KỲ CẤP XÃ", asOfLine],
    [
      { name: "STT", width: 8 },
      { name: "Chỉ tiêu thống kê (Sử dụng trong kỳ báo cáo hàng quý, 6 tháng, năm)", width: 70 },
      { name: "Đơn vị tính", width: 14 },
      { name: "Số liệu", width: 12 },
      { name: "Ghi chú", width: 44 },
    ],
  );
  for (const r of formRows(data)) {
    const row = form.addRow([r.no, r.label, r.unit, r.value ?? null, r.note]);
    bordered(row, 5);
    if (r.heading) row.font = { bold: true };
    if (r.unit === "%") row.getCell(4).numFmt = PERCENT;
  }

  // By field
  const fields = workbook.addWorksheet(SHEETS.fields);
  header(
    fields,
    ["HỒ SƠ TTHC THEO LĨNH VỰC", asOfLine],
    [{ name: "Lĩnh vực", width: 28 }, ...DOSSIER_COLUMNS.map(([name]) => ({ name, width: 11 }))],
  );
  const dossierRow = (sheet: ExcelJS.Worksheet, name: string, d: DossierFigures, bold = false) => {
    const row = sheet.addRow([name, ...DOSSIER_COLUMNS.map(([, get]) => get(d))]);
    bordered(row, DOSSIER_COLUMNS.length + 1);
    DOSSIER_COLUMNS.forEach(([n], i) => {
      if (RATE_COLUMNS.has(n)) row.getCell(i + 2).numFmt = PERCENT;
    });
    if (bold) row.font = { bold: true };
  };
  for (const g of f.dossiersByField) dossierRow(fields, g.field, g.dossiers);
  dossierRow(fields, "Tổng cộng", f.dossiers, true);

  // By department
  const depts = workbook.addWorksheet(SHEETS.departments);
  const taskCols = [
    "NV kế hoạch",
    "Đã xong",
    "Đúng hạn",
    "Trễ hạn",
    "Chưa xong",
    "Quá hạn",
    "NV huyện giao",
    "Đúng hạn",
    "Trễ hạn",
    "Quá hạn",
  ];
  header(
    depts,
    ["SỐ LIỆU THEO BỘ PHẬN", asOfLine],
    [
      { name: "Bộ phận", width: 28 },
      ...["Tiếp nhận mới", "Đã giải quyết", "Trễ hạn", "Đang giải quyết", "Quá hạn", ...taskCols].map(
        (name) => ({ name, width: 11 }),
      ),
    ],
  );
  for (const g of f.byDepartment) {
    const d = g.dossiers;
    const p = g.planTasks;
    const t = g.districtTasks;
    const row = depts.addRow([
      g.department,
      d.received,
      d.resolved,
      d.resolvedLate,
      d.inProgress,
      d.overdue,
      p.total,
      p.done,
      p.doneOnTime,
      p.doneLate,
      p.notDone,
      p.overdue,
      t.total,
      t.doneOnTime,
      t.doneLate,
      t.overdue,
    ]);
    bordered(row, 16);
  }

  // PAR-index risks
  const risks = workbook.addWorksheet(SHEETS.risks);
  header(
    risks,
    [
      "RỦI RO MẤT ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH (PAR INDEX)",
      `${f.communeName} · năm ${dmy(data.year.range.from).slice(6)} tính đến ${dmy(new Date(data.year.asOf.getTime() - 1))}; điểm ước tính nếu năm kết thúc hôm nay`,
    ],
    [
      { name: "Mã", width: 9 },
      { name: "Tiêu chí", width: 48 },
      { name: "Hiện tại", width: 11 },
      { name: "Số liệu", width: 22 },
      { name: "Mục tiêu", width: 10 },
      { name: "Điểm tối đa", width: 10 },
      { name: "Điểm ước tính", width: 11 },
      { name: "Điểm có nguy cơ mất", width: 12 },
      { name: "Bộ phận phụ trách", width: 26 },
    ],
  );
  for (const r of data.risks) {
    const rate = r.measure !== "district_tasks_late" && r.measure !== "late_without_apology";
    const row = risks.addRow([
      r.code,
      r.name,
      r.value,
      r.detail,
      r.target,
      r.maxPoints,
      r.points,
      r.pointsAtRisk,
      r.department,
    ]);
    bordered(row, 9);
    if (rate) {
      row.getCell(3).numFmt = PERCENT;
      row.getCell(5).numFmt = PERCENT;
    }
    if (r.pointsAtRisk > 0) row.getCell(8).font = { bold: true, color: { argb: "FFC00000" } };
  }
  return workbook;
}

export async function reportWorkbookBuffer(data: ReportData): Promise<Buffer> {
  const out = await (await buildReportWorkbook(data)).xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

/** "bao-cao-cchc-<commune slug>-<from>-<to>.xlsx". */
export function reportFileName(slug: string, data: ReportData): string {
  return `bao-cao-cchc-${slug}-${data.period.days.from}-${data.period.days.to}.xlsx`;
}
