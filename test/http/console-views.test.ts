import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Express } from "express";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { createConsoleSession } from "../../src/domain/console/console-access.js";
import type { ImportReport } from "../../src/domain/imports/report.js";
import { reportData } from "../../src/domain/reports/report-data.js";
import { reportFigures } from "../../src/domain/reports/report-figures.js";
import { monthPeriod, quarterPeriod } from "../../src/domain/reports/report-period.js";
import { createApp } from "../../src/http/app.js";
import { consoleRouter } from "../../src/http/console/console-router.js";
import type { JobRunner } from "../../src/jobs/runner.js";
import { createLogger } from "../../src/logger.js";
import { projectRoot } from "../../src/paths.js";
import { InboxStore } from "../../src/zalo/inbox.js";
import { OutboxStore } from "../../src/zalo/outbox.js";
import { createReportCommune, NOW } from "../domain/reports/report-fixture.js";
import { createDossierCommune, SAMPLE_EXPORT } from "../support/dossier-commune.js";
import { createTestDatabase, providers } from "../support/test-database.js";

const pct = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);
const chartDataOf = (html: string) =>
  JSON.parse(/<script type="application\/json" id="chart-data">(.*?)<\/script>/s.exec(html)![1]!) as {
    departments: { labels: string[]; overdueDossiers: number[]; overdueTasks: number[] };
    rates: { actual: (number | null)[]; target: (number | null)[] };
    trend: { labels: string[]; onTimeRate: (number | null)[]; received: number[]; resolved: number[] };
  };

describe.each(providers())("the web console's views on %s", (provider) => {
  let db: Database;
  let app: Express;
  let communeId: string;
  let leaderCookie: string;
  let operator: { cookie: string; csrf: string };

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    ({ communeId } = await createReportCommune(db.prisma));
    const leader = await db.prisma.official.findFirstOrThrow({ where: { communeId, role: "leader" } });
    app = createApp({
      log: createLogger("silent"),
      health: {
        db,
        scheduler: () => ({ state: "running", timeZone: "Asia/Ho_Chi_Minh", jobs: [] }),
        zalo: () => ({ mode: "sandbox", token: "ok" }),
        draining: () => false,
      },
      mount: (a) =>
        a.use(
          consoleRouter({
            prisma: db.prisma,
            log: createLogger("silent"),
            adminToken: "console-admin-token-0123456789",
            publicBaseUrl: "http://localhost:3000",
            production: false,
            jobs: {} as JobRunner,
            schedules: {},
            timeZone: "Asia/Ho_Chi_Minh",
            inbox: new InboxStore(db.prisma),
            outbox: new OutboxStore(db.prisma),
            now: () => NOW,
          }),
        ),
    });
    const l = await createConsoleSession(db.prisma, { role: "official", officialId: leader.id }, NOW);
    leaderCookie = `console_session=${l.token}`;
    const o = await createConsoleSession(db.prisma, { role: "operator" }, NOW);
    operator = { cookie: `console_session=${o.token}`, csrf: o.csrfToken };
  }, 60_000);
  afterAll(() => db.close());

  it("shows the leader the report function's own numbers for the chosen period, as chart data and cards", async () => {
    const res = await request(app)
      .get("/console/leader?period=q2-2026")
      .set("Cookie", leaderCookie)
      .expect(200);
    const data = await reportData(db.prisma, communeId, quarterPeriod(2026, 2), NOW);
    const d = data.figures.dossiers;
    const charts = chartDataOf(res.text);
    expect(charts.rates.actual).toEqual([pct(d.onTimeRate), pct(d.digitisationRate), pct(d.paidOnlineRate)]);
    const target = (m: string) => pct(data.risks.find((r) => r.measure === m)?.target ?? null);
    expect(charts.rates.target).toEqual([null, target("digitisation_rate"), target("paid_online_rate")]);
    expect(charts.departments.labels).toEqual(data.figures.byDepartment.map((x) => x.department));
    expect(charts.departments.overdueDossiers).toEqual(
      data.figures.byDepartment.map((x) => x.dossiers.overdue),
    );
    expect(charts.departments.overdueTasks).toEqual(
      data.figures.byDepartment.map((x) => x.planTasks.overdue + x.districtTasks.overdue),
    );
    // April to June 15th: three months, each the report's figures for that month.
    expect(charts.trend.labels).toEqual(["T4/2026", "T5/2026", "T6/2026"]);
    const months = await Promise.all(
      [4, 5, 6].map((m) => reportFigures(db.prisma, communeId, monthPeriod(2026, m).range, NOW)),
    );
    expect(charts.trend.received).toEqual(months.map((m) => m.dossiers.received));
    expect(charts.trend.onTimeRate).toEqual(months.map((m) => pct(m.dossiers.onTimeRate)));
    expect(d.received).toBeGreaterThan(0);
    expect(res.text).toContain(`<div class="value">${String(d.overdue)}</div>`);
    for (const r of data.risks) expect(res.text).toContain(`<td>${r.code}</td>`);
    expect(res.text).toContain("quý II/2026");
    // Readable on a phone.
    expect(res.text).toContain('name="viewport" content="width=device-width, initial-scale=1"');
  });

  it("downloads the period's XLSX report and refuses a period it cannot read", async () => {
    const xlsx = await request(app)
      .get("/console/report.xlsx?period=q2-2026")
      .set("Cookie", leaderCookie)
      .expect(200);
    expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
    expect(xlsx.headers["content-disposition"]).toContain("2026-04-01-2026-06-30.xlsx");
    const bad = await request(app)
      .get("/console/leader?period=quy-nam")
      .set("Cookie", leaderCookie)
      .expect(400);
    expect(bad.text).toContain("q1-2026");
  });

  it("imports the operator's dossier file and answers the row-numbered report", async () => {
    const { slug } = await createDossierCommune(db.prisma);
    const file = Buffer.concat([
      readFileSync(SAMPLE_EXPORT),
      Buffer.from(
        "99,000.00.21.H45-261299-9999,1.001193,Đăng ký khai sinh,Hộ tịch,Ai Đó,,Trực tiếp,,13/45/2026 08:00,,,Đang xử lý,,,,,,,\n",
      ),
    ]);
    const res = await request(app)
      .post(`/console/operator/dossiers/import?commune=${slug}&name=ho-so.csv`)
      .set("Cookie", operator.cookie)
      .set("x-csrf-token", operator.csrf)
      .set("Content-Type", "application/octet-stream")
      .send(file)
      .expect(200)
      .expect("content-type", /ndjson/);
    const lines = res.text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { done?: number; report?: ImportReport });
    // Progress first, counting up to every row, then the report.
    expect(lines.at(-2)).toEqual({ done: 34 });
    const report = lines.at(-1)!.report!;
    expect(report.created).toBeGreaterThan(10);
    expect(report.bad).toContainEqual({
      line: 37,
      message: expect.stringContaining('ngày tiếp nhận "13/45/2026 08:00" không đọc được'),
    });
    // A leader cannot import.
    const leader = await request(app)
      .post(`/console/operator/dossiers/import?commune=${slug}`)
      .set("Cookie", leaderCookie)
      .send(file);
    expect(leader.status).toBe(403);
    // A file that is not a table is refused before anything is written.
    const notTable = await request(app)
      .post(`/console/operator/dossiers/import?commune=${slug}&name=x.csv`)
      .set("Cookie", operator.cookie)
      .set("x-csrf-token", operator.csrf)
      .set("Content-Type", "text/csv")
      .send("a,b,c\n1,2,3\n")
      .expect(400);
    expect(notTable.body.error).toBeTruthy();
  });

  it("imports the year's CCHC plan from the operator's upload", async () => {
    const { slug, communeId: planCommune } = await createDossierCommune(db.prisma);
    const file = readFileSync(join(projectRoot, "assets/samples/ke-hoach-cchc-nhiem-vu.csv"));
    const post = (query: string) =>
      request(app)
        .post(`/console/operator/plan/import?commune=${slug}&name=ke-hoach.csv${query}`)
        .set("Cookie", operator.cookie)
        .set("x-csrf-token", operator.csrf)
        .set("Content-Type", "application/octet-stream")
        .send(file);
    expect((await post("").expect(400)).body.error).toContain("năm");
    const res = await post("&year=2026").expect(200);
    const report = JSON.parse(res.text.trim().split("\n").at(-1)!).report as ImportReport & {
      planId: string;
    };
    expect(report.created).toBeGreaterThan(0);
    expect(await db.prisma.task.count({ where: { communeId: planCommune, planId: report.planId } })).toBe(
      report.created,
    );
  });

  it("imports the officials' list from the operator's upload, with its bad rows by number", async () => {
    const { slug, communeId: other } = await createDossierCommune(db.prisma);
    const res = await request(app)
      .post(`/console/operator/officials/import?commune=${slug}&name=can-bo.csv`)
      .set("Cookie", operator.cookie)
      .set("x-csrf-token", operator.csrf)
      .set("Content-Type", "text/csv")
      .send(
        "Họ và tên,Chức danh,Vai trò,Bộ phận,Số điện thoại\nTrần Mới,Công chức,Cán bộ,,0912 000 555\nKhông Số,Công chức,Cán bộ,,\n",
      )
      .expect(200);
    const report = JSON.parse(res.text.trim().split("\n").at(-1)!).report as ImportReport;
    expect(report.created).toBe(1);
    expect(report.bad).toEqual([{ line: 3, message: expect.stringContaining("thiếu số điện thoại") }]);
    expect(await db.prisma.official.count({ where: { communeId: other, name: "Trần Mới" } })).toBe(1);
  });

  it("retries a failed outbox row from the operator's page", async () => {
    const row = await db.prisma.outboxMessage.create({
      data: {
        idempotencyKey: `console-test-${provider}`,
        recipientType: "user",
        recipientId: "zalo-x",
        kind: "text",
        payload: "{}",
        status: "failed",
        attempts: 5,
        lastError: "Zalo 500",
      },
    });
    const page = await request(app).get("/console/operator").set("Cookie", operator.cookie).expect(200);
    expect(page.text).toContain(`/console/operator/outbox/${row.id}/retry`);
    expect(page.text).toContain("Tình trạng triển khai");
    expect(page.text).toContain("morning-digest");
    const res = await request(app)
      .post(`/console/operator/outbox/${row.id}/retry`)
      .set("Cookie", operator.cookie)
      .type("form")
      .send({ _csrf: operator.csrf })
      .expect(303);
    expect(new URL(res.headers.location!, "http://x").searchParams.get("notice")).toBe(
      "Đã xếp tin nhắn để gửi lại.",
    );
    expect((await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).status).toBe(
      "pending",
    );
  });

  it("replays a parked event, issues and revokes link codes, and edits the days off, each audited", async () => {
    const form = (path: string, fields: Record<string, string> = {}) =>
      request(app)
        .post(path)
        .set("Cookie", operator.cookie)
        .type("form")
        .send({ _csrf: operator.csrf, ...fields });
    const parked = await db.prisma.inboxEvent.create({
      data: {
        eventName: "user_send_text",
        dedupeKey: `console-parked-${provider}`,
        orderKey: "user:x",
        payload: "{}",
        status: "parked",
        attempts: 8,
        lastError: "boom",
      },
    });
    const page = await request(app).get("/console/operator").set("Cookie", operator.cookie).expect(200);
    expect(page.text).toContain(`/console/operator/inbox/${parked.id}/replay`);
    await form(`/console/operator/inbox/${parked.id}/replay`).expect(303);
    expect((await db.prisma.inboxEvent.findUniqueOrThrow({ where: { id: parked.id } })).status).toBe(
      "pending",
    );

    const official = await db.prisma.official.findFirstOrThrow({ where: { communeId, role: "leader" } });
    const issued = await form(`/console/operator/officials/${official.id}/link-code`).expect(200);
    // The code is shown once, in the page, and never put in a URL.
    expect(issued.text).toMatch(/Mã liên kết của Lê Lãnh Đạo: \d{6}/);
    await form(`/console/operator/officials/${official.id}/revoke`).expect(303);
    expect(
      await db.prisma.linkCode.count({ where: { officialId: official.id, revokedAt: null, usedAt: null } }),
    ).toBe(0);

    const slug = (await db.prisma.commune.findUniqueOrThrow({ where: { id: communeId } })).slug;
    await form("/console/operator/holidays", {
      commune: slug,
      date: "2026-12-26",
      name: "Làm bù",
      kind: "working_day",
      scope: "commune",
    }).expect(303);
    expect(
      await db.prisma.holiday.count({ where: { communeId, date: "2026-12-26", kind: "working_day" } }),
    ).toBe(1);
    const bad = await form("/console/operator/holidays", {
      commune: slug,
      date: "26/12",
      name: "x",
      scope: "commune",
    });
    expect(new URL(bad.headers.location!, "http://x").searchParams.get("notice")).toBeTruthy();
    await form("/console/operator/holidays/2026-12-26/delete", { commune: slug, scope: "commune" }).expect(
      303,
    );
    expect(await db.prisma.holiday.count({ where: { communeId, date: "2026-12-26" } })).toBe(0);

    const audited = await db.prisma.auditLog.findMany({ where: { communeId, channel: "console" } });
    expect(new Set(audited.map((a) => a.action)).size).toBeGreaterThanOrEqual(3);
    const log = await request(app)
      .get(`/console/operator?commune=${slug}&entity=holiday`)
      .set("Cookie", operator.cookie)
      .expect(200);
    const auditRows = /<section id="audit"[\s\S]*<\/section>/.exec(log.text)![0];
    expect(auditRows).toContain("<td>holiday</td>");
    expect(auditRows).not.toContain("<td>official</td>");
  });
});
