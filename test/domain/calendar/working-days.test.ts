import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { vietnamWorkingCalendar } from "../../../src/domain/calendar/vietnam-holidays.js";
import { dayKey, WorkingCalendar, zonedInstant } from "../../../src/domain/calendar/working-days.js";

/** Local Asia/Ho_Chi_Minh wall-clock instant. */
const at = (day: string, hh: number, mm = 0) => zonedInstant(day, hh, mm);

const cal = vietnamWorkingCalendar();

describe("dayKey", () => {
  it("uses the Asia/Ho_Chi_Minh day, not the UTC day", () => {
    expect(dayKey(new Date("2025-01-24T16:59:59Z"))).toBe("2025-01-24");
    expect(dayKey(new Date("2025-01-24T17:00:00Z"))).toBe("2025-01-25");
    expect(dayKey(new Date("2025-01-24T17:00:00Z"), "UTC")).toBe("2025-01-24");
  });

  it("zonedInstant builds local wall-clock times", () => {
    expect(at("2025-02-05", 17).toISOString()).toBe("2025-02-05T10:00:00.000Z");
  });
});

describe("isWorkingDay", () => {
  it("Mon–Fri are working days, weekends and holidays are not", () => {
    expect(cal.isWorkingDay("2025-03-03")).toBe(true); // Monday
    expect(cal.isWorkingDay("2025-03-08")).toBe(false); // Saturday
    expect(cal.isWorkingDay("2025-03-09")).toBe(false); // Sunday
    expect(cal.isWorkingDay("2025-01-29")).toBe(false); // mùng 1 Tết
    expect(cal.isWorkingDay("2025-01-27")).toBe(false); // nghỉ bù Tết
    expect(cal.isWorkingDay("2026-04-27")).toBe(false); // nghỉ bù Giỗ Tổ
  });

  it("a working_day row makes a Saturday a working day", () => {
    expect(cal.isWorkingDay("2025-04-26")).toBe(true);
    expect(cal.isWorkingDay("2024-05-04")).toBe(true);
    expect(cal.isWorkingDay("2025-05-02")).toBe(false); // the swapped Friday
  });

  it("loads national holidays of any year on demand and adds extra rows", () => {
    const withExtra = vietnamWorkingCalendar([
      { date: "2031-03-05", name: "Nghỉ theo quyết định của tỉnh", kind: "holiday" },
    ]);
    expect(withExtra.isWorkingDay("2031-03-05")).toBe(false);
    expect(withExtra.isWorkingDay("2031-09-02")).toBe(false);
    expect(cal.isWorkingDay("2031-03-05")).toBe(true);
  });

  it("a plain calendar only knows its rows; working_day wins over holiday", () => {
    const plain = new WorkingCalendar([
      { date: "2025-01-29", name: "X", kind: "holiday" },
      { date: "2025-09-01", name: "Quốc khánh", kind: "holiday" },
      { date: "2025-09-01", name: "Đính chính", kind: "working_day" },
    ]);
    expect(plain.isWorkingDay("2025-01-29")).toBe(false);
    expect(plain.isWorkingDay("2025-01-30")).toBe(true);
    expect(plain.isWorkingDay("2025-09-01")).toBe(true);
  });

  it("rejects malformed days", () => {
    expect(() => cal.isWorkingDay("2025-02-30")).toThrow(RangeError);
    expect(() => new WorkingCalendar([{ date: "1/1/2025", name: "x", kind: "holiday" }])).toThrow(RangeError);
  });
});

describe("addWorkingDays", () => {
  it("counts from the next working day and is due at 17:00 of the N-th", () => {
    // Received Monday 10:00, 3 days → Tue, Wed, Thu.
    expect(cal.addWorkingDays(at("2025-03-03", 10), 3)).toEqual(at("2025-03-06", 17));
  });

  it("Friday afternoon + 3 working days across Tết 2025 (off 25/1–2/2)", () => {
    expect(cal.addWorkingDays(at("2025-01-24", 15, 30), 3)).toEqual(at("2025-02-05", 17));
  });

  it("across Tết 2024 (off 8/2–14/2)", () => {
    // Received Tuesday 6/2: Wed 7/2 is day 1, then 15/2 and 16/2.
    expect(cal.addWorkingDays(at("2024-02-06", 9), 3)).toEqual(at("2024-02-16", 17));
  });

  it("receipt on a holiday counts from the next working day", () => {
    // 30/4/2025 (holiday) → 1/5, 2/5 off, weekend → Mon 5/5 is day 1.
    expect(cal.addWorkingDays(at("2025-04-30", 9), 2)).toEqual(at("2025-05-06", 17));
  });

  it("counts a make-up Saturday", () => {
    // Thursday 24/4/2025 + 3: Fri 25/4, Sat 26/4 (làm bù), Mon 28/4.
    expect(cal.addWorkingDays(at("2025-04-24", 9), 3)).toEqual(at("2025-04-28", 17));
    expect(cal.addWorkingDays(at("2025-04-25", 9), 1)).toEqual(at("2025-04-26", 17));
  });

  it("uses the local day for receipts late in the evening (UTC is still the previous day)", () => {
    // 23:30 Friday local = 16:30Z Friday; next working day is Monday.
    const received = new Date("2025-03-07T16:30:00Z");
    expect(cal.addWorkingDays(received, 1)).toEqual(at("2025-03-10", 17));
    // 00:30 Saturday local = 17:30Z Friday: still Monday.
    expect(cal.addWorkingDays(new Date("2025-03-07T17:30:00Z"), 1)).toEqual(at("2025-03-10", 17));
    // Sunday 23:30Z is Monday 06:30 in Việt Nam: day 1 is Tuesday.
    expect(cal.addWorkingDays(new Date("2025-03-09T23:30:00Z"), 1)).toEqual(at("2025-03-11", 17));
  });

  it("0 days (trả ngay) is due at the receipt instant", () => {
    const received = at("2025-03-07", 15, 12);
    const due = cal.addWorkingDays(received, 0);
    expect(due).toEqual(received);
    expect(due).not.toBe(received);
  });

  it("half a day: same day 17:00 before noon, else next working day 11:30", () => {
    expect(cal.addWorkingDays(at("2025-03-07", 11, 59), 0.5)).toEqual(at("2025-03-07", 17));
    expect(cal.addWorkingDays(at("2025-03-07", 12), 0.5)).toEqual(at("2025-03-10", 11, 30));
    // Saturday morning is not a working day.
    expect(cal.addWorkingDays(at("2025-03-08", 9), 0.5)).toEqual(at("2025-03-10", 11, 30));
    // Receipt on mùng 2 Tết.
    expect(cal.addWorkingDays(at("2025-01-30", 9), 0.5)).toEqual(at("2025-02-03", 11, 30));
  });

  it("rounds other fractions up to whole working days", () => {
    expect(cal.addWorkingDays(at("2025-03-03", 10), 1.5)).toEqual(at("2025-03-05", 17));
    expect(cal.addWorkingDays(at("2025-03-03", 10), 0.75)).toEqual(at("2025-03-04", 17));
  });

  it("rejects negative or non-finite processing times", () => {
    expect(() => cal.addWorkingDays(at("2025-03-03", 10), -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays(at("2025-03-03", 10), Number.NaN)).toThrow(RangeError);
    expect(() => cal.addWorkingDays(at("2025-03-03", 10), Infinity)).toThrow(RangeError);
  });
});

describe("workingDaysBetween", () => {
  it("is signed, exclusive of the start day and inclusive of the end day", () => {
    const mon = at("2025-03-03", 9);
    const wed = at("2025-03-05", 16);
    expect(cal.workingDaysBetween(mon, wed)).toBe(2); // còn 2 ngày làm việc
    expect(cal.workingDaysBetween(wed, mon)).toBe(-2); // quá hạn 2 ngày làm việc
    expect(cal.workingDaysBetween(mon, at("2025-03-03", 17))).toBe(0);
  });

  it("skips weekends, holidays and counts make-up Saturdays", () => {
    expect(cal.workingDaysBetween(at("2025-01-24", 9), at("2025-02-03", 9))).toBe(1);
    expect(cal.workingDaysBetween(at("2025-02-03", 9), at("2025-01-24", 9))).toBe(-1);
    expect(cal.workingDaysBetween(at("2025-04-25", 9), at("2025-04-28", 9))).toBe(2);
    // From a Saturday to the Monday after.
    expect(cal.workingDaysBetween(at("2025-03-08", 9), at("2025-03-10", 9))).toBe(1);
  });

  it("property: addWorkingDays lands on a working day n working days later", () => {
    const min = new Date("2022-12-01T00:00:00Z");
    const max = new Date("2030-12-31T00:00:00Z");
    fc.assert(
      fc.property(
        fc.date({ min, max, noInvalidDate: true }),
        fc.integer({ min: 1, max: 60 }),
        (received, n) => {
          fc.pre(cal.isWorkingDay(received));
          const due = cal.addWorkingDays(received, n);
          expect(cal.isWorkingDay(due)).toBe(true);
          expect(cal.dayKey(due) > cal.dayKey(received)).toBe(true);
          expect(cal.workingDaysBetween(received, due)).toBe(n);
          expect(cal.workingDaysBetween(due, received)).toBe(-n);
        },
      ),
      { numRuns: 500 },
    );
  });
});
