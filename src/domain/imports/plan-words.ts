/**
 * The words a plan import reads in an office's table, kept as data a domain expert extends
 * (assets/imports/plan-words.json, checked at start-up): which section headings hold the
 * district's tasks, what a "Nguồn" cell may say, and which "chủ trì / phối hợp" mentions
 * name people or every unit rather than one department.
 */
import { z } from "zod";
import { loadAsset } from "../../assets.js";
import { foldText } from "../text/vietnamese.js";

const words = z.array(z.string().min(1)).min(1);
const WORDS = loadAsset(
  "imports/plan-words.json",
  z.object({
    districtSections: words,
    sources: z.object({ district: words, plan: words }),
    notDepartments: words,
  }),
);

const fold = (list: readonly string[]) => list.map(foldText);
const DISTRICT_SECTIONS = fold(WORDS.districtSections);
const DISTRICT_SOURCES = new Set(fold(WORDS.sources.district));
const PLAN_SOURCES = new Set(fold(WORDS.sources.plan));
const NOT_DEPARTMENTS = fold(WORDS.notDepartments);

/** "II. NHIỆM VỤ UBND HUYỆN GIAO": a heading over tasks the district assigned. */
export function isDistrictSection(title: string): boolean {
  const folded = foldText(title);
  return DISTRICT_SECTIONS.some((phrase) => ` ${folded} `.includes(` ${phrase} `));
}

/** What a "Nguồn" cell says: the district's task, the plan's own, or not understood. */
export function sourceOf(cell: string): "district" | "plan" | undefined {
  const folded = foldText(cell);
  if (DISTRICT_SOURCES.has(folded)) return "district";
  if (PLAN_SOURCES.has(folded)) return "plan";
  return undefined;
}

/** "Các ngành liên quan", "CBCC xã", "cá nhân liên quan": people or every unit, no department. */
export function namesNoDepartment(mention: string): boolean {
  const folded = foldText(mention);
  return NOT_DEPARTMENTS.some((start) => folded === start || folded.startsWith(`${start} `));
}
