/**
 * One row of a plan table as the task it becomes: departments resolved against the commune's
 * (department-match.ts), the deadline phrase read for the plan's year (date-phrases), and
 * what the operator should check, as warnings on the row. Nothing here is fatal: a task
 * whose department or deadline is not understood still imports, its words kept as written.
 */
import { type DeadlineRecurrence, dueInstant, parseDeadlinePhrase } from "../calendar/date-phrases/index.js";
import {
  type DepartmentNames,
  departmentMentions,
  resolveTaskDepartments,
} from "../departments/department-match.js";
import { importKeyOf, type PlanRecord } from "./plan-rows.js";
import { namesNoDepartment } from "./plan-words.js";
import type { RowProblem } from "./report.js";

/** A task's content as the plan says it: everything an import may set, nothing chat records. */
export interface PlannedTask {
  importKey: string;
  line: number;
  section: string | null;
  sectionTitle: string | null;
  ordinal: number;
  title: string;
  product: string | null;
  leadCode: string | null;
  leadText: string | null;
  cooperatorCodes: string[];
  cooperatingText: string | null;
  deadlineText: string | null;
  recurrence: DeadlineRecurrence;
  /** The last deadline; null for a continuous task or one without a deadline understood. */
  dueAt: Date | null;
  deadlines: { dueAt: Date; label: string }[];
  source: "plan" | "district";
  assignedBy: string | null;
}

const orNull = (text: string) => (text === "" ? null : text);

export function plannedTask(
  record: PlanRecord,
  plan: { year: number; departments: readonly DepartmentNames[] },
): { task: PlannedTask; warnings: RowProblem[] } {
  const warnings: RowProblem[] = [];
  const warn = (message: string) => warnings.push({ line: record.line, message });

  for (const [cell, column] of [
    [record.lead, "chủ trì"],
    [record.cooperating, "phối hợp"],
  ] as const) {
    for (const m of departmentMentions(cell, plan.departments)) {
      if (m.code === null && !namesNoDepartment(m.text))
        warn(`không nhận ra ngành "${m.text}" (cột ${column}); nhiệm vụ vẫn được nhập, giữ nguyên chữ`);
    }
  }
  const { leadCode, cooperatorCodes } = resolveTaskDepartments(
    record.lead,
    record.cooperating,
    plan.departments,
  );

  const phrase = parseDeadlinePhrase(record.deadline, plan.year);
  if (record.deadline === "") warn("chưa ghi thời hạn; nhiệm vụ được nhập không có hạn");
  else if (phrase.kind === "unknown")
    warn(`không hiểu thời hạn "${phrase.text}"; nhiệm vụ được nhập không có hạn`);
  const deadlines = phrase.deadlines.map((d) => ({ dueAt: dueInstant(d.dueOn), label: d.label }));

  if (record.district && record.assignedBy === "")
    warn("nhiệm vụ huyện giao chưa ghi văn bản giao (cột Văn bản giao)");

  return {
    task: {
      importKey: importKeyOf(record, plan.year),
      line: record.line,
      section: record.section,
      sectionTitle: record.sectionTitle,
      ordinal: record.ordinal,
      title: record.title,
      product: orNull(record.product),
      leadCode,
      leadText: orNull(record.lead),
      cooperatorCodes,
      cooperatingText: orNull(record.cooperating),
      deadlineText: orNull(phrase.text),
      recurrence: phrase.recurrence,
      dueAt: phrase.kind === "continuous" ? null : (deadlines.at(-1)?.dueAt ?? null),
      deadlines,
      source: record.district ? "district" : "plan",
      assignedBy: orNull(record.assignedBy),
    },
    warnings,
  };
}
