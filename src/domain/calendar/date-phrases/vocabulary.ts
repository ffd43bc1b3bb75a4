/**
 * The period words both phrase readers share, as regex sources over folded text ("Quý III"
 * → "quy iii"): quarters named by Roman or Arabic numerals, and the days and years a phrase
 * may name. The period maths behind them is in ../periods.ts.
 *
 * What stays apart on purpose: the chat reads years relative to today ("quý 3 năm sau") and
 * a bare year after a period ("tháng 7 2027"); plans write "Tháng 01-2023", "Quý I . 2023"
 * and leave the year to the rest of the phrase. Their year suffixes are their own.
 */
import { daysInMonth } from "../periods.js";

/** "quý", "quí" (an older spelling) or the "Q" of "Q3". */
export const QUARTER_WORD = "(?:quy|qui|q)";

/** A quarter in Roman numerals, longest first so that "iii" is not read as "i". */
export const ROMAN_QUARTER = "iv|iii|ii|i";

/** A quarter's number in either numerals, as one capture group: read it with quarterNumber. */
export const QUARTER_NUMBER = `(${ROMAN_QUARTER}|[1-4])`;

const ROMAN = ["I", "II", "III", "IV"] as const;
const ROMAN_VALUE: Readonly<Record<string, number>> = { i: 1, ii: 2, iii: 3, iv: 4 };

/** The quarter a QUARTER_NUMBER or ROMAN_QUARTER match names: "iii" or "3" → 3. */
export function quarterNumber(numeral: string): number {
  return ROMAN_VALUE[numeral] ?? Number(numeral);
}

/** A quarter as labels write it: 3 → "III" ("Quý III/2026"). */
export function romanQuarter(quarter: number): string {
  return ROMAN[quarter - 1] as string;
}

/** The years a phrase may name; any other number is a typo or something else. */
export function isPhraseYear(year: number): boolean {
  return year >= 1900 && year <= 2199;
}

/** A real day of a month of a year a phrase may name ("31/02" is not one). */
export function isPhraseDay(year: number, month: number, day: number): boolean {
  return isPhraseYear(year) && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}
