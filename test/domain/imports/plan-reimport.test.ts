import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Db } from "../../../src/db/client.js";
import { importPlan } from "../../../src/domain/imports/plan-import.js";
import type { Actor } from "../../../src/domain/officials/scope.js";
import {
  attachEvidence,
  decideExtension,
  markTaskDone,
  requestExtension,
  setTaskProgress,
} from "../../../src/domain/tasks/task-updates.js";
import { createTestDatabase, providers } from "../../support/test-database.js";
import { APPENDIX, cliContext, communeWith, edited, storedTasks } from "./plan-fixtures.js";

/** Everything about the commune's tasks a re-import could touch, chat's records included. */
async function everything(prisma: Db, communeId: string) {
  const tasks = await storedTasks(prisma, communeId);
  return {
    tasks: tasks.map(({ updatedAt: _u, leadDepartment: _l, cooperators: _c, ...t }) => t),
    evidence: await prisma.evidence.findMany({ where: { task: { communeId } }, orderBy: { id: "asc" } }),
    extensions: await prisma.taskExtensionRequest.findMany({ where: { communeId }, orderBy: { id: "asc" } }),
    audit: await prisma.auditLog.count({ where: { communeId } }),
    plans: await prisma.plan.findMany({ where: { communeId } }),
  };
}

describe.each(providers())("re-importing a plan on %s", (provider) => {
  let db: Database;
  let communeId: string;
  let leader: Actor;
  let officer: Actor;
  const at = (iso: string) => new Date(iso);
  const chat = (actor: Actor, now: string) => ({ actor, channel: "zalo" as const, now: at(now) });
  const byKey = async (key: string) =>
    (await db.prisma.task.findFirstOrThrow({ where: { communeId, importKey: key } })).id;
  const input = () => ({ communeId, year: 2023, documentNo: "11/KH-UBND" });

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    const commune = await communeWith(db.prisma);
    communeId = commune.communeId;
    const official = async (role: "leader" | "officer", department: string | null, phone: string) =>
      (
        await db.prisma.official.create({
          data: {
            communeId,
            name: `Cán bộ ${phone}`,
            title: role,
            role,
            phone,
            departmentId: department ? commune.departmentIds.get(department)! : null,
          },
        })
      ).id;
    leader = {
      officialId: await official("leader", null, "0911000001"),
      communeId,
      role: "leader",
      departmentId: null,
    };
    officer = {
      officialId: await official("officer", "VP", "0911000002"),
      communeId,
      role: "officer",
      departmentId: commune.departmentIds.get("VP")!,
    };
    await importPlan(db.prisma, APPENDIX, input(), cliContext());
  });
  afterAll(() => db.close());

  it("changes nothing when the same file comes again, with what chat recorded kept", async () => {
    // Chat records progress, completion, evidence and an approved extension on plan tasks.
    expect(
      await setTaskProgress(
        db.prisma,
        await byKey("plan:2023:I.1"),
        { percent: 40, note: "đang rà soát" },
        chat(officer, "2023-02-01T03:00:00Z"),
      ),
    ).toMatchObject({ ok: true });
    const done = await byKey("plan:2023:VII.3");
    expect(
      await markTaskDone(db.prisma, done, { note: "đã ban hành" }, chat(officer, "2023-03-20T03:00:00Z")),
    ).toMatchObject({ ok: true });
    expect(
      await attachEvidence(
        db.prisma,
        done,
        { kind: "link", url: "https://example.org/kh", note: "Kế hoạch kiểm tra" },
        chat(officer, "2023-03-20T03:05:00Z"),
      ),
    ).toMatchObject({ ok: true });
    const extended = await byKey("plan:2023:III.4");
    const asked = await requestExtension(
      db.prisma,
      extended,
      { requestedDueAt: at("2023-12-15T10:00:00Z"), reason: "chờ huyện" },
      chat(officer, "2023-11-20T03:00:00Z"),
    );
    if (!asked.ok) throw new Error(asked.reason);
    expect(
      await decideExtension(
        db.prisma,
        asked.request.id,
        { decision: "approved" },
        chat(leader, "2023-11-21T03:00:00Z"),
      ),
    ).toMatchObject({ ok: true });
    const before = await everything(db.prisma, communeId);

    const report = await importPlan(db.prisma, APPENDIX, input(), cliContext());
    expect(report).toMatchObject({
      rows: 39,
      created: 0,
      updated: 0,
      unchanged: 39,
      bad: [],
      planCreated: false,
    });
    expect(await everything(db.prisma, communeId)).toEqual(before);
    const t = before.tasks.find((x) => x.importKey === "plan:2023:III.4")!;
    expect(t.dueAt).toEqual(at("2023-12-15T10:00:00Z"));
    expect(t.deadlines.map((d) => d.label)).toEqual([
      "Tháng 05/2023",
      "Tháng 11/2023 (gia hạn đến 15/12/2023)",
    ]);
  });

  it("updates the one task whose row changed, and keeps its progress, evidence and extension", async () => {
    const before = await everything(db.prisma, communeId);
    // The office rewords a task that is done and moves the deadline of the extended one.
    const file = edited(
      APPENDIX,
      "Ban hành Kế hoạch và tổ chức kiểm tra công tác CCHC năm 2023 tại các ngành UBND xã",
      "Ban hành Kế hoạch và tổ chức kiểm tra công tác CCHC năm 2023 tại các ngành và bộ phận UBND xã",
    );
    const report = await importPlan(db.prisma, file, input(), cliContext());
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 38, bad: [] });
    const after = await everything(db.prisma, communeId);
    const changed = after.tasks.filter((t, i) => JSON.stringify(t) !== JSON.stringify(before.tasks[i]));
    expect(changed.map((t) => t.importKey)).toEqual(["plan:2023:VII.3"]);
    expect(changed[0]).toMatchObject({
      title: "Ban hành Kế hoạch và tổ chức kiểm tra công tác CCHC năm 2023 tại các ngành và bộ phận UBND xã",
      status: "done",
      progress: 100,
      completedAt: at("2023-03-20T03:00:00Z"),
    });
    expect(after.evidence).toEqual(before.evidence);
    expect(after.audit).toBe(before.audit + 1);
    const row = await db.prisma.auditLog.findFirstOrThrow({ where: { communeId, action: "import_updated" } });
    expect(JSON.parse(row.before!)).toEqual({
      title: "Ban hành Kế hoạch và tổ chức kiểm tra công tác CCHC năm 2023 tại các ngành UBND xã",
    });
    expect(row).toMatchObject({ channel: "cli", actorLabel: "cli", entityId: changed[0]!.id });

    // A new deadline phrase for the extended task: the plan's new month is added, the extended one kept.
    const moved = edited(APPENDIX, "Tháng 5 và tháng 11/2023", '"Tháng 5, tháng 9 và tháng 11/2023"');
    // Two updates: this task, and VII.3 back to the original wording of this file.
    expect(await importPlan(db.prisma, moved, input(), cliContext())).toMatchObject({
      updated: 2,
      unchanged: 37,
    });
    const task = (await storedTasks(db.prisma, communeId)).find((t) => t.importKey === "plan:2023:III.4")!;
    expect(task.deadlines.map((d) => d.label)).toEqual([
      "Tháng 05/2023",
      "Tháng 09/2023",
      "Tháng 11/2023 (gia hạn đến 15/12/2023)",
    ]);
    expect(task).toMatchObject({
      deadlineText: "Tháng 5, tháng 9 và tháng 11/2023",
      dueAt: at("2023-12-15T10:00:00Z"),
    });
    expect(after.extensions).toEqual(
      await db.prisma.taskExtensionRequest.findMany({ where: { communeId }, orderBy: { id: "asc" } }),
    );
  });

  it("writes nothing on a dry run, and says what it would do", async () => {
    const before = await everything(db.prisma, communeId);
    const file = edited(APPENDIX, "Quý II và Quý IV", "Quý III");
    const report = await importPlan(db.prisma, file, input(), cliContext(), { dryRun: true });
    expect(report).toMatchObject({ updated: 2, unchanged: 37 });
    expect(await everything(db.prisma, communeId)).toEqual(before);
  });

  it("gives new tasks the next free codes and finds the plan by its number", async () => {
    const file = edited(
      APPENDIX,
      '8.,"Tổ chức sơ kết',
      '9.,Tổ chức tổng kết công tác CCHC năm 2023,Báo cáo tổng kết,Văn phòng UBND,"Các ngành, cá nhân liên quan",Quý IV\n8.,"Tổ chức sơ kết',
    );
    await db.prisma.task.create({ data: { communeId, code: "NV57", title: "Nhiệm vụ nhập tay" } });
    const report = await importPlan(
      db.prisma,
      file,
      { communeId, year: 2023, documentNo: "11/KH-UBND" },
      cliContext(),
    );
    expect(report).toMatchObject({ created: 1, planCreated: false });
    const added = await db.prisma.task.findFirstOrThrow({
      where: { communeId, importKey: "plan:2023:VII.9" },
    });
    expect(added.code).toBe("NV58");
    expect(await db.prisma.plan.count({ where: { communeId } })).toBe(1);
  });
});

describe.each(providers())("plan rows an import cannot take, on %s", (provider) => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  afterAll(() => db.close());

  const csv = (...lines: string[]) => ({ name: "ke-hoach.csv", data: Buffer.from(lines.join("\n")) });
  const header = "TT,Nhiệm vụ,Sản phẩm,Chủ trì,Phối hợp,Thời hạn";

  it("reports each bad row by its number and imports the rest", async () => {
    const { communeId } = await communeWith(db.prisma);
    const report = await importPlan(
      db.prisma,
      csv(
        "KẾ HOẠCH CCHC NĂM 2026",
        header,
        ",mồ côi trước mọi nhiệm vụ,,,,",
        "I.,CẢI CÁCH THỂ CHẾ,,,,",
        "1.,Rà soát văn bản,Báo cáo,Tư pháp,,Quý II",
        "1.a,Nhiệm vụ số lạ,,Tư pháp,,Quý II",
        "2.,,Báo cáo,Tư pháp,,Quý III",
        "3.,Kiện toàn tổ hòa giải,Quyết định,Phòng Nội vụ huyện,Tư pháp,Tháng 13",
        "1.,Trùng số với dòng 5,,Tư pháp,,",
        "II.,,,,,",
        "4.,Niêm yết TTHC,,Một cửa,,Thường xuyên trong năm",
      ),
      { communeId, year: 2026 },
      cliContext(),
    );
    expect(report.bad).toEqual([
      { line: 3, message: "dòng không có số thứ tự và không nằm dưới nhiệm vụ nào" },
      { line: 6, message: 'không hiểu số thứ tự "1.a" (viết I., 1., a) …)' },
      { line: 7, message: "nhiệm vụ I.2 không có nội dung nhiệm vụ" },
      { line: 9, message: "trùng số thứ tự I.1 với dòng 5" },
      { line: 10, message: "dòng mục II. không có tên mục" },
    ]);
    expect(report.warnings).toEqual([
      {
        line: 8,
        message:
          'không nhận ra ngành "Phòng Nội vụ huyện" (cột chủ trì); nhiệm vụ vẫn được nhập, giữ nguyên chữ',
      },
      { line: 8, message: 'không hiểu thời hạn "Tháng 13"; nhiệm vụ được nhập không có hạn' },
    ]);
    expect(report).toMatchObject({ rows: 8, created: 3 });
    const tasks = await storedTasks(db.prisma, communeId);
    expect(tasks.map((t) => [t.importKey, t.lead, t.cooperatorCodes, t.dueDates])).toEqual([
      ["plan:2026:I.1", "TP", [], ["2026-06-30"]],
      ["plan:2026:I.3", null, ["TP"], []],
      ["plan:2026:I.4", "MC", [], []],
    ]);
  });

  it("imports the district's tasks by their document, from a source column or a district heading", async () => {
    const { communeId } = await communeWith(db.prisma);
    const file = csv(
      "TT,Nhiệm vụ,Chủ trì,Thời hạn,Nguồn,Văn bản giao",
      "I.,CẢI CÁCH THỂ CHẾ,,,,",
      "1.,Rà soát văn bản QPPL,Tư pháp,Quý II,kế hoạch,",
      "2.,Báo cáo rà soát TTHC lĩnh vực hộ tịch,Tư pháp,Trước ngày 20/03/2026,huyện,Công văn số 468/UBND-TP ngày 02/03/2026",
      ",NHIỆM VỤ UBND HUYỆN GIAO,,,,",
      "1.,Báo cáo kết quả CCHC Quý I năm 2026,Văn phòng,chậm nhất ngày 25/03/2026,,Công văn số 401/UBND-NV ngày 10/03/2026",
      "2.,Đăng ký danh sách CBCC tham gia bồi dưỡng,Văn hóa,Tháng 4/2026,,",
      "3.,Báo cáo số liệu,Văn phòng,Quý II,xã giao,",
    );
    const report = await importPlan(db.prisma, file, { communeId, year: 2026 }, cliContext());
    expect(report.bad).toEqual([]);
    expect(report.warnings).toEqual([
      { line: 7, message: "nhiệm vụ huyện giao chưa ghi văn bản giao (cột Văn bản giao)" },
      {
        line: 8,
        message: 'không hiểu nguồn "xã giao" (ghi "huyện" hoặc "kế hoạch"); coi là nhiệm vụ huyện giao',
      },
      { line: 8, message: "nhiệm vụ huyện giao chưa ghi văn bản giao (cột Văn bản giao)" },
    ]);
    const tasks = await storedTasks(db.prisma, communeId);
    expect(tasks.map((t) => [t.importKey, t.source, t.assignedBy, t.planId === null, t.dueDates])).toEqual([
      ["plan:2026:I.1", "plan", null, false, ["2026-06-30"]],
      [
        "district:2026:cong-van-so-468-ubnd-tp-ngay-02-03-2026:I.2",
        "district",
        "Công văn số 468/UBND-TP ngày 02/03/2026",
        true,
        ["2026-03-19"],
      ],
      [
        "district:2026:cong-van-so-401-ubnd-nv-ngay-10-03-2026:nhiem-vu-ubnd-huyen-giao.1",
        "district",
        "Công văn số 401/UBND-NV ngày 10/03/2026",
        true,
        ["2026-03-25"],
      ],
      ["district:2026:-:nhiem-vu-ubnd-huyen-giao.2", "district", null, true, ["2026-04-30"]],
      ["district:2026:-:nhiem-vu-ubnd-huyen-giao.3", "district", null, true, ["2026-06-30"]],
    ]);
    expect(await importPlan(db.prisma, file, { communeId, year: 2026 }, cliContext())).toMatchObject({
      unchanged: 5,
    });
  });

  it("refuses a file without a header row, or of a format it cannot read, before writing", async () => {
    const { communeId } = await communeWith(db.prisma);
    await expect(
      importPlan(db.prisma, csv("a,b,c", "1,2,3"), { communeId, year: 2026 }, cliContext()),
    ).rejects.toThrow(/không tìm thấy dòng tiêu đề cột/);
    await expect(
      importPlan(
        db.prisma,
        { name: "ke-hoach.pdf", data: Buffer.from("%PDF") },
        { communeId, year: 2026 },
        cliContext(),
      ),
    ).rejects.toThrow(/unsupported format/);
    expect(await db.prisma.plan.count({ where: { communeId } })).toBe(0);
  });
});
