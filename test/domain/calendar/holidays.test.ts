import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.js";
import {
  addHoliday,
  type HolidayEditContext,
  HolidayEditError,
  listHolidays,
  removeHoliday,
} from "../../../src/domain/calendar/holidays.js";
import { loadWorkingCalendar } from "../../../src/domain/calendar/load-calendar.js";
import { publicHolidays } from "../../../src/domain/calendar/vietnam-holidays.js";
import { zonedInstant } from "../../../src/domain/calendar/working-days.js";
import { dossierDueAt } from "../../../src/domain/dossiers/due-time.js";
import { createTestDatabase, providers } from "../../support/test-database.js";

const NOW = new Date("2026-11-20T03:00:00Z");
const CLI: HolidayEditContext = { actor: { label: "cli" }, channel: "cli", now: NOW };

/** The error an edit is refused with: reason and message. */
async function refusal(work: Promise<unknown>): Promise<{ reason: string; message: string }> {
  const error = await work.then(
    () => new Error("expected the edit to be refused"),
    (e: unknown) => e,
  );
  if (!(error instanceof HolidayEditError)) throw error;
  return { reason: error.reason, message: error.message };
}

describe.each(providers())("editing the calendar on %s", (provider) => {
  let db: Database;
  let communeA: string;
  let communeB: string;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
    communeA = (await db.prisma.commune.create({ data: { slug: "a", name: "Xã A", kind: "xa" } })).id;
    communeB = (await db.prisma.commune.create({ data: { slug: "b", name: "Xã B", kind: "xa" } })).id;
  });
  beforeEach(async () => {
    await db.prisma.holiday.deleteMany();
    await db.prisma.auditLog.deleteMany();
  });
  afterAll(() => db.close());

  it("a national day added to a year not yet stored keeps the year's defaults and adds the day", async () => {
    // 2027 by the rules: off 5/2–11/2; the bridge Friday 12/2 is swapped with Saturday 20/2.
    const added = await addHoliday(
      db.prisma,
      { date: "2027-02-12", name: "Nghỉ hoán đổi (làm bù thứ Bảy 20/2)" },
      CLI,
    );
    expect(added).toEqual({
      holiday: {
        date: "2027-02-12",
        name: "Nghỉ hoán đổi (làm bù thứ Bảy 20/2)",
        kind: "holiday",
        communeId: null,
      },
      created: true,
    });
    await addHoliday(
      db.prisma,
      { date: "2027-02-20", name: "Làm bù cho ngày nghỉ 12/2", kind: "working_day" },
      CLI,
    );
    expect(await db.prisma.holiday.count({ where: { communeId: null } })).toBe(
      publicHolidays(2027).length + 2,
    );

    const calendar = await loadWorkingCalendar(db.prisma);
    expect(calendar.isWorkingDay("2027-02-08")).toBe(false); // a default day is still off
    expect(calendar.isWorkingDay("2027-02-12")).toBe(false);
    expect(calendar.isWorkingDay("2027-02-20")).toBe(true);
    // A dossier received the Thursday before Tết with 2 working days: by the defaults Fri 12/2
    // was day 1 and Mon 15/2 day 2; with 12/2 off, day 2 is Tue 16/2.
    expect(dossierDueAt(calendar, zonedInstant("2027-02-04", 10, 0), 2)).toEqual(
      zonedInstant("2027-02-16", 17, 0),
    );
    // Received Friday 19/2 with 1 working day: due on the làm bù Saturday.
    expect(dossierDueAt(calendar, zonedInstant("2027-02-19", 10, 0), 1)).toEqual(
      zonedInstant("2027-02-20", 17, 0),
    );
  });

  it("records a national change in every commune's audit log, a commune's in its own", async () => {
    await addHoliday(db.prisma, { date: "2027-02-12", name: "Nghỉ hoán đổi" }, CLI);
    const national = await db.prisma.auditLog.findMany({ orderBy: { communeId: "asc" } });
    expect(national.map((a) => a.communeId).sort()).toEqual([communeA, communeB].sort());
    expect(national[0]).toMatchObject({
      actorLabel: "cli",
      channel: "cli",
      entityType: "holiday",
      entityId: "vn-2027-02-12",
      action: "holiday_added",
      before: null,
      note: `${publicHolidays(2027).length} default days of 2027 written first`,
      createdAt: NOW,
    });
    expect(JSON.parse(national[0]!.after!)).toEqual({
      date: "2027-02-12",
      name: "Nghỉ hoán đổi",
      kind: "holiday",
      communeId: null,
    });

    await db.prisma.auditLog.deleteMany();
    const admin: HolidayEditContext = { actor: { label: "operator" }, channel: "admin_api", now: NOW };
    await addHoliday(db.prisma, { date: "2027-03-15", name: "Lễ hội xã", communeId: communeA }, admin);
    await removeHoliday(db.prisma, { date: "2027-03-15", communeId: communeA }, admin);
    const local = await db.prisma.auditLog.findMany({ orderBy: { action: "asc" } });
    expect(local.map((a) => [a.communeId, a.channel, a.action, a.entityId])).toEqual([
      [communeA, "admin_api", "holiday_added", `${communeA}-2027-03-15`],
      [communeA, "admin_api", "holiday_removed", `${communeA}-2027-03-15`],
    ]);
    expect(JSON.parse(local[1]!.before!)).toMatchObject({ date: "2027-03-15", name: "Lễ hội xã" });
  });

  it("adding a day that is there changes its name and kind, audited with the before", async () => {
    await addHoliday(db.prisma, { date: "2027-02-12", name: "Nghỉ" }, CLI);
    const changed = await addHoliday(db.prisma, { date: "2027-02-12", name: "Nghỉ hoán đổi" }, CLI);
    expect(changed.created).toBe(false);
    expect(await db.prisma.holiday.findMany({ where: { date: "2027-02-12" } })).toEqual([
      expect.objectContaining({ id: "vn-2027-02-12", name: "Nghỉ hoán đổi" }),
    ]);
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "holiday_changed" } });
    expect(JSON.parse(audit.before!)).toMatchObject({ name: "Nghỉ" });
  });

  it("removing a default national day makes it a working day and keeps the rest of the year", async () => {
    const { removed } = await removeHoliday(db.prisma, { date: "2027-02-11" }, CLI);
    expect(removed).toEqual({
      date: "2027-02-11",
      name: "Nghỉ bù Tết Nguyên Đán",
      kind: "holiday",
      communeId: null,
    });
    const calendar = await loadWorkingCalendar(db.prisma);
    expect(calendar.isWorkingDay("2027-02-11")).toBe(true);
    expect(calendar.isWorkingDay("2027-02-10")).toBe(false);
    expect(calendar.isWorkingDay("2027-01-01")).toBe(false);
    const listed = await listHolidays(db.prisma, 2027);
    expect(listed.map((r) => r.date)).not.toContain("2027-02-11");
    expect(listed.every((r) => r.source === "table" && r.scope === "national")).toBe(true);
  });

  it("a commune's day off and working day change that commune's calendar only", async () => {
    await addHoliday(db.prisma, { date: "2027-03-15", name: "Lễ hội xã", communeId: communeA }, CLI);
    // Mùng 3 Tết (Monday 8/2) worked by commune A's one-stop desk.
    await addHoliday(
      db.prisma,
      { date: "2027-02-08", name: "Trực Tết", kind: "working_day", communeId: communeA },
      CLI,
    );
    const a = await loadWorkingCalendar(db.prisma, communeA);
    const b = await loadWorkingCalendar(db.prisma, communeB);
    expect([a.isWorkingDay("2027-03-15"), b.isWorkingDay("2027-03-15")]).toEqual([false, true]);
    expect([a.isWorkingDay("2027-02-08"), b.isWorkingDay("2027-02-08")]).toEqual([true, false]);
    // Commune rows do not store the national year: it still comes from the defaults.
    expect(await db.prisma.holiday.count({ where: { communeId: null } })).toBe(0);

    const listed = await listHolidays(db.prisma, 2027, communeA);
    expect(listed.filter((r) => r.date === "2027-02-08").map((r) => [r.scope, r.kind, r.source])).toEqual([
      ["national", "holiday", "defaults"],
      ["commune", "working_day", "table"],
    ]);
    expect((await listHolidays(db.prisma, 2027, communeB)).some((r) => r.scope === "commune")).toBe(false);

    await removeHoliday(db.prisma, { date: "2027-03-15", communeId: communeA }, CLI);
    expect((await loadWorkingCalendar(db.prisma, communeA)).isWorkingDay("2027-03-15")).toBe(true);
  });

  it("refuses bad input with the field and the value", async () => {
    expect(await refusal(addHoliday(db.prisma, { date: "2027-02-30", name: "X" }, CLI))).toEqual({
      reason: "invalid",
      message: 'date: expected a real day written YYYY-MM-DD (got "2027-02-30")',
    });
    expect(await refusal(addHoliday(db.prisma, { date: "12/2/2027", name: "X" }, CLI))).toMatchObject({
      message: 'date: expected a real day written YYYY-MM-DD (got "12/2/2027")',
    });
    expect(await refusal(addHoliday(db.prisma, { date: "2027-02-12", name: "  " }, CLI))).toMatchObject({
      message: 'name: a day needs a name, e.g. Nghỉ bù Tết Nguyên Đán (got "  ")',
    });
    const kind = "day_off" as "holiday";
    expect(await refusal(addHoliday(db.prisma, { date: "2027-02-12", name: "X", kind }, CLI))).toMatchObject({
      message: 'kind: kind must be "holiday" or "working_day" (got "day_off")',
    });
    expect(await refusal(listHolidays(db.prisma, 20277))).toMatchObject({
      message: 'year must be between 1900 and 2199 (got "20277")',
    });
    expect(
      await refusal(addHoliday(db.prisma, { date: "2027-02-12", name: "X", communeId: "nope" }, CLI)),
    ).toEqual({ reason: "not_found", message: "no commune with id nope" });
    expect(await db.prisma.holiday.count()).toBe(0);
  });

  it("refuses a working_day on an ordinary weekday, nationally and for a commune", async () => {
    const wednesday = { date: "2027-03-03", name: "Làm bù", kind: "working_day" } as const;
    const expected = {
      reason: "invalid",
      message:
        "2027-03-03 (thứ Tư) is a weekday and not a national day off, so it is a working day already: " +
        "a working_day must be a Saturday or Sunday, or a national day off",
    };
    expect(await refusal(addHoliday(db.prisma, wednesday, CLI))).toEqual(expected);
    expect(await refusal(addHoliday(db.prisma, { ...wednesday, communeId: communeA }, CLI))).toEqual(
      expected,
    );
    // A national day off on a weekday is accepted (the commune works it).
    await addHoliday(db.prisma, { ...wednesday, date: "2027-02-10", communeId: communeA }, CLI);
    // Once the national row of 10/2 is removed, it is an ordinary Wednesday again.
    await removeHoliday(db.prisma, { date: "2027-02-10" }, CLI);
    expect(await refusal(addHoliday(db.prisma, { ...wednesday, date: "2027-02-10" }, CLI))).toMatchObject({
      reason: "invalid",
    });
  });

  it("refuses to remove a day that is not there, or a year's last national day", async () => {
    expect(await refusal(removeHoliday(db.prisma, { date: "2027-03-15" }, CLI))).toEqual({
      reason: "not_found",
      message: "2027-03-15 is not in the national calendar: nothing to remove",
    });
    expect(await refusal(removeHoliday(db.prisma, { date: "2027-02-10", communeId: communeA }, CLI))).toEqual(
      {
        reason: "not_found",
        message: "2027-02-10 is not in the commune's own calendar: nothing to remove",
      },
    );
    await db.prisma.holiday.deleteMany();
    await db.prisma.holiday.create({
      data: {
        id: "vn-2030-01-01",
        communeId: null,
        date: "2030-01-01",
        name: "Tết Dương lịch",
        kind: "holiday",
      },
    });
    expect(await refusal(removeHoliday(db.prisma, { date: "2030-01-01" }, CLI))).toEqual({
      reason: "invalid",
      message:
        "2030-01-01 is the last national day of 2030: removing it would bring back the defaults of 2030",
    });
    expect(await db.prisma.holiday.count()).toBe(1);
    expect(await db.prisma.auditLog.count()).toBe(0);
  });

  it("lists a year not stored yet from the defaults", async () => {
    const listed = await listHolidays(db.prisma, 2031);
    expect(listed.map(({ date, name, kind }) => ({ date, name, kind }))).toEqual(publicHolidays(2031));
    expect(new Set(listed.map((r) => `${r.scope}/${r.source}`))).toEqual(new Set(["national/defaults"]));
  });
});
