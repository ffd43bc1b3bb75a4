import type { Express } from "express";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import type { Database } from "../../src/db/client.js";
import { seedDemoData } from "../../src/demo/seed-demo-data.js";
import { loadWorkingCalendar } from "../../src/domain/calendar/load-calendar.js";
import { adminJobsRouter } from "../../src/http/admin-jobs.js";
import { createApp } from "../../src/http/app.js";
import { REMINDER_JOBS } from "../../src/jobs/index.js";
import { createLogger } from "../../src/logger.js";
import { Notifier } from "../../src/messaging/notifier.js";
import { jobRunner } from "../../src/service.js";
import { OutboxStore } from "../../src/zalo/outbox.js";
import { createTestDatabase } from "../support/test-database.js";

const TOKEN = "admin-token-for-tests-0123456789";
const auth = { Authorization: `Bearer ${TOKEN}` };
const JOB_NAMES = REMINDER_JOBS.map((j) => j.name);

/**
 * The operators' jobs API on the demo commune, mounted in the service's own app (so its
 * error handling is the real one) with the real job runner writing to the outbox.
 */
describe("admin API for the jobs", () => {
  let db: Database;
  let app: Express;
  /** The next working day (Vietnam time): the demo's open dossiers are overdue by then. */
  let day: string;
  let communeSlug: string;

  const outboxCount = () => db.prisma.outboxMessage.count();
  const runCount = () => db.prisma.jobRun.count();

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoData(db.prisma, { now: new Date() });
    const config = loadConfig({ ADMIN_API_TOKEN: TOKEN });
    const log = createLogger("silent");
    const jobs = jobRunner(config, db.prisma, new Notifier(new OutboxStore(db.prisma)), log);
    app = createApp({
      log,
      health: {
        db,
        scheduler: () => ({ state: "running", timeZone: config.displayTimeZone, jobs: [] }),
        zalo: () => ({ mode: "sandbox", token: "ok" }),
        draining: () => false,
      },
      mount: (a) => {
        a.use(
          adminJobsRouter({
            token: config.adminApiToken,
            prisma: db.prisma,
            jobs,
            schedules: config.jobs.schedules,
            timeZone: config.displayTimeZone,
          }),
        );
      },
    });
    const commune = await db.prisma.commune.findFirstOrThrow();
    communeSlug = commune.slug;
    const calendar = await loadWorkingCalendar(db.prisma, commune.id);
    day = calendar.nextWorkingDay(calendar.dayKey(new Date()));
  }, 60_000);
  afterAll(() => db.close());

  it("refuses requests without the right bearer token, and runs nothing for them", async () => {
    await request(app).get("/admin/jobs").expect(401);
    await request(app).get("/admin/jobs").set("Authorization", "Bearer wrong").expect(401);
    await request(app).get("/admin/jobs").set("Authorization", TOKEN).expect(401);
    await request(app)
      .post("/admin/jobs/dossier-alerts/run")
      .send({ at: `${day}T09:00+07:00` })
      .expect(401);
    await request(app)
      .post("/admin/jobs/dossier-alerts/run")
      .set("Authorization", `Bearer ${TOKEN}x`)
      .send({ at: `${day}T09:00+07:00` })
      .expect(401);
    expect(await runCount()).toBe(0);
    expect(await outboxCount()).toBe(0);
  });

  it("lists the jobs with their schedule, last and next run", async () => {
    const res = await request(app).get("/admin/jobs").set(auth).expect(200);
    const jobs = res.body.jobs as Record<string, unknown>[];
    expect(jobs.map((j) => j.name)).toEqual([...JOB_NAMES, "zalo-token-refresh", "cleanup"]);
    for (const job of REMINDER_JOBS) {
      expect(jobs.find((j) => j.name === job.name)).toEqual({
        name: job.name,
        description: job.description,
        schedule: job.defaultSchedule,
        lastRunAt: null,
        lastStatus: null,
        nextRunAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$/),
      });
    }
  });

  it("runs a job at the time asked and returns its summary; the same time again sends nothing", async () => {
    const before = await outboxCount();
    const first = await request(app)
      .post("/admin/jobs/dossier-alerts/run")
      .set(auth)
      .send({ at: `${day}T09:00+07:00` })
      .expect(200);
    expect(first.body).toMatchObject({ job: "dossier-alerts", slot: `${day}T09:00`, failed: 0 });
    expect(first.body.sent).toBeGreaterThan(0);
    expect(await outboxCount()).toBe(before + first.body.sent);

    const again = await request(app)
      .post("/admin/jobs/dossier-alerts/run")
      .set(auth)
      .send({ at: `${day}T09:00+07:00` })
      .expect(200);
    expect(again.body).toMatchObject({ job: "dossier-alerts", slot: `${day}T09:00`, sent: 0, failed: 0 });
    // The same instant written in UTC, to the millisecond, is the same slot.
    const utc = new Date(`${day}T02:00:00.000Z`).toISOString();
    const sameInUtc = await request(app)
      .post("/admin/jobs/dossier-alerts/run")
      .set(auth)
      .send({ at: utc })
      .expect(200);
    expect(sameInUtc.body).toMatchObject({ slot: `${day}T09:00`, sent: 0 });
    expect(await outboxCount()).toBe(before + first.body.sent);

    const listed = await request(app).get("/admin/jobs").set(auth).expect(200);
    expect(listed.body.jobs.find((j: { name: string }) => j.name === "dossier-alerts")).toMatchObject({
      lastRunAt: expect.stringMatching(/^\d{4}-/),
      lastStatus: "ok",
    });
  });

  it("runs a job for one commune named by its slug, and refuses an unknown slug", async () => {
    const res = await request(app)
      .post("/admin/jobs/task-reminders/run")
      .set(auth)
      .send({ commune: communeSlug, at: `${day}T08:00+07:00` })
      .expect(200);
    expect(res.body).toMatchObject({ job: "task-reminders", slot: `${day}T08:00`, failed: 0 });
    const runs = await runCount();
    const unknown = await request(app)
      .post("/admin/jobs/task-reminders/run")
      .set(auth)
      .send({ commune: "nowhere" })
      .expect(404);
    expect(unknown.body.error).toContain("nowhere");
    expect(await runCount()).toBe(runs);
  });

  it("answers an unknown job with 404 and the list of jobs", async () => {
    const res = await request(app).post("/admin/jobs/nightly-digest/run").set(auth).send({}).expect(404);
    expect(res.body).toEqual({ error: "no such job", jobs: JOB_NAMES });
  });

  it.each([
    ["a word", "tomorrow"],
    ["a day that does not exist", "2026-02-30T09:00+07:00"],
    ["a time without its offset", "2026-12-07T09:00"],
    ["a day without a time", "2026-12-07"],
    ["a number", 7],
    ["an empty string", ""],
  ])("answers a bad `at` (%s) with 400 and runs nothing", async (_, at) => {
    const runs = await runCount();
    const res = await request(app).post("/admin/jobs/dossier-alerts/run").set(auth).send({ at }).expect(400);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(res.body.error).toEqual(expect.any(String));
    expect(await runCount()).toBe(runs);
  });

  it("answers a malformed JSON body with a 400 in JSON, not express's HTML page", async () => {
    const runs = await runCount();
    const res = await request(app)
      .post("/admin/jobs/dossier-alerts/run")
      .set(auth)
      .set("Content-Type", "application/json")
      .send('{"at": "2026-12-07T09:00+07:00"')
      .expect(400);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(res.text).not.toMatch(/<html|<!DOCTYPE|<pre>/i);
    expect(res.body).toEqual({ error: "entity.parse.failed" });
    expect(await runCount()).toBe(runs);
  });
});
