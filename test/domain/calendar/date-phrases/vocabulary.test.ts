import { describe, expect, it } from "vitest";
import {
  isPhraseDay,
  QUARTER_NUMBER,
  QUARTER_WORD,
  quarterNumber,
  romanQuarter,
} from "../../../../src/domain/calendar/date-phrases/vocabulary.js";

describe("period vocabulary", () => {
  it("reads quarters in Roman and Arabic numerals, longest numeral first", () => {
    const quarter = new RegExp(`^${QUARTER_WORD} ?${QUARTER_NUMBER}$`);
    expect(["quy iii", "qui 2", "q4", "quy iv"].map((s) => quarterNumber(quarter.exec(s)![1]!))).toEqual([
      3, 2, 4, 4,
    ]);
    expect(romanQuarter(3)).toBe("III");
  });

  it("accepts only real days of plausible years", () => {
    expect(isPhraseDay(2024, 2, 29)).toBe(true);
    expect(isPhraseDay(2023, 2, 29)).toBe(false);
    expect(isPhraseDay(1899, 12, 31)).toBe(false);
    expect(isPhraseDay(2026, 13, 1)).toBe(false);
  });
});
