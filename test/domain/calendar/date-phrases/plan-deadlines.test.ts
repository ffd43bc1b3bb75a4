import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  dueInstant,
  type ParsedDeadline,
  parseDeadlinePhrase,
} from "../../../../src/domain/calendar/date-phrases/index.js";
import { foldVietnamese } from "../../../../src/domain/text/vietnamese.js";

type Expected = [
  phrase: string,
  planYear: number,
  kind: ParsedDeadline["kind"],
  recurrence: ParsedDeadline["recurrence"],
  deadlines: [dueOn: string, label: string][],
];

const cases: Expected[] = [
  ["Thường xuyên", 2023, "continuous", "continuous", []],
  ["Tháng 01/2023", 2023, "period", "none", [["2023-01-31", "Tháng 01/2023"]]],
  ["01/2023", 2023, "period", "none", [["2023-01-31", "Tháng 01/2023"]]],
  ["Năm 2023", 2023, "period", "none", [["2023-12-31", "Năm 2023"]]],
  ["Quý I/2023", 2023, "period", "none", [["2023-03-31", "Quý I/2023"]]],
  [
    "Quý II và Quý IV",
    2023,
    "multiple",
    "multiple",
    [
      ["2023-06-30", "Quý II/2023"],
      ["2023-12-31", "Quý IV/2023"],
    ],
  ],
  ["Quý IV", 2023, "period", "none", [["2023-12-31", "Quý IV/2023"]]],
  [
    "Tháng 5 và tháng 11/2023",
    2023,
    "multiple",
    "multiple",
    [
      ["2023-05-31", "Tháng 05/2023"],
      ["2023-11-30", "Tháng 11/2023"],
    ],
  ],
  // "Trước" is strict: before month 01/2023 starts.
  ["Trước 01/2023", 2023, "date", "none", [["2022-12-31", "Trước tháng 01/2023"]]],
  // "hoặc" → the later bound; "đầu quý" = its first 10 days.
  ["Cuối Quý II hoặc đầu Quý III", 2023, "period", "none", [["2023-07-10", "Đầu Quý III/2023"]]],
  ["chậm nhất ngày 31/01/2024", 2024, "date", "none", [["2024-01-31", "31/01/2024"]]],
  ["trước ngày 15/12/2024", 2024, "date", "none", [["2024-12-14", "Trước 15/12/2024"]]],
  ["6 tháng đầu năm", 2024, "period", "none", [["2024-06-30", "6 tháng đầu năm 2024"]]],
  ["Quý III/2024", 2024, "period", "none", [["2024-09-30", "Quý III/2024"]]],
  ["tháng 6/2024", 2024, "period", "none", [["2024-06-30", "Tháng 06/2024"]]],
  ["ngày 5 tháng 7", 2024, "date", "none", [["2024-07-05", "05/07/2024"]]],
  ["Trước 15/12", 2024, "date", "none", [["2024-12-14", "Trước 15/12/2024"]]],
  ["15/12/2024", 2024, "date", "none", [["2024-12-15", "15/12/2024"]]],
  ["Trong năm 2024", 2024, "period", "none", [["2024-12-31", "Năm 2024"]]],
  ["Theo yêu cầu", 2024, "continuous", "continuous", []],
  ["Khi có yêu cầu", 2024, "continuous", "continuous", []],
  // Arabic quarter numbers, "Q3", lists, other years, extra spacing.
  ["quý 3", 2024, "period", "none", [["2024-09-30", "Quý III/2024"]]],
  ["Q3", 2024, "period", "none", [["2024-09-30", "Quý III/2024"]]],
  ["Quý IV năm 2025", 2024, "period", "none", [["2025-12-31", "Quý IV/2025"]]],
  ["  Quý  I / 2024 ", 2023, "period", "none", [["2024-03-31", "Quý I/2024"]]],
  [
    "Quý II, IV",
    2024,
    "multiple",
    "multiple",
    [
      ["2024-06-30", "Quý II/2024"],
      ["2024-12-31", "Quý IV/2024"],
    ],
  ],
  ["Cuối năm", 2024, "period", "none", [["2024-12-31", "Cuối năm 2024"]]],
  ["Hằng năm", 2024, "period", "yearly", [["2024-12-31", "Năm 2024"]]],
  ["Từ tháng 3 đến tháng 5", 2024, "period", "none", [["2024-05-31", "Tháng 05/2024"]]],
  ["29/02", 2024, "date", "none", [["2024-02-29", "29/02/2024"]]],
  // The year says how long the work goes on, not when it is due.
  ["Thường xuyên trong năm", 2024, "continuous", "continuous", []],
  [
    "Định kỳ 6 tháng",
    2024,
    "multiple",
    "half-yearly",
    [
      ["2024-06-30", "6 tháng đầu năm 2024"],
      ["2024-12-31", "Năm 2024"],
    ],
  ],
];

/** Fragments of real phrases, recombined at random by the robustness property. */
const WORDS = (
  "quý|Quý I|II|iv|tháng|5|12/2024|15/12|năm|2024|và|hoặc|,|-|trước|chậm nhất|đầu|cuối|giữa|" +
  "ngày|hằng|6 tháng đầu năm|31/02|Q3|thường xuyên|sau"
).split("|");

describe("parseDeadlinePhrase", () => {
  it.each(cases)("%s (plan %i)", (phrase, planYear, kind, recurrence, deadlines) => {
    const parsed = parseDeadlinePhrase(phrase, planYear);
    expect(parsed.kind).toBe(kind);
    expect(parsed.recurrence).toBe(recurrence);
    expect(parsed.deadlines.map((d) => [d.dueOn, d.label])).toEqual(deadlines);
    expect(parsed.text).toBe(phrase.normalize("NFC").trim());
  });

  it.each(["Hằng tháng", "hàng tháng", "HẰNG THÁNG", "hang thang"])("%s → 12 month ends", (p) => {
    const parsed = parseDeadlinePhrase(p, 2024);
    expect(parsed.kind).toBe("multiple");
    expect(parsed.recurrence).toBe("monthly");
    expect(parsed.deadlines).toHaveLength(12);
    expect(parsed.deadlines[0]).toEqual({ dueOn: "2024-01-31", label: "Tháng 01/2024" });
    expect(parsed.deadlines[1]?.dueOn).toBe("2024-02-29");
    expect(parsed.deadlines[11]?.dueOn).toBe("2024-12-31");
  });

  it("Trước ngày 20 hằng tháng → the 19th of every month", () => {
    const parsed = parseDeadlinePhrase("Trước ngày 20 hằng tháng", 2024);
    expect(parsed.recurrence).toBe("monthly");
    expect(parsed.deadlines.map((d) => d.dueOn.slice(5))).toEqual(
      Array.from({ length: 12 }, (_, i) => `${String(i + 1).padStart(2, "0")}-19`),
    );
  });

  it.each(["Hằng quý", "Định kỳ hằng quý", "hàng quý", "dinh ky hang quy"])("%s → 4 quarter ends", (p) => {
    const parsed = parseDeadlinePhrase(p, 2024);
    expect(parsed.kind).toBe("multiple");
    expect(parsed.recurrence).toBe("quarterly");
    expect(parsed.deadlines).toEqual([
      { dueOn: "2024-03-31", label: "Quý I/2024" },
      { dueOn: "2024-06-30", label: "Quý II/2024" },
      { dueOn: "2024-09-30", label: "Quý III/2024" },
      { dueOn: "2024-12-31", label: "Quý IV/2024" },
    ]);
  });

  it.each([
    ["quy I/2024", "Quý I/2024"],
    ["QUÝ I/2024", "Quý I/2024"],
    ["thuong xuyen", "Thường xuyên"],
    ["cham nhat ngay 31/01/2024", "chậm nhất ngày 31/01/2024"],
    ["truoc 01/2023", "Trước 01/2023"],
    ["cuoi quy ii hoac dau quy iii", "Cuối Quý II hoặc đầu Quý III"],
    ["6 thang dau nam", "6 tháng đầu năm"],
    ["Dinh ky hang quy", "Định kỳ hằng quý"],
    ["khi co yeu cau", "Khi có yêu cầu"],
  ])("%s parses like %s", (folded, accented) => {
    const a = parseDeadlinePhrase(folded, 2023);
    const b = parseDeadlinePhrase(accented, 2023);
    expect({ ...a, text: "" }).toEqual({ ...b, text: "" });
    expect(a.kind).not.toBe("unknown");
  });

  it("treats decomposed (NFD) input like NFC input", () => {
    const nfd = "Quý II và Quý IV".normalize("NFD");
    const parsed = parseDeadlinePhrase(nfd, 2023);
    expect(parsed.text).toBe("Quý II và Quý IV");
    expect(parsed.deadlines).toHaveLength(2);
  });

  it.each(["", "   ", "abc", "Sau khi có hướng dẫn của huyện", "Tháng 13/2023", "31/02/2024", "29/02"])(
    "%j → unknown",
    (p) => {
      const parsed = parseDeadlinePhrase(p, 2023);
      expect(parsed.kind).toBe("unknown");
      expect(parsed.recurrence).toBe("none");
      expect(parsed.deadlines).toEqual([]);
    },
  );

  it("never throws and always returns valid, sorted, unique days", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(fc.constantFrom(...WORDS), { maxLength: 8 }).map((w) => w.join(" ")),
        ),
        fc.integer({ min: 2000, max: 2100 }),
        (text, planYear) => {
          const parsed = parseDeadlinePhrase(text, planYear);
          const days = parsed.deadlines.map((d) => d.dueOn);
          for (const d of days) {
            expect(d).toMatch(/^\d{4}-\d{2}-\d{2}$/);
            expect(Number.isNaN(new Date(`${d}T00:00:00Z`).getTime())).toBe(false);
            expect(new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10)).toBe(d);
          }
          expect(days).toEqual([...new Set(days)].sort());
          if (parsed.kind === "unknown" || parsed.kind === "continuous") expect(days).toEqual([]);
          if (parsed.kind === "multiple") expect(days.length).toBeGreaterThan(1);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("foldVietnamese", () => {
  it("lower-cases and removes diacritics including đ", () => {
    expect(foldVietnamese("  ĐỊNH KỲ   Hằng Quý ")).toBe("dinh ky hang quy");
  });
});

describe("dueInstant", () => {
  it("is 17:00 in Việt Nam (10:00 UTC)", () => {
    expect(dueInstant("2024-12-31").toISOString()).toBe("2024-12-31T10:00:00.000Z");
  });
});
