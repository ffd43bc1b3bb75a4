/**
 * Dossier receipt codes ("mã hồ sơ") as printed on the receipt of the one-stop shop:
 * "000.00.21.H45-260213-0001" = agency code, receipt day (yymmdd), sequence number.
 * Officials often type only the tail ("H45-260213-0001", "260213-0001").
 */

const RECEIPT_CODE =
  /(?<![A-Za-z0-9.-])((?:[A-Za-z0-9]+\.)*[A-Za-z0-9]+-)?(\d{2})(\d{2})(\d{2})-(\d{3,5})(?![A-Za-z0-9])/g;

/** The first receipt code in `text`, as written but trimmed and upper-cased. */
export function findReceiptCode(text: string): string | undefined {
  for (const m of text.normalize("NFC").matchAll(RECEIPT_CODE)) {
    const [month, day] = [Number(m[3]), Number(m[4])];
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31) return m[0].toUpperCase();
  }
  return undefined;
}
