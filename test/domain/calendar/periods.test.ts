import { describe, expect, it } from "vitest";
import {
  addCalendarMonths,
  daysInMonth,
  halfYearDays,
  monthDays,
  monthsDays,
  quarterDays,
  quarterOfDay,
  shiftMonth,
  shiftQuarter,
  weekDays,
  yearDays,
} from "../../../src/domain/calendar/periods.js";

describe("calendar periods as days", () => {
  it("spans months, quarters, half-years and years, leap years included", () => {
    expect(monthDays(2024, 2)).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(monthDays(2023, 2)).toEqual({ from: "2023-02-01", to: "2023-02-28" });
    expect(quarterDays(2026, 3)).toEqual({ from: "2026-07-01", to: "2026-09-30" });
    expect(halfYearDays(2026, 1)).toEqual({ from: "2026-01-01", to: "2026-06-30" });
    expect(halfYearDays(2026, 2)).toEqual({ from: "2026-07-01", to: "2026-12-31" });
    expect(monthsDays(2026, 10, 12)).toEqual({ from: "2026-10-01", to: "2026-12-31" });
    expect(yearDays(2027)).toEqual({ from: "2027-01-01", to: "2027-12-31" });
    expect(daysInMonth(2100, 2)).toBe(28);
  });

  it("keeps two-digit years (the Date constructor would read 50 as 1950)", () => {
    expect(halfYearDays(50, 1)).toEqual({ from: "0050-01-01", to: "0050-06-30" });
  });

  it("finds the quarter and the Monday–Sunday week of a day", () => {
    expect(quarterOfDay("2026-11-18")).toBe(4);
    expect(weekDays("2026-11-18")).toEqual({ from: "2026-11-16", to: "2026-11-22" });
    expect(weekDays("2026-11-22")).toEqual({ from: "2026-11-16", to: "2026-11-22" });
  });

  it("moves by months and quarters across years, clamping to the month's last day", () => {
    expect(shiftMonth("2026-12-31", 1)).toEqual([2027, 1]);
    expect(shiftQuarter("2026-01-15", -1)).toEqual([2025, 4]);
    expect(addCalendarMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addCalendarMonths("2024-03-31", -1)).toBe("2024-02-29");
  });
});
