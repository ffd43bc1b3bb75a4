import { describe, expect, it } from "vitest";
import {
  type Holiday,
  publicHolidays,
  ruleBasedHolidays,
} from "../../../src/domain/calendar/vietnam-holidays.js";
import { weekdayOf } from "../../../src/domain/calendar/working-days.js";

const daysOff = (rows: Holiday[]) => rows.filter((r) => r.kind === "holiday").map((r) => r.date);
const makeUp = (rows: Holiday[]) => rows.filter((r) => r.kind === "working_day").map((r) => r.date);

describe("publicHolidays", () => {
  it("has Vietnamese names with diacritics and valid sorted unique dates", () => {
    for (let year = 2021; year <= 2035; year++) {
      const rows = publicHolidays(year);
      const dates = rows.map((r) => r.date);
      expect(dates).toEqual([...dates].sort());
      expect(new Set(dates).size).toBe(dates.length);
      for (const r of rows) expect(r.date.startsWith(`${year}-`)).toBe(true);
      expect(rows.find((r) => r.date === `${year}-01-01`)?.name).toBe("Tết Dương lịch");
      expect(rows.some((r) => r.name === "Giỗ Tổ Hùng Vương")).toBe(true);
      expect(rows.filter((r) => r.name.startsWith("Tết Nguyên Đán ("))).toHaveLength(5);
    }
  });

  it("2023: Tết 20/1–26/1, 29/4–3/5, Quốc khánh 1/9–4/9", () => {
    const off = daysOff(publicHolidays(2023));
    expect(off).toEqual([
      "2023-01-01",
      "2023-01-02",
      "2023-01-20",
      "2023-01-21",
      "2023-01-22",
      "2023-01-23",
      "2023-01-24",
      "2023-01-25",
      "2023-01-26",
      "2023-04-29",
      "2023-04-30",
      "2023-05-01",
      "2023-05-02",
      "2023-05-03",
      "2023-09-01",
      "2023-09-02",
      "2023-09-04",
    ]);
  });

  it("2024: Tết 8/2–14/2, 29/4 off made up on Saturday 4/5, Quốc khánh 2/9–3/9", () => {
    const rows = publicHolidays(2024);
    const off = daysOff(rows);
    for (const d of ["2024-02-08", "2024-02-09", "2024-02-12", "2024-02-13", "2024-02-14"]) {
      expect(off).toContain(d);
    }
    expect(off).not.toContain("2024-02-15");
    expect(off).toContain("2024-04-18");
    expect(off).toEqual(expect.arrayContaining(["2024-04-29", "2024-04-30", "2024-05-01"]));
    expect(makeUp(rows)).toEqual(["2024-05-04"]);
    expect(off).toEqual(expect.arrayContaining(["2024-09-02", "2024-09-03"]));
    expect(off).not.toContain("2024-09-01");
  });

  it("2025: Tết 27/1–31/1 on weekdays (9 days with weekends), 2/5 off made up on 26/4", () => {
    const rows = publicHolidays(2025);
    const off = daysOff(rows);
    expect(off.filter((d) => d >= "2025-01-20" && d <= "2025-02-10")).toEqual([
      "2025-01-27",
      "2025-01-28",
      "2025-01-29",
      "2025-01-30",
      "2025-01-31",
      "2025-02-01",
    ]);
    expect(off).toEqual(expect.arrayContaining(["2025-04-30", "2025-05-01", "2025-05-02"]));
    expect(makeUp(rows)).toEqual(["2025-04-26"]);
    expect(weekdayOf("2025-04-26")).toBe(6);
    expect(off).toEqual(expect.arrayContaining(["2025-09-01", "2025-09-02"]));
  });

  it("2026: Tết 16/2–20/2, Giỗ Tổ on Sunday 26/4 → nghỉ bù Monday 27/4", () => {
    const rows = publicHolidays(2026);
    const off = daysOff(rows);
    expect(off.filter((d) => d.startsWith("2026-02"))).toEqual([
      "2026-02-16",
      "2026-02-17",
      "2026-02-18",
      "2026-02-19",
      "2026-02-20",
    ]);
    expect(off).toEqual(expect.arrayContaining(["2026-04-26", "2026-04-27"]));
    expect(rows.find((r) => r.date === "2026-04-27")?.name).toBe("Nghỉ bù Giỗ Tổ Hùng Vương");
    // 2026 needed no special decision: the rules give the same days.
    expect(daysOff(ruleBasedHolidays(2026))).toEqual(off);
  });

  it("rules: a weekend holiday gives a compensatory day on the next free working day", () => {
    // 2022 (rule-based): 1/1 Saturday → 3/1; 30/4 Sat + 1/5 Sun → 2/5 and 3/5; Giỗ Tổ Sun 10/4 → 11/4.
    const off2022 = daysOff(publicHolidays(2022));
    expect(off2022).toEqual(expect.arrayContaining(["2022-01-03", "2022-04-11", "2022-05-02", "2022-05-03"]));
    expect(off2022).not.toContain("2022-01-02");
    // 2027: mùng 1–2 Tết on Sat/Sun (6–7/2) → the two weekdays after Tết (10–11/2); 1/5 Saturday → Monday 3/5.
    const off2027 = daysOff(ruleBasedHolidays(2027));
    expect(off2027).toEqual(
      expect.arrayContaining([
        "2027-02-05",
        "2027-02-08",
        "2027-02-09",
        "2027-02-10",
        "2027-02-11",
        "2027-05-03",
      ]),
    );
    expect(off2027).not.toContain("2027-02-12");
    // Every compensatory day is a weekday.
    for (let year = 2027; year <= 2040; year++) {
      for (const r of ruleBasedHolidays(year)) {
        if (r.name.startsWith("Nghỉ bù")) expect([0, 6]).not.toContain(weekdayOf(r.date));
      }
    }
  });

  it("Quốc khánh has 2 days since 2021 and 1 day before", () => {
    const national = (y: number) => publicHolidays(y).filter((r) => r.name === "Quốc khánh");
    expect(national(2020)).toHaveLength(1);
    for (let y = 2021; y <= 2030; y++) expect(national(y)).toHaveLength(2);
  });
});
