import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import type { Express } from "express";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/db/client.js";
import { resolveDatabaseUrl } from "../../src/db/database-url.js";
import { reportData } from "../../src/domain/reports/report-data.js";
import { quarterPeriod } from "../../src/domain/reports/report-period.js";
import { SHEETS } from "../../src/domain/reports/report-workbook.js";
import { adminReportRouter } from "../../src/http/admin-report.js";
import { createApp } from "../../src/http/app.js";
import { createLogger } from "../../src/logger.js";
import { createReportCommune, NOW } from "../domain/reports/report-fixture.js";
import { createTestDatabase, freshSqliteUrl, providers } from "../support/test-database.js";

const TOKEN = "admin-token-for-tests-0123456789";
const auth = { Authorization: `Bearer ${TOKEN}` };

async function readWorkbook(data: Buffer | Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  return workbook;
}

/** The form's rows by "STT | label" → the figure in column D. */
function formValues(workbook: ExcelJS.Workbook): Map<string, unknown> {
  const sheet = workbook.getWorksheet(SHEETS.form)!;
  const values = new Map<string, unknown>();
  sheet.eachRow((row) => {
    const no = String(row.getCell(1).value ?? "");
    const label = String(row.getCell(2).value ?? "");
    values.set(`${no} ${label}`.trim(), row.getCell(4).value);
  });
  return values;
}

const find = (values: Map<string, unknown>, start: string) => {
  const key = [...values.keys()].find((k) => k.startsWith(start));
  if (!key) throw new Error(`no row ${start}`);
  return values.get(key);
};

describe.each(providers())("the CCHC report as XLSX on %s", (provider) => {
  let db: Database;
  let app: Express;
  let slug: string;
  let communeId: string;

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    ({ communeId } = await createReportCommune(db.prisma));
    slug = (await db.prisma.commune.findUniqueOrThrow({ where: { id: communeId } })).slug;
    app = createApp({
      log: createLogger("silent"),
      health: {
        db,
        scheduler: () => ({ state: "running", timeZone: "Asia/Ho_Chi_Minh", jobs: [] }),
        zalo: () => ({ mode: "sandbox", token: "ok" }),
        draining: () => false,
      },
      mount: (a) => a.use(adminReportRouter({ token: TOKEN, prisma: db.prisma })),
    });
  });
  afterAll(() => db.close());

  it("downloads a workbook whose numbers are the report figures, in the form's layout", async () => {
    const res = await request(app)
      .get(`/admin/communes/${slug}/report?period=q2-2026&at=${NOW.toISOString()}`)
      .set(auth)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on("data", (c: Buffer) => chunks.push(c));
        r.on("end", () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    expect(res.headers["content-disposition"]).toContain(`bao-cao-cchc-${slug}-2026-04-01-2026-06-30.xlsx`);
    const workbook = await readWorkbook(res.body as Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      SHEETS.form,
      SHEETS.fields,
      SHEETS.departments,
      SHEETS.risks,
    ]);

    const data = await reportData(db.prisma, communeId, quarterPeriod(2026, 2), NOW);
    const d = data.figures.dossiers;
    const v = formValues(workbook);
    // The form's numbering and wording.
    expect(find(v, "3.1.1 Tổng số hồ sơ TTHC đã giải quyết xong")).toBe(d.resolved);
    expect(find(v, "3.1.2 Số hồ sơ TTHC giải quyết đúng hạn")).toBe(d.resolvedEarly + d.resolvedOnTime);
    expect(find(v, "3.1 Tỷ lệ hồ sơ TTHC")).toBe(d.onTimeRate);
    expect(find(v, "– Trong đó: trước hạn")).toBe(4);
    expect(find(v, "– Trong đó: đúng hạn")).toBe(2);
    expect(find(v, "– Số hồ sơ giải quyết trễ hạn")).toBe(2);
    expect(find(v, "– Số hồ sơ kỳ trước chuyển qua")).toBe(3);
    expect(find(v, "2.4.1 Tổng số hồ sơ TTHC đã tiếp nhận")).toBe(10);
    expect(find(v, "2.4.2 Số hồ sơ TTHC đã tiếp nhận trực tuyến")).toBe(4);
    expect(find(v, "3.3.1 Tổng số PAKN")).toBe(2);
    expect(find(v, "3.3.2 Số PAKN đã giải quyết xong")).toBe(1);
    expect(find(v, "4.2 Số nhiệm vụ đã hoàn thành đúng hạn")).toBe(data.figures.districtTasks.doneOnTime);
    expect(find(v, "4.4 Số nhiệm vụ quá hạn nhưng chưa hoàn thành")).toBe(1);
    expect(find(v, "2.1 Số nhiệm vụ đề ra trong kế hoạch")).toBe(data.year.planTasks.total);
    expect(find(v, "2.2 Số nhiệm vụ đã hoàn thành")).toBe(data.year.planTasks.done);
    expect(find(v, "3.11.1 Tỷ lệ số hóa")).toBe(0.3);
    // A line the data cannot fill stays empty for the office.
    expect(find(v, "1 Số văn bản chỉ đạo CCHC")).toBeNull();

    const fields = workbook.getWorksheet(SHEETS.fields)!;
    const total = fields.getRow(fields.rowCount);
    expect(total.getCell(1).value).toBe("Tổng cộng");
    expect(total.getCell(2).value).toBe(d.received);
    expect(total.getCell(7).value).toBe(d.resolved);

    const risks = workbook.getWorksheet(SHEETS.risks)!;
    const firstRisk = risks.getRow(5);
    expect(firstRisk.getCell(1).value).toBe(data.risks[0]!.code);
    expect(firstRisk.getCell(8).value).toBe(data.risks[0]!.pointsAtRisk);
    expect(risks.rowCount - 4).toBe(data.risks.length);
  });

  it("answers JSON, and refuses bad input with the reason", async () => {
    const json = await request(app)
      .get(`/admin/communes/${slug}/report?period=6t-2026&format=json&at=${NOW.toISOString()}`)
      .set(auth)
      .expect(200);
    expect(json.body.period.label).toBe("6 tháng đầu năm 2026");
    expect(json.body.figures.dossiers.received).toBe(14);
    await request(app).get(`/admin/communes/${slug}/report`).expect(401);
    const bad = await request(app).get(`/admin/communes/${slug}/report?period=quy-nam`).set(auth).expect(400);
    expect(bad.body.error).toContain("q1-2026");
    await request(app).get(`/admin/communes/khong-co/report?period=2026`).set(auth).expect(404);
  });
});

describe("operator CLI: report", () => {
  const url = freshSqliteUrl();
  let db: Database;
  let slug: string;
  let communeId: string;
  beforeAll(async () => {
    db = await openDatabase(resolveDatabaseUrl(url));
    ({ communeId } = await createReportCommune(db.prisma));
    slug = (await db.prisma.commune.findUniqueOrThrow({ where: { id: communeId } })).slug;
  }, 60_000);
  afterAll(() => db.close());

  it("writes the XLSX with the same figures", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "bao-cao-")), "q2.xlsx");
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        "--import",
        "tsx",
        "src/cli/index.ts",
        "report",
        "--commune",
        slug,
        "--period",
        "q2-2026",
        "--at",
        NOW.toISOString(),
        "--out",
        out,
      ],
      { env: { PATH: process.env.PATH ?? "", DATABASE_URL: url, LOG_LEVEL: "silent" } },
    );
    expect(JSON.parse(stdout.trim().split("\n").at(-1)!)).toEqual({
      file: out,
      period: "quý II/2026",
      received: 10,
      resolved: 8,
      onTimeRate: 0.75,
    });
    const v = formValues(await readWorkbook(readFileSync(out)));
    expect(find(v, "3.1.1 Tổng số hồ sơ TTHC đã giải quyết xong")).toBe(8);
  }, 60_000);
});
