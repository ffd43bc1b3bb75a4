import { agencyFor, receiverOf } from "../../../domain/procedures/agency.js";
import type { CatalogueRecord } from "../../../domain/procedures/catalogue-record.js";
import type { Aspect } from "../../../domain/procedures/search/aspects.js";
import { encodeCallback } from "../../../messaging/callback-data.js";
import type { Button } from "../../../messaging/outgoing.js";
import { clip } from "../../templates/text.js";

// What a citizen reads about a procedure. Everything comes from the catalogue record;
// nothing here adds facts of its own beyond the commune's published contact details.

export interface CommuneContact {
  name: string;
  address: string | null;
  hotline: string | null;
  officeHours: string | null;
}

const ASPECT_TITLES: Record<Exclude<Aspect, "general">, string> = {
  documents: "Giấy tờ",
  time: "Thời hạn",
  fee: "Lệ phí",
  where: "Nơi nộp",
  steps: "Các bước",
  online: "Nộp online",
  eligibility: "Đối tượng",
};

const MAX_CHARS = 320;

export function procedureAnswer(
  record: CatalogueRecord,
  aspects: Aspect[],
  commune: CommuneContact,
  /** Lines offering the family's other variants ("Nếu có yếu tố nước ngoài, chọn …"). */
  siblings: string | null = null,
): string {
  const head = `${record.name} (mã ${record.code})`;
  if (!record.commune_service) return branchAgencyAnswer(record, head);
  const asked = aspects.filter((a) => a !== "general");
  const parts = (asked.length > 0 ? asked.slice(0, 2) : (["documents", "time", "fee"] as const)).map((a) =>
    section(record, a, commune),
  );
  return [head, ...parts, ...(siblings ? [siblings] : []), sourceLine(record)].join("\n\n");
}

function branchAgencyAnswer(record: CatalogueRecord, head: string): string {
  const agency = agencyName(record);
  return [
    head,
    `Thủ tục này do ${agency} giải quyết, không làm tại UBND xã. Anh/chị vui lòng liên hệ ${agency} để được hướng dẫn.`,
    sourceLine(record),
  ].join("\n\n");
}

function agencyName(record: CatalogueRecord): string {
  return agencyFor(record) ?? (record.where ? clip(record.where, 120) : "cơ quan chuyên ngành");
}

function section(
  record: CatalogueRecord,
  aspect: Exclude<Aspect, "general">,
  commune: CommuneContact,
): string {
  switch (aspect) {
    case "documents":
      return documentsSection(record);
    case "time": {
      if (!record.processing_time) return "Thời hạn giải quyết: danh mục công bố chưa ghi.";
      const caveat = record.processing_unit_missing
        ? " (bản công bố bị thiếu đơn vị thời gian; anh/chị hỏi Bộ phận một cửa để chắc chắn)"
        : "";
      return `Thời hạn giải quyết: ${clip(collapseMethods(record.processing_time), MAX_CHARS)}${caveat}`;
    }
    case "fee":
      return `Lệ phí: ${record.fees ? clip(collapseMethods(record.fees), MAX_CHARS) : "danh mục công bố không ghi lệ phí."}`;
    case "where": {
      // The body that receives it, and only its own address: the commune police's
      // procedures are not filed at the People's Committee.
      const receiver = receiverOf(record);
      if (receiver && !receiver.communeAddress)
        return `Nơi nộp: ${receiver.body} (${commune.name}), không nộp tại trụ sở UBND xã. Anh/chị hỏi ${receiver.body} về địa chỉ và giờ tiếp dân.`;
      const address = commune.address ? `\nĐịa chỉ: ${commune.address}` : "";
      const hours = commune.officeHours ? `\nGiờ làm việc: ${commune.officeHours}` : "";
      return `Nơi nộp: Bộ phận một cửa ${commune.name}${address}${hours}`;
    }
    case "steps": {
      if (record.steps.length === 0) return "Các bước: danh mục công bố chưa ghi.";
      const steps = record.steps.slice(0, 4).map((s) => `• ${clip(s.split("\n")[0] ?? s, 200)}`);
      return ["Các bước thực hiện:", ...steps].join("\n");
    }
    case "online":
      return record.online_submission_listed
        ? "Nộp trực tuyến: có, trên Cổng Dịch vụ công quốc gia (dichvucong.gov.vn)."
        : "Nộp trực tuyến: danh mục công bố chưa ghi cách nộp trực tuyến; anh/chị có thể nộp trực tiếp tại Bộ phận một cửa.";
    case "eligibility": {
      const who = record.applicant ? `Đối tượng: ${clip(record.applicant, 200)}` : "";
      const req = record.requirements ? `Điều kiện: ${clip(record.requirements, MAX_CHARS)}` : "";
      return [who, req].filter(Boolean).join("\n") || "Đối tượng, điều kiện: danh mục công bố chưa ghi.";
    }
  }
}

function sourceLine(record: CatalogueRecord): string {
  const link = record.source_url ? `\n${record.source_url}` : "";
  return `Thông tin theo danh mục thủ tục hành chính đã công bố trên Cổng Dịch vụ công quốc gia.${link}`;
}

/**
 * The catalogue's document list mixes what to hand in, what to show, conditional cases
 * ("Trường hợp …") and notes ("Lưu ý"). A citizen needs the first two, plain ones first.
 */
function documentsSection(record: CatalogueRecord): string {
  const usable = record.documents
    .filter((d) => !/lưu ý/i.test(d.section ?? ""))
    .map((d) => ({ ...d, name: stripFileNames(d.name.replace(/^[-+•]\s*/, "")) }))
    .filter((d) => d.name.length > 3);
  if (usable.length === 0) return "Giấy tờ: danh mục công bố chưa ghi giấy tờ cụ thể.";
  // What everyone hands in first (the declaration, the birth certificate …), a case of
  // some (a power of attorney, "trường hợp …") last.
  const rankOf = (name: string) =>
    /^(tờ khai|đơn|giấy chứng sinh|phiếu)/i.test(name)
      ? 0
      : /^(trường hợp|nếu|đối với)|ủy quyền|trong trường hợp/i.test(name)
        ? 2
        : 1;
  const required = usable.filter((d) => (d.count ?? 1) > 0);
  const ranked = (required.length > 0 ? required : usable)
    .map((d, i) => ({ d, i }))
    .sort((a, b) => rankOf(a.d.name) - rankOf(b.d.name) || a.i - b.i)
    .map(({ d }) => d);
  const shown = ranked.slice(0, 4);
  const lines = shown.map((d) => {
    const show = /xuất trình/i.test(d.section ?? "") ? " (xuất trình)" : "";
    const qty = d.quantity && (d.count ?? 1) > 0 ? ` (${clip(d.quantity, 30)})` : "";
    return `• ${clip(firstClause(d.name), 110)}${show || qty}`;
  });
  const rest = usable.length - shown.length;
  const more =
    rest > 0 ? [`… và ${rest} mục khác cho các trường hợp riêng (xem trên Cổng Dịch vụ công).`] : [];
  return ["Giấy tờ cần chuẩn bị:", ...lines, ...more].join("\n");
}

/**
 * "Trực tuyến: 1; Dịch vụ bưu chính: 1; Trực tiếp: 1" says the same thing three times:
 * when every way of filing has the same value, say it once.
 */
export function collapseMethods(text: string): string {
  // The scraper doubled and tripled parentheses unevenly across the methods.
  const cleaned = text
    .replace(/\({2,}/g, "(")
    .replace(/\){2,}/g, ")")
    .trim();
  const parts = cleaned.split(/;\s*(?=(?:Trực tuyến|Trực tiếp|Dịch vụ bưu chính)\s*:)/);
  const values = parts.map((p) =>
    /^(?:Trực tuyến|Trực tiếp|Dịch vụ bưu chính)\s*:\s*(.*)$/s.exec(p.trim())?.[1]?.trim(),
  );
  if (values.length > 1 && values.every((v) => v !== undefined && v === values[0])) return values[0]!;
  return [...new Set(parts.map((p) => p.trim()))].join("; ");
}

/** Buttons: the aspects not shown yet, then feedback. Zalo shows at most five. */
export function procedureButtons(record: CatalogueRecord, shown: Aspect[]): Button[] {
  const others = record.commune_service
    ? (Object.keys(ASPECT_TITLES) as Exclude<Aspect, "general">[])
        .filter((a) => !shown.includes(a))
        .filter((a) => !(shown.every((s) => s === "general") && ["documents", "time", "fee"].includes(a)))
        .slice(0, 3)
    : [];
  return [
    ...others.map((a) => ({
      kind: "query" as const,
      title: ASPECT_TITLES[a],
      payload: encodeCallback("asp", record.code, a),
      hidden: true,
    })),
    { kind: "query", title: "Hữu ích", payload: encodeCallback("fb", record.code, "helpful"), hidden: true },
    {
      kind: "query",
      title: "Chưa đúng",
      payload: encodeCallback("fb", record.code, "not_helpful"),
      hidden: true,
    },
  ];
}

/** "Giấy chứng sinh; trường hợp không có …" → "Giấy chứng sinh": the rest is for the portal. */
function firstClause(name: string): string {
  const cut = name.split(/;\s*|\s+\((?:nếu|trường hợp)\b/i)[0]!.trim();
  return cut.length >= 8 ? cut : name;
}

/** Scraped document names sometimes carry the form's file name ("…(mẫu NA17)101-Mau A17.doc"). */
function stripFileNames(text: string): string {
  return text
    .replace(/\S*\.(docx?|pdf|xlsx?)\b/gi, "")
    .replace(/\s+/g, " ")
    .trim();
}
