import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { loadWorkingCalendar } from "../../src/domain/calendar/load-calendar.js";
import { REMINDER_JOBS } from "../../src/jobs/index.js";
import { createLogger } from "../../src/logger.js";
import { type RunningService, startService } from "../../src/service.js";
import type { FakeZaloMessage } from "../../src/zalo/fake-zalo.js";
import { freshSqliteUrl } from "../support/test-database.js";

/** Never on its own during a test: the page's runs are the only ones. */
const NOT_NOW = "0 0 1 1 *";

/**
 * The sandbox's jobs (no Zalo credentials, demo seeded): the page runs a reminder job at
 * a clock of its choosing, and what the job writes goes through the real outbox, OA client
 * and HTTP to the fake Zalo, to the demo officials' personas and the commune's groups.
 */
describe("sandbox jobs", () => {
  let service: RunningService;
  /** The next working day, "YYYY-MM-DD" (Vietnam time). */
  let day: string;

  const prisma = () => service.db.prisma;
  const fake = () => service.fakeZalo!;
  const lastSeq = () => fake().messages.at(-1)?.seq ?? 0;

  /** What the fake Zalo got after `seq`, once the outbox has sent at least `count` of them. */
  async function received(seq: number, count: number): Promise<FakeZaloMessage[]> {
    await expect
      .poll(() => fake().since(seq).length, { timeout: 15_000, interval: 100 })
      .toBeGreaterThanOrEqual(count);
    return fake().since(seq);
  }

  beforeAll(async () => {
    service = await startService(
      loadConfig({
        DATABASE_URL: freshSqliteUrl(),
        PORT: "0",
        SEED_DEMO: "true",
        JOB_CATCH_UP_GRACE_MINUTES: "0",
        ...Object.fromEntries(
          REMINDER_JOBS.map((j) => [`JOB_${j.name.toUpperCase().replace(/-/g, "_")}_CRON`, NOT_NOW]),
        ),
      }),
      createLogger("silent"),
    );
    expect(service.fakeZalo).toBeDefined();
    const commune = await prisma().commune.findFirstOrThrow();
    const calendar = await loadWorkingCalendar(prisma(), commune.id);
    day = calendar.nextWorkingDay(calendar.dayKey(new Date()));
  }, 60_000);
  afterAll(() => service?.stop());

  it("lists the reminder jobs", async () => {
    const res = await request(service.server).get("/sandbox/api/jobs").expect(200);
    expect(res.body.jobs).toEqual(REMINDER_JOBS.map((j) => ({ name: j.name, description: j.description })));
  });

  it("runs the morning digest at the page's clock; the fake Zalo gets it for the officials' personas", async () => {
    const seq = lastSeq();
    const res = await request(service.server)
      .post("/sandbox/api/jobs/morning-digest/run")
      .send({ at: `${day}T07:30` })
      .expect(200);
    expect(res.body).toMatchObject({ job: "morning-digest", slot: `${day}T07:30`, failed: 0 });
    expect(res.body.sent).toBeGreaterThan(0);

    const messages = await received(seq, res.body.sent);
    expect(messages).toHaveLength(res.body.sent);
    const officials = await prisma().official.findMany({ where: { active: true } });
    const personaOf = new Map(officials.map((o) => [`sandbox-official-${o.id}`, o]));
    const direct = messages.filter((m) => m.recipient.type === "user");
    expect(direct.length).toBeGreaterThan(0);
    const [, month, date] = day.split("-").map(Number);
    for (const m of direct) {
      const official = personaOf.get(m.recipient.id);
      expect(official, `${m.recipient.id} is a demo official's persona`).toBeDefined();
      // The digest of the page's day, not of today.
      expect(m.text.startsWith(`Chào ${official!.name}, việc hôm nay (`)).toBe(true);
      expect(m.text.split("\n")[0]).toContain(` ${date}/${month}):`);
      expect(m.buttons.map((b) => b.title)).toContain("Đã nhận");
    }
    // One digest per official.
    expect(new Set(direct.map((m) => m.recipient.id)).size).toBe(direct.length);

    // The page reads a persona's messages through its own API.
    const persona = direct[0]!.recipient.id;
    const page = await request(service.server)
      .get("/sandbox/api/messages")
      .query({ since: seq, zaloUserId: persona })
      .expect(200);
    expect(page.body.direct.map((m: FakeZaloMessage) => m.text)).toContain(direct[0]!.text);
  });

  it("shows a job's group posts through /sandbox/api/messages", async () => {
    const groups = (await request(service.server).get("/sandbox/api/groups").expect(200)).body.groups as {
      groupId: string;
      purpose: string;
    }[];
    const desk = groups.find((g) => g.purpose === "one_stop_desk")!;
    expect(desk).toBeDefined();

    const seq = lastSeq();
    const res = await request(service.server)
      .post("/sandbox/api/jobs/dossier-alerts/run")
      .send({ at: `${day}T09:00` })
      .expect(200);
    expect(res.body.sent).toBeGreaterThan(0);
    await received(seq, res.body.sent);

    const page = await request(service.server).get("/sandbox/api/messages").query({ since: seq }).expect(200);
    const posts = page.body.groups as FakeZaloMessage[];
    expect(posts.every((m) => m.recipient.type === "group")).toBe(true);
    expect(posts.filter((m) => m.recipient.id === desk.groupId).map((m) => m.text)).toContainEqual(
      expect.stringMatching(/^Hồ sơ vừa quá hạn \(\d+\):/),
    );
  });

  it.each([
    "tomorrow",
    "07:30",
    "2026-13-45T07:30",
    "2026-02-30T07:30",
    "2026-12-07T29:30",
    "2026-12-07T07:30+07:00",
  ])("answers a bad clock (%s) with 400 and runs nothing", async (at) => {
    const runs = await prisma().jobRun.count();
    const res = await request(service.server)
      .post("/sandbox/api/jobs/morning-digest/run")
      .send({ at })
      .expect(400);
    expect(res.body.error).toEqual(expect.any(String));
    expect(await prisma().jobRun.count()).toBe(runs);
  });

  it("answers an unknown job with 404", async () => {
    await request(service.server).post("/sandbox/api/jobs/nightly-digest/run").send({}).expect(404);
  });
});
