import { describe, expect, it } from "vitest";
import { vietnamWorkingCalendar } from "../../../src/domain/calendar/vietnam-holidays.js";
import { zonedInstant } from "../../../src/domain/calendar/working-days.js";
import { dossierDueAt, MAX_PROCESSING_DAYS } from "../../../src/domain/dossiers/due-time.js";

/** Wall-clock time in Việt Nam. */
const at = (day: string, hh: number, mm = 0) => zonedInstant(day, hh, mm);
/** The national defaults (data file and rules): what a database with no national rows counts with. */
const calendar = vietnamWorkingCalendar();
const due = (received: Date, days: number | null | undefined) => dossierDueAt(calendar, received, days);

describe("dossierDueAt", () => {
  describe("across the solar new year", () => {
    it("received 30/12/2026 with 5 working days: 1/1/2027 is skipped", () => {
      // Thu 31/12 (1), Fri 1/1 off, weekend, Mon 4/1 (2) … Thu 7/1 (5).
      expect(due(at("2026-12-30", 10), 5)).toEqual(at("2027-01-07", 17));
    });

    it("received 30/12/2027: 1/1/2028 is a Saturday, so its nghỉ bù Monday 3/1 is skipped too", () => {
      // Fri 31/12 (1), Sat 1/1, Sun 2/1, Mon 3/1 nghỉ bù, Tue 4/1 (2) … Fri 7/1 (5).
      expect(due(at("2027-12-30", 14), 5)).toEqual(at("2028-01-07", 17));
    });

    it("counts on from December into Tết of the next lunar year (Tết Mậu Thân, off 25/1–31/1/2028)", () => {
      // 31/12 (1), 4/1–7/1 (2–5), 10/1–14/1 (6–10), 17/1–21/1 (11–15), Mon 24/1 (16),
      // Tue 25/1–Sat 29/1 Tết, Mon 31/1 nghỉ bù for mùng 4 on Saturday, Tue 1/2 (17) … Fri 4/2 (20).
      expect(due(at("2027-12-30", 9), 20)).toEqual(at("2028-02-04", 17));
      expect(due(at("2027-12-30", 9), 16)).toEqual(at("2028-01-24", 17));
      expect(due(at("2027-12-30", 9), 17)).toEqual(at("2028-02-01", 17));
    });
  });

  it("counts a make-up Saturday (làm bù) as a working day", () => {
    // 2025: Friday 2/5 off in exchange for Saturday 26/4.
    expect(due(at("2025-04-25", 9), 1)).toEqual(at("2025-04-26", 17));
    // Half a day received on the làm bù Saturday morning: due that afternoon.
    expect(due(at("2025-04-26", 9), 0.5)).toEqual(at("2025-04-26", 17));
    // 2024: Monday 29/4 off in exchange for Saturday 4/5.
    expect(due(at("2024-05-03", 9), 1)).toEqual(at("2024-05-04", 17));
    // An ordinary Saturday is not counted.
    expect(due(at("2025-05-09", 9), 1)).toEqual(at("2025-05-12", 17));
  });

  it("runs over month, quarter and year ends", () => {
    // Month end: Fri 28/2/2025 afternoon + 2 → Mon 3/3 (1), Tue 4/3 (2).
    expect(due(at("2025-02-28", 16), 2)).toEqual(at("2025-03-04", 17));
    // Quarter end: Mon 30/6/2025 + 3 → 1/7, 2/7, 3/7.
    expect(due(at("2025-06-30", 10), 3)).toEqual(at("2025-07-03", 17));
    // Into Quốc khánh at the month end: Tue 26/8/2025 + 4 → 27, 28, 29/8, then 1–2/9 off → Wed 3/9.
    expect(due(at("2025-08-26", 10), 3)).toEqual(at("2025-08-29", 17));
    expect(due(at("2025-08-26", 10), 4)).toEqual(at("2025-09-03", 17));
    // Year end: Wed 31/12/2025 + 2 → 1/1 off, Fri 2/1 (1), Mon 5/1 (2).
    expect(due(at("2025-12-31", 15), 2)).toEqual(at("2026-01-05", 17));
  });

  describe("received on the eve of a holiday", () => {
    it("the afternoon before Tết Ất Tỵ (off 25/1–2/2/2025)", () => {
      expect(due(at("2025-01-24", 15, 30), 0.5)).toEqual(at("2025-02-03", 11, 30));
      expect(due(at("2025-01-24", 15, 30), 1)).toEqual(at("2025-02-03", 17));
      // The morning of the same day still leaves the afternoon.
      expect(due(at("2025-01-24", 9), 0.5)).toEqual(at("2025-01-24", 17));
    });

    it("the afternoon before 30/4–1/5", () => {
      // 2025: 30/4, 1/5 and the swapped 2/5 off, then the weekend.
      expect(due(at("2025-04-29", 16), 1)).toEqual(at("2025-05-05", 17));
      expect(due(at("2025-04-29", 16), 0.5)).toEqual(at("2025-05-05", 11, 30));
      // 2026: Thursday 30/4 and Friday 1/5 off.
      expect(due(at("2026-04-29", 15), 2)).toEqual(at("2026-05-05", 17));
    });
  });

  describe("received on a holiday", () => {
    it("counts from the next working day", () => {
      // Mùng 1 Tết Bính Ngọ (Tue 17/2/2026): off until Fri 20/2, weekend → Mon 23/2 is day 1.
      expect(due(at("2026-02-17", 9), 1)).toEqual(at("2026-02-23", 17));
      expect(due(at("2026-02-17", 9), 0.5)).toEqual(at("2026-02-23", 11, 30));
      // Quốc khánh (Tue 2/9/2025) + 3 → 3/9, 4/9, 5/9.
      expect(due(at("2025-09-02", 10), 3)).toEqual(at("2025-09-05", 17));
    });
  });

  it("half-day procedures: morning → 17:00 the same day, afternoon → 11:30 the next working day", () => {
    expect(due(at("2025-03-04", 11, 59), 0.5)).toEqual(at("2025-03-04", 17));
    expect(due(at("2025-03-04", 12), 0.5)).toEqual(at("2025-03-05", 11, 30));
    // Catalogue times in hours (0.25 day = 2 hours) follow the half-day rule.
    expect(due(at("2025-03-04", 8), 0.25)).toEqual(at("2025-03-04", 17));
    // Friday afternoon → Monday morning.
    expect(due(at("2025-03-07", 14), 0.5)).toEqual(at("2025-03-10", 11, 30));
  });

  it("0 days (trả ngay) is due at receipt", () => {
    expect(due(at("2025-03-04", 10, 17), 0)).toEqual(at("2025-03-04", 10, 17));
  });

  it("is null for a missing or invalid processing time, so the import can report the row", () => {
    const received = at("2025-03-04", 10);
    for (const days of [null, undefined, Number.NaN, -1, Infinity, MAX_PROCESSING_DAYS + 1]) {
      expect(due(received, days)).toBeNull();
    }
    expect(due(received, MAX_PROCESSING_DAYS)).toBeInstanceOf(Date);
  });

  it("throws for an invalid receipt instant instead of guessing one", () => {
    expect(() => due(new Date(Number.NaN), 3)).toThrow(RangeError);
  });
});
