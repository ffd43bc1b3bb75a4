import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { TZDate } from "@date-fns/tz";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/db/client.js";
import { resolveDatabaseUrl } from "../../src/db/database-url.js";
import { loadWorkingCalendar } from "../../src/domain/calendar/load-calendar.js";
import { REMINDER_JOBS } from "../../src/jobs/index.js";
import { freshSqliteUrl } from "../support/test-database.js";

const run = promisify(execFile);

/** Runs `npm run cli -- …` the way an operator does (without npm's banner), in sandbox mode. */
function cli(databaseUrl: string, args: string[], env: Record<string, string> = {}) {
  return run(process.execPath, ["--import", "tsx", "src/cli/index.ts", ...args], {
    env: { PATH: process.env.PATH ?? "", DATABASE_URL: databaseUrl, LOG_LEVEL: "silent", ...env },
  });
}

/** A failed run: its exit code and what it printed. */
function failure(databaseUrl: string, args: string[]) {
  return cli(databaseUrl, args).then(
    ({ stdout }) => ({ code: 0, stdout, stderr: "" }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
}

const lines = (stdout: string) => stdout.trim().split("\n");

type Listed = { name: string; schedule: string; lastRunAt: string | null; nextRunAt: string | null };

const vietnam = (iso: string) => new TZDate(new Date(iso).getTime(), "Asia/Ho_Chi_Minh");

describe("operator CLI for the reminder jobs", { timeout: 60_000 }, () => {
  const url = freshSqliteUrl();
  let db: Database;
  /** 09:00 on the next working day (Vietnam time): the demo's open dossiers are overdue by then. */
  let at: string;
  let day: string;
  const outboxCount = () => db.prisma.outboxMessage.count();

  beforeAll(async () => {
    await cli(url, ["seed-demo"]);
    db = await openDatabase(resolveDatabaseUrl(url));
    const commune = await db.prisma.commune.findFirstOrThrow();
    const calendar = await loadWorkingCalendar(db.prisma, commune.id);
    day = calendar.nextWorkingDay(calendar.dayKey(new Date()));
    at = `${day}T09:00+07:00`;
  }, 60_000);
  afterAll(() => db.close());

  const listJobs = async (env: Record<string, string> = {}) =>
    lines((await cli(url, ["jobs", "--json"], env)).stdout).map((l) => JSON.parse(l) as Listed);

  it("lists every job as one JSON object per line, with its schedule, last and next run", async () => {
    const started = Date.now();
    const jobs = await listJobs();
    expect(jobs.map((j) => j.name)).toEqual([
      ...REMINDER_JOBS.map((j) => j.name),
      "zalo-token-refresh",
      "cleanup",
    ]);
    for (const job of jobs) {
      expect(Object.keys(job).sort()).toEqual(["lastRunAt", "name", "nextRunAt", "schedule"]);
      expect(job.lastRunAt).toBeNull();
      const next = new Date(job.nextRunAt!).getTime();
      expect(next).toBeGreaterThan(started);
      expect(next).toBeLessThanOrEqual(started + 8 * 86_400_000);
    }
    for (const job of REMINDER_JOBS) {
      expect(jobs.find((j) => j.name === job.name)!.schedule).toBe(job.defaultSchedule);
    }
    // Schedules are read in Vietnam time: the weekly digest is on Monday at 08:00 there.
    const weekly = vietnam(jobs.find((j) => j.name === "weekly-digest")!.nextRunAt!);
    expect([weekly.getDay(), weekly.getHours(), weekly.getMinutes()]).toEqual([1, 8, 0]);
    const alerts = vietnam(jobs.find((j) => j.name === "dossier-alerts")!.nextRunAt!);
    expect(alerts.getHours()).toBeGreaterThanOrEqual(7);
    expect(alerts.getHours()).toBeLessThanOrEqual(17);
    expect([0, 30]).toContain(alerts.getMinutes());
  });

  it("shows a schedule set in the environment", async () => {
    const jobs = await listJobs({ JOB_WEEKLY_DIGEST_CRON: "0 9 * * 1" });
    const weekly = jobs.find((j) => j.name === "weekly-digest")!;
    expect(weekly.schedule).toBe("0 9 * * 1");
    const next = vietnam(weekly.nextRunAt!);
    expect([next.getDay(), next.getHours(), next.getMinutes()]).toEqual([1, 9, 0]);
  });

  it("runs a job at a given time, prints its counts as the last line, and sends nothing twice", async () => {
    const before = await outboxCount();
    const first = await cli(url, ["jobs:run", "dossier-alerts", "--at", at]);
    const summary = JSON.parse(lines(first.stdout).at(-1)!) as Record<string, unknown>;
    expect(Object.keys(summary)).toEqual(["job", "sent", "skipped", "undeliverable"]);
    expect(summary.job).toBe("dossier-alerts");
    expect(summary.sent).toBeGreaterThan(0);
    // In sandbox mode what it sent waits in the outbox, and the operator is told so.
    expect(await outboxCount()).toBe(before + (summary.sent as number));
    expect(first.stderr).toMatch(/sandbox mode .*wait in the outbox/);

    const again = await cli(url, ["jobs:run", "dossier-alerts", "--at", at]);
    expect(JSON.parse(lines(again.stdout).at(-1)!)).toMatchObject({ job: "dossier-alerts", sent: 0 });
    expect(await outboxCount()).toBe(before + (summary.sent as number));

    const jobs = await listJobs();
    expect(jobs.find((j) => j.name === "dossier-alerts")!.lastRunAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(jobs.find((j) => j.name === "morning-digest")!.lastRunAt).toBeNull();
  }, 60_000);

  it("refuses an unknown job, a time it cannot read exactly and an unknown commune, with exit code 2", async () => {
    const runs = await db.prisma.jobRun.count();
    const outbox = await outboxCount();
    // "7" would be July 2001 and 30 February the 2nd of March to `new Date`; without an
    // offset the time would be read in the machine's zone, not Vietnam's.
    const bad = ["tomorrow", "7", "2026-02-30T09:00+07:00", `${day}T09:00`];
    const [unknown, missing, ...badTimes] = await Promise.all([
      failure(url, ["jobs:run", "nightly-digest"]),
      failure(url, ["jobs:run"]),
      ...bad.map((text) => failure(url, ["jobs:run", "dossier-alerts", "--at", text])),
    ]);
    for (const named of [unknown, missing]) {
      expect(named.code).toBe(2);
      expect(named.stderr).toContain(
        "name a job: morning-digest, task-reminders, dossier-alerts, weekly-digest",
      );
    }
    expect(badTimes.map((r) => r.code)).toEqual([2, 2, 2, 2]);
    for (const [i, text] of bad.entries()) {
      // Which value, and what a good one looks like.
      expect(badTimes[i]!.stderr).toMatch(/^--at: /);
      expect(badTimes[i]!.stderr).toContain(text);
      expect(badTimes[i]!.stderr).toContain("2026-12-07T07:30+07:00");
    }

    const commune = await failure(url, ["jobs:run", "dossier-alerts", "--commune", "nowhere", "--at", at]);
    expect(commune.code).toBe(2);
    expect(commune.stderr).toContain("no commune with slug nowhere");

    expect(await db.prisma.jobRun.count()).toBe(runs);
    expect(await outboxCount()).toBe(outbox);
  }, 120_000);
});
