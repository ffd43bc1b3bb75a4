import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/db/client.js";
import { resolveDatabaseUrl } from "../../src/db/database-url.js";
import { loadWorkingCalendar } from "../../src/domain/calendar/load-calendar.js";
import { publicHolidays } from "../../src/domain/calendar/vietnam-holidays.js";
import { freshSqliteUrl } from "../support/test-database.js";

const run = promisify(execFile);

/** Runs `npm run cli -- …` the way an operator does (without npm's banner). */
function cli(databaseUrl: string, ...args: string[]) {
  return run(process.execPath, ["--import", "tsx", "src/cli/index.ts", ...args], {
    env: { PATH: process.env.PATH ?? "", DATABASE_URL: databaseUrl, LOG_LEVEL: "silent" },
  });
}

/** A command expected to fail: its exit code and what it printed on stderr. */
async function failing(databaseUrl: string, ...args: string[]): Promise<{ code: number; stderr: string }> {
  const outcome = await cli(databaseUrl, ...args).then(
    () => ({ code: 0, stderr: "" }),
    (e: { code: number; stderr: string }) => e,
  );
  return { code: outcome.code, stderr: outcome.stderr.split("\n")[0]! };
}

const jsonLines = (stdout: string) =>
  stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, string>);

// Each command starts a Node process with tsx: a few seconds apiece on a busy machine.
describe("operator CLI for holidays", { timeout: 60_000 }, () => {
  const url = freshSqliteUrl();
  let db: Database;
  let communeId: string;
  beforeAll(async () => {
    db = await openDatabase(resolveDatabaseUrl(url));
    communeId = (await db.prisma.commune.create({ data: { slug: "hoa-an", name: "Xã Hòa An", kind: "xa" } }))
      .id;
  });
  afterAll(() => db.close());

  it("lists a year, swaps a bridge day nationally, and removes a default day", async () => {
    const before = jsonLines((await cli(url, "holidays", "--year", "2027", "--json")).stdout);
    expect(before.map((r) => r.date)).toEqual(publicHolidays(2027).map((h) => h.date));
    expect(before[0]).toEqual({
      date: "2027-01-01",
      name: "Tết Dương lịch",
      kind: "holiday",
      scope: "national",
      source: "defaults",
      weekday: "thứ Sáu",
    });

    const added = await cli(
      url,
      "holiday-add",
      "2027-02-12",
      "--name",
      "Nghỉ hoán đổi (làm bù thứ Bảy 20/2)",
    );
    expect(JSON.parse(added.stdout)).toEqual({
      date: "2027-02-12",
      name: "Nghỉ hoán đổi (làm bù thứ Bảy 20/2)",
      kind: "holiday",
      commune: null,
      created: true,
    });
    await cli(url, "holiday-add", "2027-02-20", "--name", "Làm bù cho ngày nghỉ 12/2", "--working-day");
    const removed = await cli(url, "holiday-remove", "2027-05-03");
    expect(removed.stdout.trim()).toBe("removed 2027-05-03 Nghỉ bù Ngày Quốc tế Lao động (national)");

    const calendar = await loadWorkingCalendar(db.prisma);
    expect(calendar.isWorkingDay("2027-02-12")).toBe(false);
    expect(calendar.isWorkingDay("2027-02-20")).toBe(true);
    expect(calendar.isWorkingDay("2027-05-03")).toBe(true);
    expect(calendar.isWorkingDay("2027-02-08")).toBe(false);

    const text = (await cli(url, "holidays", "--year", "2027")).stdout.split("\n");
    expect(text[0]).toBe("2027: national days from the Holiday table");
    expect(text).toContain("2027-02-20  thứ Bảy   làm bù  Làm bù cho ngày nghỉ 12/2");
    expect(await db.prisma.auditLog.count({ where: { channel: "cli", entityType: "holiday" } })).toBe(3);
  });

  it("adds and removes a commune's own day with --commune", async () => {
    await cli(url, "holiday-add", "2027-03-15", "--name", "Lễ hội đình làng", "--commune", "hoa-an");
    expect((await loadWorkingCalendar(db.prisma, communeId)).isWorkingDay("2027-03-15")).toBe(false);
    expect((await loadWorkingCalendar(db.prisma)).isWorkingDay("2027-03-15")).toBe(true);
    const listed = jsonLines(
      (await cli(url, "holidays", "--year", "2027", "--commune", "hoa-an", "--json")).stdout,
    );
    expect(listed.filter((r) => r.scope === "commune").map((r) => r.date)).toEqual(["2027-03-15"]);

    const removed = await cli(url, "holiday-remove", "2027-03-15", "--commune", "hoa-an");
    expect(removed.stdout.trim()).toBe("removed 2027-03-15 Lễ hội đình làng (hoa-an)");
    expect((await loadWorkingCalendar(db.prisma, communeId)).isWorkingDay("2027-03-15")).toBe(true);
  });

  it("answers bad input with exit code 2 and the reason", async () => {
    // None of these writes anything, so they run side by side.
    const answers = await Promise.all([
      failing(url, "holiday-add", "2027-02-30", "--name", "X"),
      failing(url, "holiday-add", "2027-03-03", "--name", "Làm bù", "--working-day"),
      failing(url, "holiday-add", "2027-03-05"),
      failing(url, "holiday-add", "2027-03-05", "--name", "X", "--commune", "nope"),
      failing(url, "holiday-remove", "2027-03-04"),
      failing(url, "holidays", "--year", "next"),
    ]);
    expect(answers).toEqual(
      [
        'date: expected a real day written YYYY-MM-DD (got "2027-02-30")',
        "2027-03-03 (thứ Tư) is a weekday and not a national day off, so it is a working day already: " +
          "a working_day must be a Saturday or Sunday, or a national day off",
        'holiday-add needs --name "…", e.g. --name "Nghỉ bù Tết Nguyên Đán"',
        'no commune with slug "nope"',
        "2027-03-04 is not in the national calendar: nothing to remove",
        'year must be a number such as 2027 (got "next")',
      ].map((stderr) => ({ code: 2, stderr })),
    );
  });
});
