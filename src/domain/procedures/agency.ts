/**
 * Who handles a catalogue procedure that a commune does not (commune_service false),
 * as a short name the assistant can tell a citizen: "Hải quan", "Kho bạc Nhà nước".
 *
 * The rules were written from the catalogue's `field` and `where` values and checked
 * against the reasons in ../shared/data/tthc/commune_service_decisions.tsv (see the
 * tests); they are rules rather than a code list so that new codes in a later catalogue
 * get an agency too.
 */

import { normalizeText } from "./search/normalize.js";
import { RECEIVERS } from "./search/synonyms.js";

/**
 * Who receives a commune procedure, from the first body its `where` names and the
 * receivers of assets/qa/referrals.json ("Công an cấp xã" → Công an xã, which has its own
 * office); null: the commune's one-stop desk.
 */
export function receiverOf(record: {
  where: string | null;
}): { body: string; communeAddress: boolean } | null {
  const first = record.where?.split(/[;,\n]/)[0];
  if (!first) return null;
  const text = normalizeText(first);
  const found = RECEIVERS.find((r) => new RegExp(r.where).test(` ${text} `));
  return found ? { body: found.body, communeAddress: found.communeAddress } : null;
}

interface Rule {
  agency: string;
  field?: RegExp;
  where?: RegExp;
}

/** First match wins. Field rules come first: `where` often lists several bodies. */
const RULES: readonly Rule[] = [
  { agency: "Hải quan", field: /^Hải quan$/ },
  // Not "Chi cục Thuế": since the 2025 reorganisation the catalogue says "Thuế cơ sở"
  // and "Thuế tỉnh, thành phố", and which one depends on the case.
  { agency: "Cơ quan thuế", field: /^Thuế$/ },
  { agency: "Kho bạc Nhà nước", field: /^Kho bạc Nhà nước$/, where: /Kho bạc/i },
  { agency: "Bộ đội Biên phòng", field: /^Quản lý biên giới$/, where: /Biên phòng/i },
  { agency: "Tòa án nhân dân", field: /^Tòa án$/, where: /^Tòa án/i },
  { agency: "Bảo hiểm xã hội", field: /\bBHXH\b|\bBHYT\b/, where: /Bảo hiểm xã hội/i },
  { agency: "Đơn vị quân đội", where: /đại đội|tiểu đoàn|trung đoàn|sư đoàn|Ban Chỉ huy quân sự/i },
  { agency: "Cảng vụ hàng hải", where: /Cảng vụ/i },
  { agency: "Văn phòng đăng ký đất đai", where: /Văn phòng đăng ký đất đai/i },
  { agency: "Công an huyện", where: /Công an huyện/i },
  { agency: "Công an tỉnh", where: /Công an tỉnh/i },
  { agency: "Cục Cảnh sát giao thông", where: /Cục cảnh sát giao thông/i },
  { agency: "Cục Đường bộ Việt Nam", where: /Cục Đường bộ/i },
  { agency: "Sở Xây dựng", where: /Sở Xây dựng/i },
  { agency: "Sở Nông nghiệp và Môi trường", where: /Sở Nông nghiệp và Môi trường/i },
  { agency: "Trung tâm Phục vụ hành chính công tỉnh", where: /Trung tâm Phục vụ hành chính công/i },
  { agency: "Cơ quan do UBND tỉnh chỉ định", where: /do Ủy ban nhân dân cấp tỉnh chỉ định/i },
  { agency: "UBND tỉnh", where: /Ủy ban nhân dân (cấp )?tỉnh/i },
];

/** When `where` is empty or names no body: what the procedure's steps and legal basis say. */
const FIELD_FALLBACK: ReadonlyMap<string, string> = new Map([
  ["Tài chính đất đai", "Cơ quan thuế"],
  ["Quy hoạch đô thị và nông thôn", "UBND tỉnh"],
  ["Hạ tầng kỹ thuật", "UBND cấp có thẩm quyền"],
]);

/** `where` entries that name nobody ("Các cơ quan, tổ chức liên quan"). */
const VAGUE = /^(các cơ quan|cơ quan có thẩm quyền|cơ quan liên quan|người )/i;
const MAX_FALLBACK_LENGTH = 60;

export function agencyFor(record: { field: string | null; where: string | null }): string | null {
  const { field, where } = record;
  for (const rule of RULES) {
    if ((field && rule.field?.test(field)) || (where && rule.where?.test(where))) return rule.agency;
  }
  return (field && FIELD_FALLBACK.get(field)) || firstBody(where);
}

/** The first body `where` lists, when it is short enough to be a name. */
function firstBody(where: string | null): string | null {
  const first = where
    ?.split(/[;\n,]/)[0]
    ?.replace(/^[\s\-+•]+/, "")
    .replace(/\(.*$/, "")
    .trim();
  if (!first || first.length > MAX_FALLBACK_LENGTH || VAGUE.test(first)) return null;
  return first;
}
