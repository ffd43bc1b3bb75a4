import { readFileSync } from "node:fs";
import type { Express } from "express";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { adminPlanRouter } from "../../src/http/admin-plan.js";
import { createApp } from "../../src/http/app.js";
import { createLogger } from "../../src/logger.js";
import {
  CHANH_LO_DEPARTMENTS,
  communeWith,
  TASK_LIST,
  TASK_LIST_XLSX,
} from "../domain/imports/plan-fixtures.js";
import { createTestDatabase, providers } from "../support/test-database.js";

const TOKEN = "admin-token-for-tests-0123456789";
const auth = { Authorization: `Bearer ${TOKEN}` };
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The plan endpoint in the service's own app, so that its error handling is the real one. */
describe.each(providers())("admin API for a commune's plan on %s", (provider) => {
  let db: Database;
  let app: Express;
  let slug: string;
  let communeId: string;
  const csv = readFileSync(TASK_LIST);
  const taskCount = () => db.prisma.task.count({ where: { communeId } });

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    ({ slug, communeId } = await communeWith(db.prisma, CHANH_LO_DEPARTMENTS));
    app = createApp({
      log: createLogger("silent"),
      health: {
        db,
        scheduler: () => ({ state: "running", timeZone: "Asia/Ho_Chi_Minh", jobs: [] }),
        zalo: () => ({ mode: "sandbox", token: "ok" }),
        draining: () => false,
      },
      mount: (a) => a.use(adminPlanRouter({ token: TOKEN, prisma: db.prisma })),
    });
  });
  afterAll(() => db.close());

  it("refuses requests without the right bearer token, and imports nothing for them", async () => {
    const url = `/admin/communes/${slug}/plan?year=2024`;
    await request(app).post(url).set("Content-Type", "text/csv").send(csv).expect(401);
    await request(app)
      .post(url)
      .set("Authorization", "Bearer wrong")
      .set("Content-Type", "text/csv")
      .send(csv)
      .expect(401);
    expect(await taskCount()).toBe(0);
  });

  it("answers the report of a dry run, then of the import, then of the same file again", async () => {
    const post = (query: string) =>
      request(app)
        .post(`/admin/communes/${slug}/plan?${query}`)
        .set(auth)
        .set("Content-Type", "text/csv; charset=utf-8")
        .send(csv);
    const dry = await post("year=2024&dryRun=true").expect(200);
    expect(dry.body).toMatchObject({ rows: 24, created: 24, dryRun: true, planId: null, planCreated: true });
    expect(await taskCount()).toBe(0);

    const done = await post(
      "year=2024&document=232%2FKH-UBND&title=K%E1%BA%BF%20ho%E1%BA%A1ch%20CCHC%202024",
    ).expect(200);
    expect(done.body).toMatchObject({
      rows: 24,
      created: 24,
      updated: 0,
      unchanged: 0,
      bad: [],
      dryRun: false,
    });
    expect(done.body.warnings).toHaveLength(4);
    expect(done.body.warnings[0]).toEqual({
      line: 10,
      message: expect.stringMatching(/^không hiểu thời hạn "Theo thời hạn quy định/),
    });
    expect(await taskCount()).toBe(24);
    expect(await db.prisma.plan.findUniqueOrThrow({ where: { id: done.body.planId } })).toMatchObject({
      year: 2024,
      title: "Kế hoạch CCHC 2024",
      documentNo: "232/KH-UBND",
    });
    const audit = await db.prisma.auditLog.findMany({ where: { communeId } });
    expect(audit.every((a) => a.channel === "admin_api" && a.actorLabel === "operator")).toBe(true);

    const again = await post("year=2024&document=232%2FKH-UBND").expect(200);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 24, planId: done.body.planId });
  });

  it("takes the workbook as well", async () => {
    const other = await communeWith(db.prisma, CHANH_LO_DEPARTMENTS);
    const res = await request(app)
      .post(`/admin/communes/${other.slug}/plan?year=2024`)
      .set(auth)
      .set("Content-Type", XLSX)
      .send(readFileSync(TASK_LIST_XLSX))
      .expect(200);
    expect(res.body).toMatchObject({ rows: 24, created: 24, bad: [] });
  });

  it("answers 400 for a file it cannot read, 415 for another type and 404 for an unknown commune", async () => {
    const post = (path: string, type: string, body: Buffer | string) =>
      request(app).post(path).set(auth).set("Content-Type", type).send(body);
    const url = `/admin/communes/${slug}/plan?year=2024`;
    const broken = await post(url, XLSX, Buffer.from("PK not really a workbook")).expect(400);
    expect(broken.body.error).toMatch(/^không đọc được tệp Excel/);
    const noHeader = await post(url, "text/csv", "a,b,c\n1,2,3\n").expect(400);
    expect(noHeader.body.error).toMatch(/^không tìm thấy dòng tiêu đề cột/);
    expect((await post(url, "text/csv", "").expect(400)).body.error).toMatch(/body is empty/);
    expect((await post(`/admin/communes/${slug}/plan`, "text/csv", csv).expect(400)).body.error).toMatch(
      /year/,
    );
    expect(
      (await post(`/admin/communes/${slug}/plan?year=24`, "text/csv", csv).expect(400)).body.error,
    ).toMatch(/year/);
    const pdf = await post(url, "application/pdf", "%PDF").expect(415);
    expect(pdf.body.types).toContain("text/csv");
    await post(`/admin/communes/nowhere/plan?year=2024`, "text/csv", csv).expect(404);
    expect(await taskCount()).toBe(24);
  });
});
