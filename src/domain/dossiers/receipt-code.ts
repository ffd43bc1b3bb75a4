/**
 * Finding a dossier by what someone typed of its receipt code: the whole code (case and
 * spaces ignored), or the "yymmdd-NNNN" tail people read out ("261121-3" works too) when
 * exactly one dossier ends with it. One rule for officials and citizens; each caller adds
 * its own scope and selection through `find`.
 */

/**
 * "261121-0003" in "000.00.21.H45-261121-0003", with what was typed before it ("H45-");
 * the sequence may be typed without its zeros, and has up to five digits.
 */
const RECEIPT_TAIL = /^(.*?)(\d{6})-(\d{1,5})$/;

export type ReceiptCodeFilter = { in: string[] } | { endsWith: string };

export type ReceiptLookup<T> = { ok: true; dossier: T } | { ok: false; reason: "not_found" | "ambiguous" };

export async function lookUpReceiptCode<T extends { receiptCode: string }>(
  code: string,
  find: (receiptCode: ReceiptCodeFilter, take: number) => Promise<T[]>,
): Promise<ReceiptLookup<T>> {
  const typed = code.trim().replace(/\s+/g, "");
  if (typed === "") return { ok: false, reason: "not_found" };
  const [exact] = await find({ in: [...new Set([typed, typed.toUpperCase()])] }, 1);
  if (exact) return { ok: true, dossier: exact };
  const tailMatch = RECEIPT_TAIL.exec(typed);
  const prefix = tailMatch?.[1] ?? "";
  // "0260608-0005" is not a tail of "…-260608-0005".
  if (!tailMatch || /\d$/.test(prefix)) return { ok: false, reason: "not_found" };
  const tail = `${tailMatch[2]}-${tailMatch[3]!.padStart(4, "0")}`;
  // endsWith is a LIKE: keep codes where the tail really is the last "yymmdd-NNNN" part,
  // preceded by what was typed before it ("H46-…" does not find an H45 dossier).
  const typedEnd = `${prefix}${tail}`.toUpperCase();
  const matches = (await find({ endsWith: tail }, 10)).filter(
    (d) =>
      (d.receiptCode === tail || d.receiptCode.endsWith(`-${tail}`) || d.receiptCode.endsWith(`.${tail}`)) &&
      d.receiptCode.toUpperCase().endsWith(typedEnd),
  );
  if (matches.length === 1) return { ok: true, dossier: matches[0]! };
  return { ok: false, reason: matches.length === 0 ? "not_found" : "ambiguous" };
}
