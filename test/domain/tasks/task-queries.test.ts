import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.js";
import { seedDemoData } from "../../../src/demo/seed-demo-data.js";
import { loadActor } from "../../../src/domain/officials/scope.js";
import {
  compareTasks,
  findTaskByCode,
  listPendingExtensions,
  listTasks,
  matchDepartment,
  normaliseTaskCode,
  searchTasks,
  taskDetail,
  taskHistory,
} from "../../../src/domain/tasks/task-queries.js";
import {
  attachEvidence,
  markTaskDone,
  requestExtension,
  setTaskProgress,
} from "../../../src/domain/tasks/task-updates.js";
import { createTestDatabase, providers } from "../../support/test-database.js";
import { at17, createSmallCommune, type SmallCommune, vn } from "./small-commune.js";

const NOW = vn("2026-06-15", 10);
const ALL = { offset: 0, limit: 100 };
const codes = (items: readonly { code: string }[]) => items.map((t) => t.code);

describe("task codes", () => {
  it.each([
    ["nv12", "NV12"],
    ["NV 12", "NV12"],
    ["nv-12", "NV12"],
    ["#12", "NV12"],
    ["12", "NV12"],
    ["NV012", "NV12"],
    ["hx-3", "HX-3"],
  ])("%s → %s", (typed, code) => {
    expect(normaliseTaskCode(typed)).toBe(code);
  });

  it("sorts by due date, continuous tasks last, then codes in natural order", () => {
    const d = (day: string | null, code: string) => ({ dueAt: day ? at17(day) : null, code });
    const sorted = [
      d(null, "NV3"),
      d("2026-06-30", "NV10"),
      d("2026-06-30", "NV2"),
      d("2026-05-31", "NV9"),
      d(null, "NV1"),
    ].sort(compareTasks);
    expect(codes(sorted)).toEqual(["NV9", "NV2", "NV10", "NV1", "NV3"]);
  });
});

describe.each(providers())("task queries on %s", (provider) => {
  let db: Database;
  let c: SmallCommune;

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    c = await createSmallCommune(db.prisma);
  });
  afterAll(async () => {
    await db.close();
  });

  it("lists the open tasks a leader sees by due date, continuous ones last", async () => {
    const { items, total } = await listTasks(db.prisma, c.actor("leader"), {}, ALL);
    expect(codes(items)).toEqual(["NV2", "NV3", "NV1", "NV10", "NV4"]);
    expect(total).toBe(5);
    expect(items[2]).toMatchObject({
      code: "NV1",
      leadDepartment: { id: c.departments.TP, code: "TP", name: "Tư pháp – Hộ tịch" },
      assignee: { id: c.officials.tp1, name: "Nguyễn Thị Tư" },
      dueAt: at17("2026-07-31"),
      status: "todo",
    });
    const all = await listTasks(db.prisma, c.actor("leader"), { open: false }, ALL);
    expect(codes(all.items)).toEqual(["NV5", "NV2", "NV3", "NV1", "NV10", "NV4"]);
  });

  it("pages", async () => {
    const page = await listTasks(db.prisma, c.actor("leader"), {}, { offset: 1, limit: 2 });
    expect(codes(page.items)).toEqual(["NV3", "NV1"]);
    expect(page.total).toBe(5);
  });

  it("filters by due range, overdue, department and mine, within the actor's scope", async () => {
    const leader = c.actor("leader");
    const due = await listTasks(
      db.prisma,
      leader,
      { dueFrom: vn("2026-07-01", 0), dueTo: vn("2026-10-01", 0) },
      ALL,
    );
    expect(codes(due.items)).toEqual(["NV1", "NV10"]);
    const overdue = await listTasks(db.prisma, leader, { overdueAt: vn("2026-07-02") }, ALL);
    expect(codes(overdue.items)).toEqual(["NV2", "NV3"]);
    // overdue implies open even when open: false is asked.
    const overdueAll = await listTasks(db.prisma, leader, { overdueAt: vn("2026-07-02"), open: false }, ALL);
    expect(codes(overdueAll.items)).toEqual(["NV2", "NV3"]);
    const tp = await listTasks(db.prisma, leader, { departmentId: c.departments.TP }, ALL);
    expect(codes(tp.items)).toEqual(["NV2", "NV1", "NV4"]);
    // tp1 asking for DCXD's tasks sees only the one TP cooperates on.
    const dcForTp1 = await listTasks(db.prisma, c.actor("tp1"), { departmentId: c.departments.DCXD }, ALL);
    expect(codes(dcForTp1.items)).toEqual(["NV2"]);
    // Mine: assigned to me, or my department's without an assignee.
    expect(codes((await listTasks(db.prisma, c.actor("tp1"), { onlyMine: true }, ALL)).items)).toEqual([
      "NV1",
      "NV4",
    ]);
    expect(codes((await listTasks(db.prisma, c.actor("tp2"), { onlyMine: true }, ALL)).items)).toEqual([
      "NV10",
      "NV4",
    ]);
    expect(codes((await listTasks(db.prisma, c.actor("dc"), {}, ALL)).items)).toEqual(["NV2", "NV3"]);
  });

  it("finds a task by its code however it is typed", async () => {
    for (const typed of ["NV10", "nv10", "nv 10", "#10", "10"]) {
      expect((await findTaskByCode(db.prisma, c.communeId, typed))?.id).toBe(c.tasks.vpToTp2);
    }
    expect(await findTaskByCode(db.prisma, c.communeId, "NV99")).toBeNull();
  });

  it("searches words without diacritics, within scope", async () => {
    const leader = c.actor("leader");
    expect(codes(await searchTasks(db.prisma, leader, "niem yet thu tuc"))).toEqual(["NV1"]);
    expect(codes(await searchTasks(db.prisma, leader, "Niêm yết TTHC"))).toEqual(["NV1"]);
    expect(codes(await searchTasks(db.prisma, leader, "nhiệm vụ bản đồ địa chính"))).toEqual(["NV3"]);
    expect(codes(await searchTasks(db.prisma, leader, "dia chinh"))).toEqual(["NV3"]);
    expect(codes(await searchTasks(db.prisma, leader, "hoa giai"))).toEqual(["NV5"]);
    // Prefixes of 3 letters or more: "tuyen" matches "tuyên truyền".
    expect(codes(await searchTasks(db.prisma, leader, "tuyen"))).toEqual(["NV4"]);
    expect(codes(await searchTasks(db.prisma, leader, "nv2"))).toEqual(["NV2"]);
    // Not all words: the tasks matching at least half of them.
    expect(codes(await searchTasks(db.prisma, leader, "ban do xyz"))).toEqual(["NV3"]);
    expect(await searchTasks(db.prisma, leader, "khong co gi")).toEqual([]);
    expect(await searchTasks(db.prisma, c.actor("tp1"), "ban do dia chinh")).toEqual([]);
  });

  it("gives a task's detail and history", async () => {
    const ctx = { actor: c.actor("tp1"), channel: "zalo" as const, now: NOW };
    await setTaskProgress(db.prisma, c.tasks.dcWithTp, { percent: 40, note: "Đã rà 20 hồ sơ" }, ctx);
    await attachEvidence(
      db.prisma,
      c.tasks.dcWithTp,
      { kind: "image", url: "https://x/1.jpg", sourceMsgId: "m-1" },
      ctx,
    );
    await requestExtension(
      db.prisma,
      c.tasks.dcWithTp,
      { requestedDueAt: at17("2026-07-15"), reason: "Chờ số liệu" },
      ctx,
    );

    const detail = await taskDetail(db.prisma, c.tasks.dcWithTp);
    expect(detail).toMatchObject({
      code: "NV2",
      status: "in_progress",
      progress: 40,
      leadDepartment: { code: "DCXD" },
      cooperators: [{ departmentId: c.departments.TP, code: "TP", name: "Tư pháp – Hộ tịch" }],
      deadlines: [{ dueAt: at17("2026-06-30"), label: "Hạn", metAt: null }],
      evidenceCount: 1,
      pendingExtension: {
        status: "pending",
        requestedDueAt: at17("2026-07-15"),
        reason: "Chờ số liệu",
        requestedBy: { id: c.officials.tp1, name: "Nguyễn Thị Tư" },
      },
    });
    expect(await taskDetail(db.prisma, "missing")).toBeNull();
    expect((await taskDetail(db.prisma, c.tasks.tpLead))?.pendingExtension).toBeNull();

    const history = await taskHistory(db.prisma, c.tasks.dcWithTp);
    expect(history.map((h) => h.action).sort()).toEqual([
      "evidence_added",
      "extension_requested",
      "progress",
    ]);
    const progress = history.find((h) => h.action === "progress")!;
    expect(progress).toMatchObject({
      actor: { id: c.officials.tp1, name: "Nguyễn Thị Tư" },
      channel: "zalo",
      note: "Đã rà 20 hồ sơ",
      before: { status: "todo", progress: 0, completedAt: null },
      after: { status: "in_progress", progress: 40, completedAt: null },
    });
    expect(await taskHistory(db.prisma, c.tasks.dcWithTp, 1)).toHaveLength(1);

    expect(await listPendingExtensions(db.prisma, c.actor("tp1"))).toEqual([]);
    const pending = await listPendingExtensions(db.prisma, c.actor("leader"));
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ task: { code: "NV2", dueAt: at17("2026-06-30") } });

    await markTaskDone(db.prisma, c.tasks.dcWithTp, {}, { ...ctx, now: vn("2026-06-16") });
    expect(await listPendingExtensions(db.prisma, c.actor("leader"))).toEqual([]);
  });
});

describe.each(providers())("task queries on the demo commune (%s)", (provider) => {
  let db: Database;
  let communeId: string;

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    ({ communeId } = await seedDemoData(db.prisma, { now: new Date("2026-03-18T03:30:00Z") }));
  }, 120_000);
  afterAll(async () => {
    await db.close();
  });

  it.each([
    ["tu phap", "TP"],
    ["Tư pháp", "TP"],
    ["mot cua", "MC"],
    ["bộ phận một cửa", "MC"],
    ["1 cửa", "MC"],
    ["van phong", "VP"],
    ["dia chinh", "DCXD"],
    ["vh xh", "VHXH"],
    ["VHXH", "VHXH"],
    ["van hoa xa hoi", "VHXH"],
    ["tai chinh", "TCKT"],
    ["ke toan", "TCKT"],
    ["ho tich", "TP"],
    ["xay dung", "DCXD"],
    ["nganh tu phap xa", "TP"],
    ["thống kê", "VP"],
  ])("matches the department %j", async (words, code) => {
    expect((await matchDepartment(db.prisma, communeId, words))?.code).toBe(code);
  });

  it("matches nothing for unknown or empty phrases", async () => {
    expect(await matchDepartment(db.prisma, communeId, "công an")).toBeNull();
    expect(await matchDepartment(db.prisma, communeId, "")).toBeNull();
  });

  it("scopes the demo's tasks: a leader sees all, an officer a part", async () => {
    const officials = await db.prisma.official.findMany({
      where: { communeId },
      include: { department: true },
    });
    const leader = (await loadActor(db.prisma, officials.find((o) => o.role === "leader")!.id))!;
    const tpOfficer = (await loadActor(db.prisma, officials.find((o) => o.department?.code === "TP")!.id))!;
    const total = await db.prisma.task.count({ where: { communeId } });
    const all = await listTasks(db.prisma, leader, { open: false }, { offset: 0, limit: 1000 });
    expect(all.total).toBe(total);
    const sorted = [...all.items].sort(compareTasks);
    expect(codes(all.items)).toEqual(codes(sorted));
    const tp = await listTasks(db.prisma, tpOfficer, { open: false }, { offset: 0, limit: 1000 });
    expect(tp.total).toBeGreaterThan(0);
    expect(tp.total).toBeLessThan(total);
    const found = await searchTasks(db.prisma, leader, "niem yet cong khai");
    expect(found.length).toBeGreaterThan(0);
  });
});
