import { readFileSync } from "node:fs";
import { join } from "node:path";
import { addCalendarDays, type WorkingCalendar } from "../domain/calendar/working-days.js";
import { dueInstant } from "../domain/calendar/date-phrases/index.js";
import type { SheetSource } from "../domain/imports/sheet.js";
import { projectRoot } from "../paths.js";
import { DEMO_COMMUNE, DEMO_DEPARTMENTS, departmentStaff } from "./demo-commune.js";
import { mulberry32, type Random, seedFrom } from "./random.js";
import {
  nthWorkingDayBefore,
  officeInstant,
  vietnameseDate,
  workingDayOnOrAfter,
  workingDayOnOrBefore,
} from "./seed-time.js";

export type TaskStatus = "todo" | "in_progress" | "done" | "cancelled";

export interface TaskDeadlineDraft {
  dueAt: Date;
  label: string;
  metAt: Date | null;
}

/** What the demo gives a task beyond its plan: who does it, how far it is, which deadlines are met. */
export interface ProgressDraft {
  code: string;
  leadCode: string | null;
  assigneeKey: string | null;
  dueAt: Date | null;
  status: TaskStatus;
  progress: number;
  completedAt: Date | null;
  deadlines: TaskDeadlineDraft[];
}

/** A plan task as the plan import stored it, with the ids its progress is written to. */
export interface ImportedPlanTask {
  id: string;
  code: string;
  leadCode: string | null;
  dueAt: Date | null;
  deadlines: { id: string; dueAt: Date; label: string }[];
}

export interface PlanTaskProgress extends ProgressDraft {
  id: string;
  deadlines: (TaskDeadlineDraft & { id: string })[];
}

/** A district task as the seed will store it, with departments and assignee by code / key. */
export interface DemoTaskDraft extends ProgressDraft {
  section: string | null;
  sectionTitle: string | null;
  ordinal: number | null;
  title: string;
  product: string | null;
  leadText: string | null;
  cooperatingText: string | null;
  cooperatorCodes: string[];
  deadlineText: string | null;
  recurrence: string;
  source: "plan" | "district";
  assignedBy: string | null;
}

export interface TaskContext {
  now: Date;
  calendar: WorkingCalendar;
}

/**
 * The source plan is for 2023 and names 2024 as "next year"; the demo plan is for the
 * current year, so its texts must say so ("Quý I/2023" → "Quý I/2026").
 */
export function rewritePlanYears(text: string, year: number): string {
  return text.replace(/\b(2023|2024)\b/g, (match) => String(match === "2023" ? year : year + 1));
}

/** The appendix of a real commune plan (Kế hoạch 11/KH-UBND, xã Triệu An; assets/samples). */
export const DEMO_PLAN_FILE = join(projectRoot, "assets/samples/ke-hoach-cchc-phu-luc.csv");

/** The demo's plan file as the plan import reads it: the real appendix, re-dated to `year`. */
export function demoPlanSource(year: number): Extract<SheetSource, { data: Buffer }> {
  const text = rewritePlanYears(readFileSync(DEMO_PLAN_FILE, "utf8"), year);
  return { name: "ke-hoach-cchc-phu-luc.csv", data: Buffer.from(text) };
}

/** Round-robin over a department's staff, so tasks spread evenly and deterministically. */
function assigneePicker(): (departmentCode: string | null) => string | null {
  const counts = new Map<string, number>();
  return (code) => {
    if (!code) return null;
    const staff = departmentStaff(code);
    if (staff.length === 0) return null;
    const n = counts.get(code) ?? 0;
    counts.set(code, n + 1);
    return staff[n % staff.length]!.key;
  };
}

/**
 * What the demo says was done on the imported plan tasks (in code order): each gets an
 * assignee of its lead department and a status, progress and met deadlines consistent with
 * `now`. The plan import writes none of these; the seed writes them after it.
 */
export function buildPlanProgress(tasks: readonly ImportedPlanTask[], ctx: TaskContext): PlanTaskProgress[] {
  const year = Number(ctx.calendar.dayKey(ctx.now).slice(0, 4));
  const pickAssignee = assigneePicker();
  const drafts = tasks.map((task): PlanTaskProgress => ({
    id: task.id,
    code: task.code,
    leadCode: task.leadCode,
    assigneeKey: pickAssignee(task.leadCode),
    dueAt: task.dueAt,
    status: "todo",
    progress: 0,
    completedAt: null,
    deadlines: task.deadlines.map((d) => ({ ...d, metAt: null })),
  }));
  assignPlanStatuses(drafts, ctx, year);
  return drafts;
}

/**
 * Makes the plan look like one being worked on: tasks whose deadline has passed are mostly
 * done (about one in five of them late), a few are still open (overdue); the rest are in
 * progress in proportion to the time left; continuous tasks are in progress.
 */
function assignPlanStatuses(drafts: ProgressDraft[], ctx: TaskContext, year: number): void {
  const rng = mulberry32(seedFrom(`plan-status|${ctx.calendar.dayKey(ctx.now)}`));
  const past = drafts.filter((t) => t.dueAt && t.dueAt <= ctx.now);
  const overdue = new Set(
    sample(rng, past, past.length >= 3 ? Math.max(1, Math.round(past.length * 0.15)) : 0),
  );
  const done = past.filter((t) => !overdue.has(t));
  const late = new Set(sample(rng, done, done.length >= 4 ? Math.max(1, Math.round(done.length * 0.2)) : 0));
  const yearStart = workingDayOnOrAfter(ctx.calendar, `${year}-01-02`);

  for (const task of drafts) {
    const taskRng = mulberry32(seedFrom(`${task.code}|${ctx.calendar.dayKey(ctx.now)}`));
    const metBefore = (due: Date) => completionBefore(ctx, due, taskRng, yearStart);
    if (!task.dueAt) {
      const elapsed = yearFraction(ctx.now, year);
      task.status = taskRng.chance(0.1) ? "todo" : "in_progress";
      task.progress =
        task.status === "todo" ? 0 : clampProgress(elapsed * 100 * (0.6 + 0.4 * taskRng.next()));
      continue;
    }
    if (done.includes(task)) {
      const last = task.deadlines.at(-1)!;
      const completedAt = late.has(task)
        ? (completionAfter(ctx, last.dueAt, taskRng) ?? metBefore(last.dueAt))
        : metBefore(last.dueAt);
      task.status = "done";
      task.progress = 100;
      task.completedAt = completedAt;
      for (const d of task.deadlines) d.metAt = d === last ? completedAt : metBefore(d.dueAt);
      continue;
    }
    const met = task.deadlines.filter(
      (d) => d.dueAt <= ctx.now && !(overdue.has(task) && d === task.deadlines.at(-1)),
    );
    for (const d of met) d.metAt = metBefore(d.dueAt);
    if (overdue.has(task)) {
      task.status = "in_progress";
      task.progress = 10 * taskRng.int(4, 8);
      continue;
    }
    const daysLeft = (task.dueAt.getTime() - ctx.now.getTime()) / 86_400_000;
    if (met.length > 0) {
      task.status = "in_progress";
      task.progress = clampProgress((100 * met.length) / task.deadlines.length);
    } else if (daysLeft <= 45 || taskRng.chance(0.5)) {
      task.status = "in_progress";
      task.progress = daysLeft <= 45 ? 10 * taskRng.int(2, 8) : 10 * taskRng.int(1, 4);
    } else {
      task.status = "todo";
      task.progress = 0;
    }
  }
}

function sample<T>(rng: Random, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const chosen: T[] = [];
  while (chosen.length < count && pool.length > 0)
    chosen.push(pool.splice(rng.int(0, pool.length - 1), 1)[0]!);
  return chosen;
}

function clampProgress(value: number): number {
  return Math.min(80, Math.max(10, Math.round(value / 10) * 10));
}

function yearFraction(now: Date, year: number): number {
  const start = Date.UTC(year, 0, 1);
  return (now.getTime() - start) / (Date.UTC(year + 1, 0, 1) - start);
}

/** A working-hours instant 1–12 days before `due` (not before the year's first working day). */
function completionBefore(ctx: TaskContext, due: Date, rng: Random, earliestDay: string): Date {
  const dueDay = ctx.calendar.dayKey(due);
  let day = workingDayOnOrBefore(ctx.calendar, addCalendarDays(dueDay, -rng.int(1, 12)));
  // Tasks due before the plan year ("Trước 01/2026") are not clamped to it.
  if (day < earliestDay && earliestDay <= dueDay) day = earliestDay;
  const at = officeInstant(ctx.calendar, day, rng, 8 * 60, 16 * 60 + 30)!;
  return at < due ? at : new Date(due.getTime() - 3_600_000);
}

/** A working-hours instant 1–6 working days after `due` and not after now, if there is one. */
function completionAfter(ctx: TaskContext, due: Date, rng: Random): Date | null {
  for (let k = rng.int(1, 6); k >= 1; k--) {
    const day = ctx.calendar.nthWorkingDayAfter(ctx.calendar.dayKey(due), k);
    const at = officeInstant(ctx.calendar, day, rng, 8 * 60, 16 * 60 + 30)!;
    if (at <= ctx.now) return at;
  }
  return null;
}

interface DistrictTaskSpec {
  title: string;
  product: string;
  leadCode: string;
  cooperatorCodes: string[];
  document: string;
  /** Working days from today to the deadline (negative: already past). */
  dueInWorkingDays: number;
  issuedWorkingDaysAgo: number;
  status: TaskStatus;
  progress: number;
  completedWorkingDaysAgo?: number;
}

/**
 * Tasks the district assigned by official letter, dated around `now` so that the reminders
 * have something to say: three due within a week, one overdue, one done, one later.
 */
export function buildDistrictTasks(ctx: TaskContext, firstNumber: number): DemoTaskDraft[] {
  const { calendar, now } = ctx;
  const today = calendar.dayKey(now);
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  // In the first month of a quarter the report asked for is the previous quarter's.
  const quarter = Math.ceil(month / 3) - (month % 3 === 1 ? 1 : 0);
  const [reportQuarter, reportYear] = quarter === 0 ? [4, year - 1] : [quarter, year];
  const roman = ["I", "II", "III", "IV"][reportQuarter - 1]!;
  const district = DEMO_COMMUNE.district.replace(/^Huyện/, "huyện");
  const specs: DistrictTaskSpec[] = [
    {
      title: `Báo cáo kết quả thực hiện công tác CCHC Quý ${roman} năm ${reportYear}`,
      product: "Báo cáo của UBND xã",
      leadCode: "VP",
      cooperatorCodes: ["MC", "TP"],
      document: "Công văn số 401/UBND-NV",
      dueInWorkingDays: 2,
      issuedWorkingDaysAgo: 8,
      status: "in_progress",
      progress: 60,
    },
    {
      title: "Cập nhật số liệu CCHC lên Hệ thống thông tin báo cáo của tỉnh",
      product: "Số liệu được cập nhật trên Hệ thống",
      leadCode: "VP",
      cooperatorCodes: ["MC"],
      document: "Công văn số 452/UBND-VP",
      dueInWorkingDays: 3,
      issuedWorkingDaysAgo: 5,
      status: "todo",
      progress: 0,
    },
    {
      title: "Rà soát, đánh giá TTHC lĩnh vực hộ tịch; đề xuất phương án đơn giản hóa",
      product: "Báo cáo rà soát TTHC",
      leadCode: "TP",
      cooperatorCodes: ["MC"],
      document: "Công văn số 468/UBND-TP",
      dueInWorkingDays: 4,
      issuedWorkingDaysAgo: 6,
      status: "in_progress",
      progress: 30,
    },
    {
      title: "Báo cáo tình hình số hóa hồ sơ, kết quả giải quyết TTHC tại Bộ phận một cửa",
      product: "Báo cáo kết quả số hóa",
      leadCode: "MC",
      cooperatorCodes: ["TP"],
      document: "Công văn số 437/UBND-VP",
      dueInWorkingDays: -2,
      issuedWorkingDaysAgo: 10,
      status: "in_progress",
      progress: 50,
    },
    {
      title: `Đăng ký danh sách CBCC tham gia bồi dưỡng kỹ năng chuyển đổi số năm ${year}`,
      product: "Danh sách CBCC đăng ký",
      leadCode: "VHXH",
      cooperatorCodes: ["VP"],
      document: "Công văn số 415/UBND-NV",
      dueInWorkingDays: -3,
      issuedWorkingDaysAgo: 12,
      status: "done",
      progress: 100,
      completedWorkingDaysAgo: 5,
    },
    {
      title: "Kiểm tra, cập nhật niêm yết công khai TTHC tại Bộ phận một cửa theo Quyết định công bố mới",
      product: "Bảng niêm yết TTHC được cập nhật",
      leadCode: "MC",
      cooperatorCodes: ["TP", "VP"],
      document: "Công văn số 489/UBND-VP",
      dueInWorkingDays: 12,
      issuedWorkingDaysAgo: 2,
      status: "todo",
      progress: 0,
    },
  ];
  const base = workingDayOnOrBefore(calendar, today);
  const dayAt = (offset: number) =>
    offset >= 0 ? calendar.nthWorkingDayAfter(base, offset) : nthWorkingDayBefore(calendar, base, -offset);
  const pickAssignee = assigneePicker();
  const names = new Map(DEMO_DEPARTMENTS.map((d) => [d.code as string, d.name]));
  return specs.map((spec, index): DemoTaskDraft => {
    const dueDay = dayAt(spec.dueInWorkingDays);
    const dueAt = dueInstant(dueDay);
    const completedAt =
      spec.completedWorkingDaysAgo === undefined
        ? null
        : officeInstant(calendar, dayAt(-spec.completedWorkingDaysAgo), mulberry32(index), 8 * 60, 16 * 60)!;
    const issued = vietnameseDate(dayAt(-spec.issuedWorkingDaysAgo));
    return {
      code: `NV${firstNumber + index}`,
      section: null,
      sectionTitle: null,
      ordinal: null,
      title: spec.title,
      product: spec.product,
      leadCode: spec.leadCode,
      leadText: names.get(spec.leadCode) ?? null,
      cooperatingText: spec.cooperatorCodes.map((c) => names.get(c)).join("; "),
      cooperatorCodes: spec.cooperatorCodes,
      assigneeKey: pickAssignee(spec.leadCode),
      deadlineText: `Trước ngày ${vietnameseDate(dueDay)}`,
      recurrence: "none",
      dueAt,
      status: spec.status,
      progress: spec.progress,
      completedAt,
      source: "district",
      assignedBy: `${spec.document} ngày ${issued} của UBND ${district}`,
      deadlines: [{ dueAt, label: vietnameseDate(dueDay), metAt: completedAt }],
    };
  });
}

export interface EvidenceDraft {
  taskCode: string;
  officialKey: string | null;
  kind: "image" | "file" | "link" | "text";
  url: string | null;
  name: string | null;
  sizeBytes: number | null;
  note: string | null;
  createdAt: Date;
}

/** Minh chứng for the first few done tasks, in the shapes the bot accepts. */
export function buildEvidence(tasks: readonly ProgressDraft[]): EvidenceDraft[] {
  const shapes: Omit<EvidenceDraft, "taskCode" | "officialKey" | "createdAt">[] = [
    { kind: "file", url: null, name: "Van-ban-ban-hanh.pdf", sizeBytes: 248_312, note: "Văn bản đã ký số" },
    { kind: "image", url: null, name: "Anh-hoi-nghi.jpg", sizeBytes: 1_204_776, note: null },
    {
      kind: "link",
      url: "https://hoa-an.example/tin-tuc/cai-cach-hanh-chinh",
      name: null,
      sizeBytes: null,
      note: "Đã đăng trên Trang thông tin điện tử xã",
    },
    { kind: "text", url: null, name: null, sizeBytes: null, note: "Đã báo cáo UBND huyện qua hệ thống" },
  ];
  return tasks
    .filter((t) => t.status === "done" && t.completedAt)
    .slice(0, 6)
    .map((task, index) => ({
      ...shapes[index % shapes.length]!,
      taskCode: task.code,
      officialKey: task.assigneeKey,
      createdAt: task.completedAt!,
    }));
}
