import { describe, expect, it } from "vitest";
import {
  type RecurrenceWord,
  summariseDeadline,
} from "../../../../src/domain/calendar/date-phrases/index.js";

/**
 * Deadline phrases as the seed documents write them (shared/seeds: 002 the appendix of
 * Kế hoạch 11/KH-UBND xã Triệu An 2023; 004 Kế hoạch CCHC phường Chánh Lộ 2024; 000, 001 and
 * 003 the commune plans and reports around them), with the plan year they were written for.
 * Each expected day is the last day still on time.
 */
type Case = [
  source: string,
  phrase: string,
  year: number,
  dueDates: string[],
  recurrence: RecurrenceWord | null,
];
const NOT_UNDERSTOOD = "not understood";
type Unknown = [source: string, phrase: string, year: number, verdict: typeof NOT_UNDERSTOOD];

const months = (year: number) =>
  [31, year % 4 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31].map(
    (days, i) => `${year}-${String(i + 1).padStart(2, "0")}-${days}`,
  );
const quarters = (year: number) => [`${year}-03-31`, `${year}-06-30`, `${year}-09-30`, `${year}-12-31`];

const understood: Case[] = [
  // 002, the appendix's "Thời gian hoàn thành" column, every distinct phrase.
  ["002", "Thường xuyên", 2023, [], "ongoing"],
  ["002", "Tháng 01/2023", 2023, ["2023-01-31"], null],
  ["002", "Năm 2023", 2023, ["2023-12-31"], null],
  ["002", "01/2023", 2023, ["2023-01-31"], null],
  ["002", "Quý II và Quý IV", 2023, ["2023-06-30", "2023-12-31"], null],
  ["002", "Tháng 5 và tháng 11/2023", 2023, ["2023-05-31", "2023-11-30"], null],
  ["002", "Trước 01/2023", 2023, ["2022-12-31"], null],
  ["002", "Quý I/2023", 2023, ["2023-03-31"], null],
  ["002", "Quý II và IV", 2023, ["2023-06-30", "2023-12-31"], null],
  ["002", "Quý IV", 2023, ["2023-12-31"], null],
  // "hoặc": the later bound; "đầu quý" is its first ten days.
  ["002", "Cuối Quý II hoặc đầu Quý III", 2023, ["2023-07-10"], null],
  // 004, "Thời gian thực hiện / hoàn thành" of each task.
  ["004", "Thường xuyên trong năm.", 2024, [], "ongoing"],
  ["004", "Chậm nhất là ngày 31/01/2024.", 2024, ["2024-01-31"], null],
  [
    "004",
    "Quyết định công bố chậm nhất ngày 01/3/2024; Báo cáo kết quả hệ thống hóa chậm nhất ngày 20/02/2024.",
    2024,
    ["2024-02-20", "2024-03-01"],
    null,
  ],
  // The plan's own deadline is the named quarter; "định kỳ báo cáo" names no period.
  ["004", "Quý I/2024 ban hành các Kế hoạch; định kỳ báo cáo kết quả thực hiện.", 2024, ["2024-03-31"], null],
  [
    "004",
    "Quý I năm 2024 ban hành kế hoạch; định kỳ báo cáo kết quả thực hiện theo quy định.",
    2024,
    ["2024-03-31"],
    null,
  ],
  ["004", "Quý I năm 2024 ban hành Kế hoạch; định kỳ báo cáo kết quả thực hiện.", 2024, ["2024-03-31"], null],
  ["004", "Định kỳ hàng tháng trong năm.", 2024, months(2024), "monthly"],
  ["004", "Niêm yết thường xuyên trong năm.", 2024, [], "ongoing"],
  ["004", "Thường xuyên trong năm; báo cáo kết quả thực hiện.", 2024, [], "ongoing"],
  ["004", "Tự kiểm tra định kỳ hoặc kiểm tra đột xuất.", 2024, [], "ongoing"],
  ["004", "Hoàn thành trong năm 2024.", 2024, ["2024-12-31"], null],
  ["004", "Đầu năm 2024.", 2024, ["2024-01-31"], null],
  ["004", "Quý I năm 2024.", 2024, ["2024-03-31"], null],
  ["004", "Quý IV năm 2024.", 2024, ["2024-12-31"], null],
  // "định kỳ hàng quý, 6 tháng, năm tổng hợp báo cáo": the half-year and year fall on quarter ends.
  ["004", "Định kỳ hàng quý, 6 tháng, năm", 2024, quarters(2024), "quarterly"],
  // 000, the deadlines it sets for 2024.
  ["000", "trước ngày 15/12/2024", 2024, ["2024-12-14"], null],
  ["000", "trước ngày 31/08/2024", 2024, ["2024-08-30"], null],
  ["000", "Thường xuyên khi có thay đổi, biến động", 2024, [], "ongoing"],
  // 001 and 003, the reports' periods.
  ["001", "Định kỳ hàng tháng", 2024, months(2024), "monthly"],
  ["001", "Hàng tháng", 2024, months(2024), "monthly"],
  ["001", "hàng quý", 2024, quarters(2024), "quarterly"],
  ["001", "trong Quý I", 2024, ["2024-03-31"], null],
  ["001", "định kỳ năm 2024", 2024, ["2024-12-31"], null],
  ["001", "hàng năm", 2024, ["2024-12-31"], "yearly"],
  ["003", "6 tháng đầu năm 2023", 2023, ["2023-06-30"], null],
  ["003", "quý 4/2023", 2023, ["2023-12-31"], null],
  ["003", "từ ngày 10/11/2022 đến hết ngày 10/11/2023", 2023, ["2023-11-10"], null],
  // Half-yearly, as the issue names it.
  ["issue", "6 tháng một lần", 2024, ["2024-06-30", "2024-12-31"], "half-yearly"],
  ["issue", "Định kỳ 6 tháng", 2024, ["2024-06-30", "2024-12-31"], "half-yearly"],
];

/** Phrases that name no day: the task imports without a deadline and the operator is told. */
const notUnderstood: Unknown[] = [
  [
    "004",
    "Theo thời hạn quy định tại kế hoạch theo dõi thi hành pháp luật của phường; định kỳ báo cáo kết quả thực hiện theo quy định.",
    2024,
    NOT_UNDERSTOOD,
  ],
  [
    "004",
    "Theo quy định của Chính phủ và hướng dẫn của Phòng Thông tin và Truyền thông.",
    2024,
    NOT_UNDERSTOOD,
  ],
  ["004", "theo thời gian quy định của UBND thành phố.", 2024, NOT_UNDERSTOOD],
  ["004", "Báo cáo kết quả thực hiện.", 2024, NOT_UNDERSTOOD],
];

describe("deadline phrases of the seed plans", () => {
  it("has at least 40 phrases", () => {
    expect(understood.length + notUnderstood.length).toBeGreaterThanOrEqual(40);
  });

  it.each(understood)("%s: %s (%i)", (_source, phrase, year, dueDates, recurrence) => {
    expect(summariseDeadline(phrase, year)).toEqual({
      text: phrase,
      dueDates,
      recurrence,
      understood: true,
    });
  });

  it.each(notUnderstood)("%s: %s (%i) is %s", (_source, phrase, year) => {
    expect(summariseDeadline(phrase, year)).toEqual({
      text: phrase,
      dueDates: [],
      recurrence: null,
      understood: false,
    });
  });

  it("keeps the deadline a continuous phrase also names", () => {
    expect(summariseDeadline("Thường xuyên; báo cáo Quý II", 2024)).toMatchObject({
      dueDates: ["2024-06-30"],
      understood: true,
    });
    expect(summariseDeadline("Thường xuyên, cuối năm báo cáo", 2024).dueDates).toEqual(["2024-12-31"]);
  });
});
