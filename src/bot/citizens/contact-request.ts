import { foldVietnamese } from "../../domain/tasks/deadline-phrase.js";

/**
 * "Số điện thoại xã", "xin sđt cán bộ địa chính", "xã có làm thứ 7 không", "địa chỉ UBND ở
 * đâu": the citizen wants to reach the office, not a procedure. Without this the words
 * "địa chính" or "đăng ký" would be searched in the catalogue and match some land or tax
 * procedure. Matched on folded text, so "sdt", "so dien thoai" and "số điện thoại" agree.
 */
const CONTACT_PATTERNS: readonly RegExp[] = [
  /\b(so dien thoai|sdt|dien thoai|hotline|duong day nong|zalo cua)\b/,
  /\bso (cua )?(can bo|chu tich|ubnd|uy ban|xa|phuong|bo phan|mot cua|cong an)\b/,
  /\b(lien he|lien lac|goi cho|gap) (voi )?(can bo|ai|chu tich|ubnd|uy ban|bo phan|xa)\b/,
  /\b(gio lam viec|gio hanh chinh|mo cua|dong cua|nghi trua)\b/,
  /\blam viec (may gio|tu may|thu (7|bay)|chu nhat|ngay nghi|sang|chieu)\b/,
  /\b(co )?lam (viec )?(thu (7|bay)|chu nhat)\b/,
  /\b(dia chi|tru so) (cua )?(ubnd|uy ban|xa|phuong|bo phan|mot cua)\b/,
  /\b(ubnd|uy ban) (xa |phuong )?(o|nam o) dau\b/,
];

/** Changing one's own number in a record is a procedure question, not a contact request. */
const OWN_NUMBER = /\b(cap nhat|doi|thay doi|sua|bo sung|khai) (lai )?(so dien thoai|sdt)\b/;

export function isContactRequest(text: string): boolean {
  const folded = ` ${foldVietnamese(text)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()} `;
  return !OWN_NUMBER.test(folded) && CONTACT_PATTERNS.some((p) => p.test(folded));
}
