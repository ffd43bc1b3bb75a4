import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.js";
import { calendarYearRows, loadWorkingCalendar } from "../../../src/domain/calendar/load-calendar.js";
import { publicHolidays } from "../../../src/domain/calendar/vietnam-holidays.js";
import { createTestDatabase, providers } from "../../support/test-database.js";

describe("calendarYearRows", () => {
  const national = (date: string, name = "Ngày nghỉ", kind: "holiday" | "working_day" = "holiday") => ({
    date,
    name,
    kind,
    communeId: null,
  });
  const local = (date: string, kind: "holiday" | "working_day" = "holiday") => ({
    date,
    name: "Ngày của xã",
    kind,
    communeId: "c1",
  });

  it("a year with stored national rows is exactly those rows; other years are the defaults", () => {
    const rows = calendarYearRows([national("2027-01-01", "Tết Dương lịch")]);
    expect(rows(2027)).toEqual([{ date: "2027-01-01", name: "Tết Dương lịch", kind: "holiday" }]);
    expect(rows(2028)).toEqual(publicHolidays(2028));
  });

  it("adds the commune's rows, and the commune's row wins on the same date", () => {
    const rows = calendarYearRows([
      national("2027-01-01"),
      national("2027-02-20", "Làm bù", "working_day"),
      local("2027-02-20"),
      local("2027-03-15"),
    ]);
    expect(rows(2027)).toEqual([
      { date: "2027-01-01", name: "Ngày nghỉ", kind: "holiday" },
      { date: "2027-02-20", name: "Ngày của xã", kind: "holiday" },
      { date: "2027-03-15", name: "Ngày của xã", kind: "holiday" },
    ]);
    // A commune row alone does not make its year "stored": the national defaults stay.
    expect(rows(2028)).toEqual(publicHolidays(2028));
    expect(calendarYearRows([local("2029-03-15")])(2029)).toEqual([
      ...publicHolidays(2029),
      { date: "2029-03-15", name: "Ngày của xã", kind: "holiday" },
    ]);
  });
});

describe.each(providers())("loadWorkingCalendar on %s", (provider) => {
  let db: Database;
  let communeId: string;
  let otherCommuneId: string;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
    communeId = (await db.prisma.commune.create({ data: { slug: "a", name: "Xã A", kind: "xa" } })).id;
    otherCommuneId = (await db.prisma.commune.create({ data: { slug: "b", name: "Xã B", kind: "xa" } })).id;
    await db.prisma.holiday.createMany({
      data: [
        // 2027 is stored: only New Year's Day and a corrected Tết; the defaults' 10–11/2 are gone.
        { id: "vn-2027-01-01", communeId: null, date: "2027-01-01", name: "Tết Dương lịch", kind: "holiday" },
        { id: "vn-2027-02-08", communeId: null, date: "2027-02-08", name: "Tết", kind: "holiday" },
        { id: "vn-2027-02-20", communeId: null, date: "2027-02-20", name: "Làm bù", kind: "working_day" },
        { id: "a-2027-03-15", communeId, date: "2027-03-15", name: "Lễ hội xã", kind: "holiday" },
        { id: "a-2027-01-01", communeId, date: "2027-01-01", name: "Trực", kind: "working_day" },
        { id: "a-2027-02-20", communeId, date: "2027-02-20", name: "Nghỉ", kind: "holiday" },
      ],
    });
  });
  afterAll(() => db.close());

  it("counts a stored year from its rows only, and an unstored year from the defaults", async () => {
    const national = await loadWorkingCalendar(db.prisma);
    expect(national.isWorkingDay("2027-02-08")).toBe(false);
    expect(national.isWorkingDay("2027-02-10")).toBe(true); // a default nghỉ bù, not stored
    expect(national.isWorkingDay("2027-02-20")).toBe(true); // stored làm bù Saturday
    expect(national.isWorkingDay("2028-01-03")).toBe(false); // 2028: defaults (nghỉ bù Tết Dương lịch)
    expect(national.isWorkingDay("2027-03-15")).toBe(true); // the commune's day is not national
  });

  it("adds a commune's own day off and working day for that commune only", async () => {
    const a = await loadWorkingCalendar(db.prisma, communeId);
    const b = await loadWorkingCalendar(db.prisma, otherCommuneId);
    expect(a.isWorkingDay("2027-03-15")).toBe(false);
    expect(b.isWorkingDay("2027-03-15")).toBe(true);
    expect(a.isWorkingDay("2027-01-01")).toBe(true);
    expect(b.isWorkingDay("2027-01-01")).toBe(false);
    // The commune's day off wins over the national làm bù on the same Saturday.
    expect(a.isWorkingDay("2027-02-20")).toBe(false);
    expect(b.isWorkingDay("2027-02-20")).toBe(true);
  });
});
