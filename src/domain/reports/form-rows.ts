/**
 * The statistics form of the quarterly CCHC report (Phụ lục 2 "Biểu mẫu thống kê số liệu
 * báo cáo cải cách hành chính định kỳ cấp xã") as rows: the form's numbering, indicator,
 * unit and the figure where the data has it. Lines the data cannot fill (documents issued,
 * inspections, legal documents …) are listed with an empty figure for the office to write
 * in, so the sheet keeps the form's layout. Rows after the form's own are marked
 * "bổ sung": the PAR-index figures the district scores.
 */
import type { ReportData } from "./report-data.js";

export interface FormRow {
  /** "I", "2.1", "3.1.2", "–"; "" for a line of its own. */
  no: string;
  label: string;
  unit: string;
  /** A count, a share 0–1 (unit "%"), or null: left for the office to fill. */
  value: number | null;
  note: string;
  /** A heading (I, II, III …): bold, no figure. */
  heading?: boolean;
}

const pct = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

export function formRows({ figures: f, year }: ReportData): FormRow[] {
  const d = f.dossiers;
  const plan = year.planTasks;
  const district = f.districtTasks;
  const row = (no: string, label: string, unit: string, value: number | null, note = ""): FormRow => ({
    no,
    label,
    unit,
    value,
    note,
  });
  const heading = (no: string, label: string): FormRow => ({
    no,
    label,
    unit: "",
    value: null,
    note: "",
    heading: true,
  });
  return [
    heading("I", "CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH"),
    row(
      "1",
      "Số văn bản chỉ đạo CCHC đã ban hành (Kết luận, chỉ thị, công văn chỉ đạo, quán triệt)",
      "Văn bản",
      null,
    ),
    row(
      "2",
      "Tỷ lệ hoàn thành Kế hoạch CCHC năm (Lũy kế đến thời điểm báo cáo)",
      "%",
      pct(plan.done, plan.total),
      "Tính theo từng hạn: việc nhiều hạn và việc thường xuyên (báo cáo mỗi quý) tính ở kỳ có hạn",
    ),
    row("2.1", "Số nhiệm vụ đề ra trong kế hoạch", "Nhiệm vụ", plan.total),
    row(
      "2.2",
      "Số nhiệm vụ đã hoàn thành",
      "Nhiệm vụ",
      plan.done,
      `đúng hạn ${plan.doneOnTime}, trễ hạn ${plan.doneLate}`,
    ),
    row("3", "Kiểm tra CCHC", "", null),
    row("4", "Thực hiện nhiệm vụ UBND, Chủ tịch UBND huyện giao", "", null),
    row("4.1", "Tổng số nhiệm vụ được giao", "Nhiệm vụ", district.total, "có hạn trong kỳ"),
    row("4.2", "Số nhiệm vụ đã hoàn thành đúng hạn", "Nhiệm vụ", district.doneOnTime),
    row("4.3", "Số nhiệm vụ đã hoàn thành nhưng quá hạn", "Nhiệm vụ", district.doneLate),
    row("4.4", "Số nhiệm vụ quá hạn nhưng chưa hoàn thành", "Nhiệm vụ", district.overdue),
    row("5", "Khảo sát sự hài lòng của người dân, tổ chức", "Có = 1; Không = 0", null),
    row(
      "6",
      "Tổ chức đối thoại của lãnh đạo với người dân, cộng đồng doanh nghiệp",
      "Không = 0 Có = 1",
      null,
    ),
    heading("II", "CẢI CÁCH THỂ CHẾ"),
    row("1", "Tổng số VBQPPL do địa phương ban hành", "Văn bản", null),
    heading("III", "CẢI CÁCH TTHC"),
    row("3", "Kết quả giải quyết TTHC", "", null),
    row(
      "3.1",
      "Tỷ lệ hồ sơ TTHC do UBND cấp xã tiếp nhận được giải quyết đúng hạn",
      "%",
      d.onTimeRate,
      "(trước hạn + đúng hạn) ÷ đã giải quyết",
    ),
    row("3.1.1", "Tổng số hồ sơ TTHC đã giải quyết xong", "Hồ sơ", d.resolved),
    row(
      "3.1.2",
      "Số hồ sơ TTHC giải quyết đúng hạn",
      "Hồ sơ",
      d.resolvedEarly + d.resolvedOnTime,
      "gồm trước hạn và đúng hạn",
    ),
    row("–", "Trong đó: trước hạn", "Hồ sơ", d.resolvedEarly, "bổ sung"),
    row("–", "Trong đó: đúng hạn (trong ngày hẹn)", "Hồ sơ", d.resolvedOnTime, "bổ sung"),
    row("–", "Số hồ sơ giải quyết trễ hạn", "Hồ sơ", d.resolvedLate, "bổ sung"),
    row(
      "–",
      "Số hồ sơ tiếp nhận mới trong kỳ",
      "Hồ sơ",
      d.received,
      `trực tuyến ${d.receivedOnline}, trực tiếp ${d.receivedDirect}, bưu chính ${d.receivedPostal}; bổ sung`,
    ),
    row("–", "Số hồ sơ kỳ trước chuyển qua", "Hồ sơ", d.carriedOver, "bổ sung"),
    row("–", "Số hồ sơ đang giải quyết", "Hồ sơ", d.inProgress, `trong đó quá hạn ${d.overdue}; bổ sung`),
    row(
      "–",
      "Số hồ sơ trễ hạn đã có văn bản xin lỗi",
      "Hồ sơ",
      d.apologised,
      `trên ${d.lateNeedingApology} hồ sơ trễ hạn; bổ sung`,
    ),
    row(
      "3.2",
      "Tỷ lệ giải quyết phản ánh, kiến nghị (PAKN) về quy định TTHC",
      "%",
      pct(f.pakn.answered, f.pakn.received),
    ),
    row(
      "3.3.1",
      "Tổng số PAKN đã tiếp nhận (trực tiếp hoặc do cơ quan có thẩm quyền chuyển đến)",
      "PAKN",
      f.pakn.received,
      "qua Zalo OA",
    ),
    row("3.3.2", "Số PAKN đã giải quyết xong", "PAKN", f.pakn.answered),
    heading("IV", "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ"),
    row("–", "Số lượng cán bộ, công chức bị kỷ luật (cả về Đảng và chính quyền).", "Người", null),
    heading("V", "XD VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ"),
    row("2", "Cung cấp dịch vụ công trực tuyến", "", null),
    row("2.4", "Tỷ lệ hồ sơ TTHC được tiếp nhận trực tuyến một phần, toàn trình", "%", d.onlineRate),
    row("2.4.1", "Tổng số hồ sơ TTHC đã tiếp nhận", "Hồ sơ", d.received),
    row(
      "2.4.2",
      "Số hồ sơ TTHC đã tiếp nhận trực tuyến",
      "Hồ sơ",
      d.receivedOnline,
      `toàn trình ${d.fullyOnline}`,
    ),
    row(
      "2.5",
      "Tỷ lệ TTHC có phát sinh thanh toán trực tuyến",
      "%",
      d.proceduresPaidOnlineRate,
      "trên TTHC có phí, lệ phí đã phát sinh hồ sơ",
    ),
    row(
      "2.5.1",
      "Tổng số TTHC có yêu cầu nghĩa vụ tài chính (đã phát sinh hồ sơ trong kỳ)",
      "Thủ tục",
      d.feeProcedures,
    ),
    row("2.5.2", "Số TTHC có phát sinh thanh toán trực tuyến", "Thủ tục", d.proceduresPaidOnline),
    heading("", "BỔ SUNG: CHỈ SỐ PAR ĐO ĐƯỢC TỪ DỮ LIỆU"),
    row(
      "3.11.1",
      "Tỷ lệ số hóa thành phần hồ sơ",
      "%",
      d.digitisationRate,
      `${d.digitised}/${d.received} hồ sơ tiếp nhận`,
    ),
    row(
      "3.11.2",
      "Tỷ lệ hồ sơ có kết quả giải quyết điện tử",
      "%",
      d.electronicResultRate,
      `${d.electronicResult}/${d.resolved} hồ sơ đã giải quyết`,
    ),
    row(
      "3.12.2",
      "Tỷ lệ hồ sơ thanh toán trực tuyến",
      "%",
      d.paidOnlineRate,
      `${d.paidOnline}/${d.feeDossiers} hồ sơ có phí`,
    ),
    row(
      "3.13.1",
      "Tỷ lệ hồ sơ trực tuyến toàn trình",
      "%",
      d.fullyOnlineRate,
      `${d.fullyOnline}/${d.receivedOnline} hồ sơ trực tuyến`,
    ),
    row(
      "3.13.2",
      "Số DVCTT có phát sinh hồ sơ trực tuyến",
      "Thủ tục",
      d.onlineServicesWithDossiers,
      `trên ${f.onlineServicesOffered} TTHC trực tuyến xã cung cấp`,
    ),
  ];
}
