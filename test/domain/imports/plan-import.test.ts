import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.js";
import { importPlan } from "../../../src/domain/imports/plan-import.js";
import { reportLines } from "../../../src/domain/imports/report.js";
import { createTestDatabase, providers } from "../../support/test-database.js";
import {
  APPENDIX,
  CHANH_LO_DEPARTMENTS,
  cliContext,
  communeWith,
  storedTasks,
  TASK_LIST,
  TASK_LIST_XLSX,
} from "./plan-fixtures.js";

type Row = [key: string, lead: string | null, cooperators: string[], dueDates: string[] | "ongoing" | "none"];

const Q2_Q4 = ["2023-06-30", "2023-12-31"];
/** Every task of the appendix (xã Triệu An, 2023) against the demo commune's departments. */
const APPENDIX_TASKS: Row[] = [
  ["plan:2023:I.1", "VP", ["TP"], "ongoing"],
  ["plan:2023:I.2", "TP", [], ["2023-01-31"]],
  ["plan:2023:I.3", "VP", ["TP"], ["2023-12-31"]],
  ["plan:2023:II.1", "VP", [], ["2023-01-31"]],
  ["plan:2023:II.2", null, ["VP"], "ongoing"],
  ["plan:2023:II.3", "VP", [], "ongoing"],
  ["plan:2023:II.4", "MC", [], "ongoing"],
  ["plan:2023:II.5", "MC", ["VP"], "ongoing"],
  ["plan:2023:II.6", "MC", [], "ongoing"],
  ["plan:2023:II.7", "MC", ["VP"], "ongoing"],
  ["plan:2023:II.8", "VP", [], "ongoing"],
  ["plan:2023:II.9", "MC", [], "ongoing"],
  ["plan:2023:II.10", "VP", ["MC"], "ongoing"],
  ["plan:2023:II.11", "VP", ["MC"], "ongoing"],
  ["plan:2023:II.12", null, [], "ongoing"],
  ["plan:2023:II.13", null, [], "ongoing"],
  ["plan:2023:III.1", "VP", [], "ongoing"],
  ["plan:2023:III.2", "VP", [], Q2_Q4],
  ["plan:2023:III.3", "VP", [], "ongoing"],
  ["plan:2023:III.4", "VP", [], ["2023-05-31", "2023-11-30"]],
  ["plan:2023:IV.1", "VHXH", [], "ongoing"],
  ["plan:2023:IV.2", "VP", [], ["2023-12-31"]],
  ["plan:2023:IV.3", "VP", [], "ongoing"],
  ["plan:2023:IV.4", "VP", [], "ongoing"],
  ["plan:2023:V.1", "TCKT", [], ["2023-12-31"]],
  ["plan:2023:V.2", "TCKT", [], "ongoing"],
  ["plan:2023:VI.1", "VP", [], "ongoing"],
  ["plan:2023:VI.2", "VP", [], "ongoing"],
  ["plan:2023:VI.3", "VP", [], "ongoing"],
  ["plan:2023:VI.4", null, ["MC"], "ongoing"],
  ["plan:2023:VI.5", "VHXH", [], "ongoing"],
  ["plan:2023:VII.1", "VP", [], ["2022-12-31"]],
  ["plan:2023:VII.2", "VP", [], ["2023-01-31"]],
  ["plan:2023:VII.3", "VP", [], ["2023-03-31"]],
  ["plan:2023:VII.4", "VHXH", ["MC"], ["2023-01-31"]],
  ["plan:2023:VII.5", "VP", [], Q2_Q4],
  ["plan:2023:VII.6", "VP", [], "ongoing"],
  ["plan:2023:VII.7", "VP", [], ["2023-12-31"]],
  ["plan:2023:VII.8", "VP", [], ["2023-07-10"]],
];

const MONTH_ENDS_2024 = [
  "2024-01-31",
  "2024-02-29",
  "2024-03-31",
  "2024-04-30",
  "2024-05-31",
  "2024-06-30",
  "2024-07-31",
  "2024-08-31",
  "2024-09-30",
  "2024-10-31",
  "2024-11-30",
  "2024-12-31",
];
/** Every task of phường Chánh Lộ's plan (2024) against its departments. */
const TASK_LIST_TASKS: Row[] = [
  ["plan:2024:1.a", "TP", [], "ongoing"],
  ["plan:2024:1.b", "VP", ["TP"], "ongoing"],
  ["plan:2024:1.c", "TP", [], ["2024-01-31"]],
  ["plan:2024:1.d", "TP", ["VP"], ["2024-02-20", "2024-03-01"]],
  ["plan:2024:1.đ", "TP", [], "none"],
  ["plan:2024:1.e", "TP", [], "ongoing"],
  ["plan:2024:2.a", "VP", [], ["2024-03-31"]],
  ["plan:2024:2.b", "VP", [], ["2024-03-31"]],
  ["plan:2024:2.c", "VP", ["DCXD", "TP", "VHXH"], MONTH_ENDS_2024],
  ["plan:2024:2.d", "VP", ["DCXD", "TP", "VHXH"], "ongoing"],
  ["plan:2024:2.đ", "VP", ["VHXH"], "ongoing"],
  ["plan:2024:2.e", "VP", [], "ongoing"],
  ["plan:2024:2.g", "TP", [], "none"],
  ["plan:2024:2.h", "TP", ["VP"], "ongoing"],
  ["plan:2024:2.i", "VP", [], "ongoing"],
  ["plan:2024:2.k", "VP", [], "ongoing"],
  ["plan:2024:3.a", "VP", [], "ongoing"],
  ["plan:2024:4.a", "TCKT", [], ["2024-12-31"]],
  ["plan:2024:4.b", "TCKT", [], ["2024-01-31"]],
  ["plan:2024:5.a", "VP", [], "none"],
  ["plan:2024:5.b", "VP", ["VHXH"], "none"],
  ["plan:2024:5.c", "VP", ["VHXH"], ["2024-03-31"]],
  ["plan:2024:6.a", "VHXH", [], ["2024-03-31"]],
  ["plan:2024:6.b", "VP", [], ["2024-12-31"]],
];

function expectTasks(tasks: Awaited<ReturnType<typeof storedTasks>>, rows: Row[]) {
  expect(tasks.map((t) => t.importKey)).toEqual(rows.map((r) => r[0]));
  expect(tasks.map((t) => t.code)).toEqual(rows.map((_, i) => `NV${i + 1}`));
  for (const [key, lead, cooperators, due] of rows) {
    const task = tasks.find((t) => t.importKey === key)!;
    const deadlines = due === "ongoing" || due === "none" ? [] : due;
    expect({ key, lead: task.lead, cooperators: task.cooperatorCodes, due: task.dueDates }).toEqual({
      key,
      lead,
      cooperators,
      due: deadlines,
    });
    expect(task.recurrence === "continuous", key).toBe(due === "ongoing");
    // The due instant is the last deadline's 17:00; none for an ongoing task or one not understood.
    expect(task.dueAt, key).toEqual(task.deadlines.at(-1)?.dueAt ?? null);
    expect(task.status).toBe("todo");
  }
}

describe.each(providers())("importing a plan on %s", (provider) => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  afterAll(() => db.close());

  it("imports the appendix of a plan (seed 002): sections, numbers, departments and deadlines", async () => {
    const { communeId } = await communeWith(db.prisma);
    const report = await importPlan(
      db.prisma,
      APPENDIX,
      { communeId, year: 2023, documentNo: "11/KH-UBND" },
      cliContext(),
    );
    expect(report).toMatchObject({ rows: 39, created: 39, updated: 0, unchanged: 0, bad: [] });
    expect(report.warnings).toEqual([
      {
        line: 13,
        message: 'không nhận ra ngành "tổ TTTT" (cột chủ trì); nhiệm vụ vẫn được nhập, giữ nguyên chữ',
      },
      {
        line: 22,
        message: 'không nhận ra ngành "Trạm y tế" (cột chủ trì); nhiệm vụ vẫn được nhập, giữ nguyên chữ',
      },
      {
        line: 23,
        message: 'không nhận ra ngành "Các trường học" (cột chủ trì); nhiệm vụ vẫn được nhập, giữ nguyên chữ',
      },
      {
        line: 23,
        message:
          'không nhận ra ngành "Hội đồng GD xã" (cột phối hợp); nhiệm vụ vẫn được nhập, giữ nguyên chữ',
      },
    ]);
    const tasks = await storedTasks(db.prisma, communeId);
    expectTasks(tasks, APPENDIX_TASKS);

    const task = (key: string) => tasks.find((t) => t.importKey === key)!;
    expect(task("plan:2023:II.6")).toMatchObject({
      section: "II",
      sectionTitle: "CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
      ordinal: 6,
      // A row broken by a page end, joined again.
      title:
        "Phản đầu 80% người dân, doanh nghiệp khí thực hiện TTHC không phải cung cấp các loại thông tin, " +
        "giấy tờ, tài liệu đã được chấp nhận khi thực hiện thành công TTHC trước đó",
      leadText: "Bộ phận TN & TKQ",
      cooperatingText: "Các ngành chuyên môn; CBCC xã",
      deadlineText: "Thường xuyên",
      source: "plan",
    });
    expect(task("plan:2023:II.12")).toMatchObject({ leadText: "Trạm y tế", leadDepartmentId: null });
    expect(task("plan:2023:III.2").deadlines.map((d) => d.label)).toEqual(["Quý II/2023", "Quý IV/2023"]);
    expect(task("plan:2023:I.2").title).toMatch(/^Xây dựng kế hoạch và tiến hành kiểm tra/);

    const plan = await db.prisma.plan.findFirstOrThrow({ where: { communeId } });
    expect(plan).toMatchObject({ year: 2023, documentNo: "11/KH-UBND", id: report.planId });
    expect(tasks.every((t) => t.planId === plan.id)).toBe(true);
    const audit = await db.prisma.auditLog.findMany({ where: { communeId } });
    expect(audit).toHaveLength(40);
    expect(audit.every((a) => a.channel === "cli" && a.actorLabel === "cli" && a.action === "imported")).toBe(
      true,
    );
  });

  it("imports a plan's task list made into a table (seed 004): lettered tasks under numbered sections", async () => {
    const { communeId } = await communeWith(db.prisma, CHANH_LO_DEPARTMENTS);
    const report = await importPlan(db.prisma, TASK_LIST, { communeId, year: 2024 }, cliContext());
    expect(report).toMatchObject({ rows: 24, created: 24, bad: [] });
    // Only the deadlines that name no day: every department is recognised.
    expect(report.warnings.map((w) => [w.line, w.message.replace(/".*"/, "…")])).toEqual([
      [10, "không hiểu thời hạn …; nhiệm vụ được nhập không có hạn"],
      [20, "không hiểu thời hạn …; nhiệm vụ được nhập không có hạn"],
      [31, "không hiểu thời hạn …; nhiệm vụ được nhập không có hạn"],
      [32, "không hiểu thời hạn …; nhiệm vụ được nhập không có hạn"],
    ]);
    const tasks = await storedTasks(db.prisma, communeId);
    expectTasks(tasks, TASK_LIST_TASKS);
    expect(tasks.find((t) => t.importKey === "plan:2024:2.c")).toMatchObject({
      section: "2",
      sectionTitle: "Cải cách thủ tục hành chính (TTHC)",
      ordinal: 3,
      recurrence: "monthly",
      title: expect.stringMatching(/chất lượng phục vụ người dân, doanh nghiệp trong thực hiện TTHC/),
    });
    expect(tasks.find((t) => t.importKey === "plan:2024:1.đ")).toMatchObject({ ordinal: 5, dueAt: null });
    expect(await db.prisma.plan.findFirstOrThrow({ where: { communeId } })).toMatchObject({
      year: 2024,
      title: "Kế hoạch cải cách hành chính năm 2024",
      documentNo: null,
    });
  });

  it("reads the XLSX of a table as it reads the CSV", async () => {
    const fromCsv = await communeWith(db.prisma, CHANH_LO_DEPARTMENTS);
    const fromXlsx = await communeWith(db.prisma, CHANH_LO_DEPARTMENTS);
    const csv = await importPlan(
      db.prisma,
      TASK_LIST,
      { communeId: fromCsv.communeId, year: 2024 },
      cliContext(),
    );
    const xlsx = await importPlan(
      db.prisma,
      TASK_LIST_XLSX,
      { communeId: fromXlsx.communeId, year: 2024 },
      cliContext(),
    );
    const strip = ({ planId: _p, ...r }: typeof csv) => r;
    expect(strip(xlsx)).toEqual(strip(csv));
    const view = async (communeId: string) =>
      (await storedTasks(db.prisma, communeId)).map((t) => [
        t.code,
        t.importKey,
        t.title,
        t.product,
        t.lead,
        t.cooperatorCodes,
        t.deadlineText,
        t.dueDates,
      ]);
    expect(await view(fromXlsx.communeId)).toEqual(await view(fromCsv.communeId));
  });

  it("reports the counts and each problem by row, in Vietnamese", async () => {
    const { communeId } = await communeWith(db.prisma);
    const report = await importPlan(db.prisma, APPENDIX, { communeId, year: 2023 }, cliContext(), {
      dryRun: true,
    });
    expect(reportLines(report)[0]).toBe(
      "39 dòng: thêm mới 39, cập nhật 0, không đổi 0, lỗi 0, cần xem lại 4",
    );
    expect(reportLines(report)[1]).toBe(
      'dòng 13: không nhận ra ngành "tổ TTTT" (cột chủ trì); nhiệm vụ vẫn được nhập, giữ nguyên chữ',
    );
    // A dry run writes nothing, not even the plan it would create.
    expect(report).toMatchObject({ planId: null, planCreated: true });
    expect(await db.prisma.plan.count({ where: { communeId } })).toBe(0);
    expect(await db.prisma.auditLog.count({ where: { communeId } })).toBe(0);
  });
});
