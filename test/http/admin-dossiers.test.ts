import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import type { Express } from "express";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { adminDossiersRouter } from "../../src/http/admin-dossiers.js";
import { createApp } from "../../src/http/app.js";
import { captureLog } from "../support/capture-log.js";
import { createDossierCommune, SAMPLE_EXPORT } from "../support/dossier-commune.js";
import { createTestDatabase, providers } from "../support/test-database.js";

const TOKEN = "admin-token-for-tests-0123456789";
const auth = { Authorization: `Bearer ${TOKEN}` };
const SAMPLE = readFileSync(SAMPLE_EXPORT);

/** A record as a one-stop system would push it. */
const pushed = (tail: string, fields: Record<string, unknown> = {}) => ({
  receiptCode: `000.00.21.H45-${tail}`,
  procedureCode: "1.001193",
  procedureName: "Thủ tục đăng ký khai sinh",
  applicantName: "Nguyễn Văn Đẩy",
  applicantPhone: "0912 765 432",
  channel: "Trực tuyến",
  onlineLevel: "Toàn trình",
  receivedAt: "2026-12-07T08:30:00+07:00",
  dueAt: "08/12/2026 17:00",
  status: "Đang xử lý",
  handler: "Nguyễn Thị Thu Hà",
  department: "Tư pháp",
  digitised: true,
  paidOnline: false,
  ...fields,
});

/**
 * The dossier endpoints mounted in the service's own app (so its body-parser errors and
 * logging are the real ones), on a commune with the demo's staff and the real catalogue.
 */
describe.each(providers())("admin API for a commune's dossiers on %s", (provider) => {
  let db: Database;
  let app: Express;
  let slug: string;
  let communeId: string;
  let logged: () => string;

  const count = () => db.prisma.dossier.count({ where: { communeId } });

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    ({ slug, communeId } = await createDossierCommune(db.prisma));
    const { log, text } = captureLog();
    logged = text;
    app = createApp({
      log,
      health: {
        db,
        scheduler: () => ({ state: "running", timeZone: "Asia/Ho_Chi_Minh", jobs: [] }),
        zalo: () => ({ mode: "sandbox", token: "ok" }),
        draining: () => false,
      },
      mount: (a) => {
        a.use(adminDossiersRouter({ token: TOKEN, prisma: db.prisma, log }));
      },
    });
  }, 60_000);
  afterAll(() => db.close());

  it("refuses requests without the right bearer token, and imports nothing for them", async () => {
    const body = { dossiers: [pushed("261207-0001")] };
    await request(app).post(`/admin/communes/${slug}/dossiers`).send(body).expect(401);
    await request(app)
      .post(`/admin/communes/${slug}/dossiers`)
      .set("Authorization", `Bearer ${TOKEN}x`)
      .send(body)
      .expect(401);
    await request(app)
      .post(`/admin/communes/${slug}/dossiers/import`)
      .set("Authorization", TOKEN)
      .set("Content-Type", "text/csv")
      .send(SAMPLE)
      .expect(401);
    expect(await count()).toBe(0);
  });

  it("answers 404 for a commune it does not know", async () => {
    const push = await request(app)
      .post("/admin/communes/xa-khong-co/dossiers")
      .set(auth)
      .send({ dossiers: [pushed("261207-0001")] })
      .expect(404);
    expect(push.body.error).toMatch(/xa-khong-co/);
    await request(app)
      .post("/admin/communes/xa-khong-co/dossiers/import")
      .set(auth)
      .set("Content-Type", "text/csv")
      .send(SAMPLE)
      .expect(404);
  });

  it.each([
    ["an array", [pushed("261207-0001")], /expected object/],
    ["no dossiers", { records: [] }, /dossiers|records/],
    ["dossiers not a list", { dossiers: pushed("261207-0001") }, /^dossiers: /],
    ["an unknown field", { dossiers: [pushed("261207-0001", { recieptCode: "x" })] }, /recieptCode/],
    [
      "a field of the wrong type",
      { dossiers: [pushed("261207-0001", { status: { code: 1 } })] },
      /^dossiers\.0\.status: expected a text/,
    ],
  ])("answers 400 with the reason for a body with %s", async (_what, body, reason) => {
    const res = await request(app).post(`/admin/communes/${slug}/dossiers`).set(auth).send(body).expect(400);
    expect(res.body.error).toMatch(reason);
    expect(await count()).toBe(0);
  });

  it("answers 400 for what is not JSON, a dryRun it cannot read, and an upload that is not a table", async () => {
    await request(app)
      .post(`/admin/communes/${slug}/dossiers`)
      .set(auth)
      .set("Content-Type", "application/json")
      .send('{"dossiers": [')
      .expect(400);
    const dry = await request(app)
      .post(`/admin/communes/${slug}/dossiers?dryRun=maybe`)
      .set(auth)
      .send({ dossiers: [] })
      .expect(400);
    expect(dry.body.error).toMatch(/dryRun/);
    const empty = await request(app).post(`/admin/communes/${slug}/dossiers/import`).set(auth).expect(400);
    expect(empty.body.error).toMatch(/CSV or XLSX/);
    const notTable = await request(app)
      .post(`/admin/communes/${slug}/dossiers/import`)
      .set(auth)
      .set("Content-Type", "text/csv")
      .send("a,b,c\n1,2,3\n")
      .expect(400);
    expect(notTable.body.error).toMatch(/không tìm thấy dòng tiêu đề/);
    const damaged = await request(app)
      .post(`/admin/communes/${slug}/dossiers/import`)
      .set(auth)
      .set("Content-Type", "application/octet-stream")
      .send(Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(64, 1)]))
      .expect(400);
    expect(damaged.body.error).toMatch(/không đọc được tệp/);
    expect(await count()).toBe(0);
  });

  it("imports pushed records like file rows and answers the report", async () => {
    const body = {
      dossiers: [
        pushed("261207-0001"),
        pushed("261207-0002", { receivedAt: "07/13/2026 08:00" }),
        pushed("261207-0003", { handler: "Người Lạ", applicantPhone: null, paidOnline: "có" }),
      ],
    };
    const dry = await request(app).post(`/admin/communes/${slug}/dossiers?dryRun=true`).set(auth).send(body);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, rows: 3, created: 2 });
    expect(await count()).toBe(0);

    const res = await request(app).post(`/admin/communes/${slug}/dossiers`).set(auth).send(body).expect(200);
    expect(res.body).toEqual({
      dryRun: false,
      rows: 3,
      created: 2,
      updated: 0,
      unchanged: 0,
      bad: [
        { line: 2, message: expect.stringMatching(/^ngày tiếp nhận "07\/13\/2026 08:00" không đọc được/) },
      ],
      warnings: [{ line: 3, message: expect.stringMatching(/^không có cán bộ "Người Lạ"/) }],
    });
    const first = await db.prisma.dossier.findUniqueOrThrow({
      where: { communeId_receiptCode: { communeId, receiptCode: "000.00.21.H45-261207-0001" } },
    });
    expect(first).toMatchObject({
      channel: "online",
      onlineLevel: "full",
      receivedAt: new Date("2026-12-07T01:30:00Z"),
      dueAt: new Date("2026-12-08T10:00:00Z"),
      status: "processing",
      applicantPhone: "0912765432",
      digitised: true,
      paidOnline: false,
    });
    expect(first.handlerId).not.toBeNull();
    const third = await db.prisma.dossier.findUniqueOrThrow({
      where: { communeId_receiptCode: { communeId, receiptCode: "000.00.21.H45-261207-0003" } },
    });
    expect(third).toMatchObject({ handlerId: null, applicantPhone: null, paidOnline: true });

    const again = await request(app)
      .post(`/admin/communes/${slug}/dossiers`)
      .set(auth)
      .send(body)
      .expect(200);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const returned = await request(app)
      .post(`/admin/communes/${slug}/dossiers`)
      .set(auth)
      .send({
        dossiers: [pushed("261207-0001", { status: "Đã trả kết quả", returnedAt: "08/12/2026 09:10" })],
      })
      .expect(200);
    expect(returned.body).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    expect(logged()).not.toMatch(/765 ?432/);
  });

  it("imports an uploaded export, CSV or XLSX, with ?dryRun= to check it first", async () => {
    const dry = await request(app)
      .post(`/admin/communes/${slug}/dossiers/import?dryRun=1`)
      .set(auth)
      .set("Content-Type", "text/csv")
      .send(SAMPLE)
      .expect(200);
    expect(dry.body).toMatchObject({ dryRun: true, rows: 33, created: 33, bad: [] });
    const before = await count();
    expect(before).toBe(2);

    const res = await request(app)
      .post(`/admin/communes/${slug}/dossiers/import`)
      .set(auth)
      .set("Content-Type", "text/csv")
      .send(SAMPLE)
      .expect(200);
    expect(res.body).toMatchObject({ dryRun: false, rows: 33, created: 33, updated: 0, bad: [] });
    expect(res.body.warnings).toHaveLength(2);
    expect(await count()).toBe(before + 33);

    // The same rows as a workbook: nothing to change.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Sheet1");
    const { parse } = await import("csv-parse/sync");
    for (const record of parse(SAMPLE, { bom: true, relax_column_count: true }) as string[][]) {
      sheet.addRow(record);
    }
    const xlsx = await request(app)
      .post(`/admin/communes/${slug}/dossiers/import?dryRun=false`)
      .set(auth)
      .set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      .send(Buffer.from(await workbook.xlsx.writeBuffer()))
      .expect(200);
    expect(xlsx.body).toMatchObject({ rows: 33, created: 0, updated: 0, unchanged: 33, bad: [] });
    const text = logged();
    expect(text).toMatch(/"msg":"dossier import"/);
    expect(text).not.toMatch(/0912 ?345 ?601|912345601/);
  });
});
