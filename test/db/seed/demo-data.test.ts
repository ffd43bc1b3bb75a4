import { describe, expect, it } from "vitest";
import { DEMO_OFFICIALS, departmentStaff } from "../../../src/db/seed/demo-commune.js";
import {
  type CatalogueProcedure,
  dossierProcessingDays,
  generateDemoDossiers,
} from "../../../src/db/seed/demo-dossiers.js";
import { buildDistrictTasks, buildPlanTasks, rewritePlanYears } from "../../../src/db/seed/demo-tasks.js";
import { readPlanAppendixFixture } from "../../../src/db/seed/plan-appendix.js";
import { mulberry32 } from "../../../src/db/seed/random.js";
import { vietnamWorkingCalendar } from "../../../src/domain/calendar/vietnam-holidays.js";

// Wednesday 18/03/2026, 10:30 in Hà Nội.
const NOW = new Date("2026-03-18T03:30:00Z");
const calendar = vietnamWorkingCalendar();
const appendix = readPlanAppendixFixture();

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
  const tasks = buildPlanTasks(appendix, { now: NOW, calendar });

  it("moves the 2023 plan to the current year and 2024 to the next", () => {
    expect(rewritePlanYears("Đánh giá nhiệm vụ CCHC năm 2023, nhiệm vụ năm 2024.", 2026)).toBe(
      "Đánh giá nhiệm vụ CCHC năm 2026, nhiệm vụ năm 2027.",
    );
    expect(rewritePlanYears("Quyết định số 1291/QĐ-TTg ngày 07/10/2019", 2026)).toBe(
      "Quyết định số 1291/QĐ-TTg ngày 07/10/2019",
    );
    expect(tasks.find((t) => t.code === "NV34")).toMatchObject({
      title: "Ban hành Kế hoạch và tổ chức kiểm tra công tác CCHC năm 2026 tại các ngành UBND xã",
      deadlineText: "Quý I/2026",
      dueAt: new Date("2026-03-31T10:00:00Z"),
    });
  });

  it("codes tasks in appendix order and gives them assignees of their lead department", () => {
    expect(tasks.map((t) => t.code)).toEqual(appendix.map((_, i) => `NV${i + 1}`));
    for (const t of tasks) {
      if (t.leadCode === null) expect(t.assigneeKey).toBeNull();
      else expect(departmentStaff(t.leadCode).map((o) => o.key)).toContain(t.assigneeKey);
    }
  });

  it("gives continuous tasks no due date and others their last deadline", () => {
    for (const t of tasks) {
      if (t.recurrence === "continuous") expect(t.dueAt).toBeNull();
      else if (t.deadlines.length > 0) expect(t.dueAt).toEqual(t.deadlines.at(-1)!.dueAt);
    }
    expect(tasks.find((t) => t.code === "NV18")?.deadlines.map((d) => d.label)).toEqual([
      "Quý II/2026",
      "Quý IV/2026",
    ]);
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
    expect(buildPlanTasks(appendix, { now: NOW, calendar })).toEqual(tasks);
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
    // Three quarters up to now: Q3 and Q4 of 2025 and Q1 of 2026.
    expect(codes[0]).toMatch(/-2507\d\d-0001$/);
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
