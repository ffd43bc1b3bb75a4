import { foldVietnamese } from "../text/vietnamese.js";

/**
 * Whether a procedure's fee text ("Lệ phí: 8.000 đồng", "Trực tiếp: Không có thông tin",
 * "Miễn lệ phí") names an amount to pay: the procedures "có yêu cầu nghĩa vụ tài chính"
 * that the online-payment figures (PAR 3.12) are counted over.
 */
export function isFeeBearing(fees: string | null | undefined): boolean {
  if (!fees) return false;
  const folded = foldVietnamese(fees);
  return /[1-9][\d.,]*\s*(?:dong|vnd|d\b|%)/.test(folded);
}
