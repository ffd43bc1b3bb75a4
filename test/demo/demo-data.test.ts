import { describe, expect, it } from "vitest";
import { DEMO_OFFICIALS, departmentStaff } from "../../src/demo/demo-commune.js";
import {
  type CatalogueProcedure,
  dossierProcessingDays,
  generateDemoDossiers,
} from "../../src/demo/demo-dossiers.js";
import {
  buildDistrictTasks,
  buildPlanProgress,
  demoPlanSource,
  type ImportedPlanTask,
  rewritePlanYears,
} from "../../src/demo/demo-tasks.js";
import { DEMO_DEPARTMENTS } from "../../src/demo/demo-commune.js";
import { mulberry32 } from "../../src/demo/random.js";
import { vietnamWorkingCalendar } from "../../src/domain/calendar/vietnam-holidays.js";
import { readPlanRows } from "../../src/domain/imports/plan-rows.js";
import { plannedTask } from "../../src/domain/imports/plan-task.js";

// Wednesday 18/03/2026, 10:30 in Hà Nội.
const NOW = new Date("2026-03-18T03:30:00Z");
const calendar = vietnamWorkingCalendar();

/** The demo plan as the plan import reads it, and as it stores it (codes in file order). */
const planned = (await readPlanRows(demoPlanSource(2026))).records.map(
  (record) => plannedTask(record, { year: 2026, departments: DEMO_DEPARTMENTS }).task,
);
const imported: ImportedPlanTask[] = planned.map((task, i) => ({
  id: task.importKey,
  code: `NV${i + 1}`,
  leadCode: task.leadCode,
  dueAt: task.dueAt,
  deadlines: task.deadlines.map((d, j) => ({ id: `${task.importKey}#${j}`, ...d })),
}));

const PROCEDURES: CatalogueProcedure[] = [
  { id: "p1", code: "1.001193", name: "Thủ tục đăng ký khai sinh", field: "Hộ tịch", processingDays: 1 },
  {
    id: "p2",
    code: "1.004873",
    name: "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân",
    field: "Hộ tịch",
    processingDays: 3,
  },
  {
    id: "p3",
    code: "2.000815",
    name: "Chứng thực bản sao từ bản chính giấy tờ",
    field: "Chứng thực",
    processingDays: null,
  },
  {
    id: "p4",
    code: "1.012796",
    name: "Đính chính Giấy chứng nhận đã cấp lần đầu có sai sót",
    field: "Đất đai",
    processingDays: 8,
  },
  {
    id: "p5",
    code: "1.013182",
    name: "Cấp giấy chứng nhận bị thương",
    field: "Chính sách",
    processingDays: 155,
  },
  {
    id: "p6",
    code: "9.999999",
    name: "Thủ tục của ngành dọc",
    field: "Hàng hải và đường thủy nội địa",
    processingDays: 2,
  },
];

describe("mulberry32", () => {
  it("repeats its sequence for a seed and stays in [0, 1)", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b.next()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(43).next()).not.toBe(xs[0]);
  });
});

describe("demo plan tasks", () => {
  const tasks = buildPlanProgress(imported, { now: NOW, calendar });

  it("moves the 2023 plan to the current year and 2024 to the next", () => {
    expect(rewritePlanYears("Đánh giá nhiệm vụ CCHC năm 2023, nhiệm vụ năm 2024.", 2026)).toBe(
      "Đánh giá nhiệm vụ CCHC năm 2026, nhiệm vụ năm 2027.",
    );
    expect(rewritePlanYears("Quyết định số 1291/QĐ-TTg ngày 07/10/2019", 2026)).toBe(
      "Quyết định số 1291/QĐ-TTg ngày 07/10/2019",
    );
    expect(planned[33]).toMatchObject({
      title: "Ban hành Kế hoạch và tổ chức kiểm tra công tác CCHC năm 2026 tại các ngành UBND xã",
      deadlineText: "Quý I/2026",
      dueAt: new Date("2026-03-31T10:00:00Z"),
    });
  });

  it("codes tasks in appendix order and gives them assignees of their lead department", () => {
    expect(planned).toHaveLength(39);
    expect(tasks.map((t) => t.code)).toEqual(planned.map((_, i) => `NV${i + 1}`));
    for (const t of tasks) {
      if (t.leadCode === null) expect(t.assigneeKey).toBeNull();
      else expect(departmentStaff(t.leadCode).map((o) => o.key)).toContain(t.assigneeKey);
    }
  });

  it("gives continuous tasks no due date and others their last deadline", () => {
    for (const t of planned) {
      if (t.recurrence === "continuous") expect(t.dueAt).toBeNull();
      else if (t.deadlines.length > 0) expect(t.dueAt).toEqual(t.deadlines.at(-1)!.dueAt);
    }
    expect(planned[17]?.deadlines.map((d) => d.label)).toEqual(["Quý II/2026", "Quý IV/2026"]);
  });

  it("has statuses consistent with now", () => {
    for (const t of tasks) {
      if (t.status === "done") {
        expect(t.completedAt!.getTime()).toBeLessThanOrEqual(NOW.getTime());
        expect(t.progress).toBe(100);
      } else {
        expect(t.completedAt).toBeNull();
        expect(t.progress).toBeLessThanOrEqual(80);
      }
      if (t.dueAt && t.dueAt > NOW) expect(t.status).not.toBe("done");
    }
    const pastDue = tasks.filter((t) => t.dueAt && t.dueAt <= NOW);
    expect(pastDue.filter((t) => t.status === "done").length).toBeGreaterThan(pastDue.length / 2);
    expect(pastDue.some((t) => t.status !== "done")).toBe(true);
  });

  it("is the same for the same now", () => {
    expect(buildPlanProgress(imported, { now: NOW, calendar })).toEqual(tasks);
  });
});

describe("district tasks", () => {
  const tasks = buildDistrictTasks({ now: NOW, calendar }, 40);

  it("are dated around now: some due within a week, one overdue, one done", () => {
    expect(tasks.map((t) => t.code)).toEqual(["NV40", "NV41", "NV42", "NV43", "NV44", "NV45"]);
    const week = NOW.getTime() + 7 * 86_400_000;
    const open = tasks.filter((t) => t.status !== "done");
    expect(open.filter((t) => t.dueAt! > NOW && t.dueAt!.getTime() <= week).length).toBeGreaterThanOrEqual(3);
    expect(open.filter((t) => t.dueAt! < NOW)).toHaveLength(1);
    expect(tasks.filter((t) => t.status === "done" && t.completedAt! <= t.dueAt!)).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      title: "Báo cáo kết quả thực hiện công tác CCHC Quý I năm 2026",
      source: "district",
      assignedBy: expect.stringMatching(
        /^Công văn số 401\/UBND-NV ngày \d\d\/\d\d\/2026 của UBND huyện Triệu Hải$/,
      ),
    });
  });
});

describe("demo dossiers", () => {
  const dossiers = generateDemoDossiers({ now: NOW, calendar, procedures: PROCEDURES, count: 200 });

  it("uses the catalogue's processing time when plausible", () => {
    expect(dossierProcessingDays(PROCEDURES[1]!)).toBe(3);
    expect(dossierProcessingDays(PROCEDURES[2]!, 1)).toBe(1);
    expect(dossierProcessingDays(PROCEDURES[4]!)).toBe(3);
  });

  it("draws only commune-desk fields and computes due instants from the calendar", () => {
    expect(dossiers.length).toBeGreaterThanOrEqual(200);
    expect(dossiers.some((d) => d.procedureId === "p6")).toBe(false);
    for (const d of dossiers) {
      expect(d.dueAt).toEqual(calendar.addWorkingDays(d.receivedAt, d.processingDays));
      expect(calendar.isWorkingDay(d.receivedAt)).toBe(true);
      expect(d.receivedAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
      if (d.returnedAt) expect(d.returnedAt > d.receivedAt && d.returnedAt <= NOW).toBe(true);
      if (d.apologyAt) expect(d.apologyAt > d.dueAt && d.apologyAt < d.returnedAt!).toBe(true);
    }
  });

  it("numbers receipts per day", () => {
    const codes = dossiers.map((d) => d.receiptCode);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.every((c) => /^000\.00\.21\.H45-\d{6}-\d{4}$/.test(c))).toBe(true);
    // The previous and the current quarter: Q4 of 2025 and Q1 of 2026.
    expect(codes[0]).toMatch(/-2510\d\d-0001$/);
  });

  it("gives each dossier a handler of the department handling its field", () => {
    const officials = new Map(DEMO_OFFICIALS.map((o) => [o.key, o]));
    for (const d of dossiers) {
      expect(officials.get(d.handlerKey!)?.departmentCode).toBe(d.departmentCode);
      if (d.field === "Hộ tịch") expect(d.departmentCode).toBe("TP");
      if (d.field === "Chứng thực") expect(d.departmentCode).toBe("MC");
    }
  });

  it("is the same for the same now", () => {
    expect(
      generateDemoDossiers({ now: NOW, calendar, procedures: [...PROCEDURES].reverse(), count: 200 }),
    ).toEqual(dossiers);
  });
});

describe("a demo quarter's dossiers, shaped like the commune reports", () => {
  const all = generateDemoDossiers({ now: NOW, calendar, procedures: PROCEDURES });
  const share = (part: number, whole: number) => part / whole;
  const count = (pred: (d: (typeof all)[number]) => boolean, among = all) => among.filter(pred).length;
  const resolved = all.filter((d) => d.status === "returned" || d.status === "completed");
  const late = resolved.filter((d) => d.returnedAt! > d.dueAt);
  const online = all.filter((d) => d.channel === "online");

  it("are about a thousand, over the previous and the current quarter", () => {
    expect(all.length).toBeGreaterThanOrEqual(1000);
    expect(all.length).toBeLessThan(1030);
    expect(all.every((d) => d.receivedAt >= new Date("2025-09-30T17:00:00Z"))).toBe(true);
    expect(count((d) => d.receivedAt >= new Date("2025-12-31T17:00:00Z"))).toBeGreaterThan(300);
  });

  it("are late a few in a hundred, some without a letter of apology", () => {
    expect(share(late.length, resolved.length)).toBeGreaterThan(0.01);
    expect(share(late.length, resolved.length)).toBeLessThan(0.06);
    const withLetter = count((d) => d.apologyAt !== null, late);
    expect(withLetter).toBeGreaterThan(late.length / 2);
    expect(withLetter).toBeLessThan(late.length);
    expect(all.filter((d) => d.apologyAt).every((d) => late.includes(d))).toBe(true);
  });

  it("are filed online more in the current quarter, a few by post, with levels only online", () => {
    const quarterStart = new Date("2025-12-31T17:00:00Z");
    const onlineIn = (current: boolean) => {
      const inQuarter = all.filter((d) => d.receivedAt >= quarterStart === current);
      return share(
        count((d) => d.channel === "online", inQuarter),
        inQuarter.length,
      );
    };
    expect(onlineIn(false)).toBeGreaterThan(0.28);
    expect(onlineIn(true)).toBeGreaterThan(onlineIn(false));
    expect(onlineIn(true)).toBeLessThan(0.55);
    expect(count((d) => d.channel === "postal")).toBeGreaterThan(5);
    expect(all.every((d) => (d.channel === "online") === (d.onlineLevel !== null))).toBe(true);
    expect(count((d) => d.onlineLevel === "full", online)).toBeGreaterThan(online.length / 2);
    expect(count((d) => d.onlineLevel === "partial", online)).toBeGreaterThan(0);
  });

  it("are mostly digitised, a third with an electronic result, a fifth of the online ones paid online", () => {
    expect(
      share(
        count((d) => d.digitised),
        all.length,
      ),
    ).toBeGreaterThan(0.6);
    expect(
      share(
        count((d) => d.digitised),
        all.length,
      ),
    ).toBeLessThan(0.8);
    expect(
      share(
        count((d) => d.electronicResult, resolved),
        resolved.length,
      ),
    ).toBeGreaterThan(0.25);
    expect(
      share(
        count((d) => d.electronicResult, resolved),
        resolved.length,
      ),
    ).toBeLessThan(0.5);
    expect(all.filter((d) => d.electronicResult).every((d) => resolved.includes(d))).toBe(true);
    expect(
      share(
        count((d) => d.paidOnline, online),
        online.length,
      ),
    ).toBeGreaterThan(0.12);
    expect(
      share(
        count((d) => d.paidOnline, online),
        online.length,
      ),
    ).toBeLessThan(0.32);
    expect(all.filter((d) => d.paidOnline).every((d) => d.channel === "online")).toBe(true);
  });

  it("take every status, a few results waiting at the desk among them", () => {
    const statuses = new Set(all.map((d) => d.status));
    expect([...statuses].sort()).toEqual(
      ["completed", "processing", "received", "rejected", "returned", "supplement", "withdrawn"].sort(),
    );
  });
});
