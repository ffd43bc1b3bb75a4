import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  lastDayOfLunarYear,
  lunarMonthLength,
  lunarNewYear,
  lunarToSolar,
  solarToLunar,
} from "../../../src/domain/calendar/lunar.js";
import { addCalendarDays } from "../../../src/domain/calendar/working-days.js";

describe("lunarToSolar", () => {
  it.each([
    [2020, "2020-01-25"],
    [2021, "2021-02-12"],
    [2022, "2022-02-01"],
    [2023, "2023-01-22"],
    [2024, "2024-02-10"],
    [2025, "2025-01-29"],
    [2026, "2026-02-17"],
    [2027, "2027-02-06"],
  ])("Tết (lunar 1/1/%i) is %s", (year, expected) => {
    expect(lunarToSolar({ year, month: 1, day: 1 })).toBe(expected);
    expect(lunarNewYear(year)).toBe(expected);
  });

  it.each([
    [2022, "2022-04-10"],
    [2023, "2023-04-29"],
    [2024, "2024-04-18"],
    [2025, "2025-04-07"],
    [2026, "2026-04-26"],
  ])("Giỗ Tổ Hùng Vương (lunar 10/3/%i) is %s", (year, expected) => {
    expect(lunarToSolar({ year, month: 3, day: 10 })).toBe(expected);
  });

  it("computes at UTC+7, where Việt Nam differs from China (UTC+8)", () => {
    expect(lunarNewYear(1985)).toBe("1985-01-21");
    expect(lunarNewYear(1985, 8)).toBe("1985-02-20");
    expect(lunarNewYear(2007)).toBe("2007-02-17");
    expect(lunarNewYear(2007, 8)).toBe("2007-02-18");
  });

  it("knows the last day of the lunar year (30 or 29 tháng Chạp)", () => {
    // Quý Mão had a 30 Tết (9/2/2024); Giáp Thìn ended on 29 tháng Chạp (28/1/2025).
    expect(lastDayOfLunarYear(2023)).toBe("2024-02-09");
    expect(lunarMonthLength(2023, 12)).toBe(30);
    expect(lastDayOfLunarYear(2024)).toBe("2025-01-28");
    expect(lunarMonthLength(2024, 12)).toBe(29);
    expect(() => lunarToSolar({ year: 2024, month: 12, day: 30 })).toThrow(RangeError);
  });

  it("handles leap months (2023: nhuận tháng 2, 2025: nhuận tháng 6)", () => {
    expect(lunarToSolar({ year: 2023, month: 2, day: 1, leap: true })).toBe("2023-03-22");
    expect(lunarToSolar({ year: 2023, month: 3, day: 1 })).toBe("2023-04-20");
    expect(lunarToSolar({ year: 2025, month: 6, day: 1, leap: true })).toBe("2025-07-25");
    expect(() => lunarToSolar({ year: 2024, month: 2, day: 1, leap: true })).toThrow(RangeError);
    expect(() => lunarToSolar({ year: 2023, month: 3, day: 1, leap: true })).toThrow(RangeError);
  });

  it("round-trips with solarToLunar", () => {
    const base = "1950-01-01";
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 150 }), (offset) => {
        const day = addCalendarDays(base, offset);
        expect(lunarToSolar(solarToLunar(day))).toBe(day);
      }),
      { numRuns: 300 },
    );
  });
});
