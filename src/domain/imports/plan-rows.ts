/**
 * A commune's CCHC plan table, read row by row into its tasks. Two layouts are read, both as
 * offices write them:
 *
 * - the appendix (Phụ lục) of a plan: sections numbered in Roman numerals ("I." "CẢI CÁCH
 *   THỂ CHẾ"), tasks in Arabic ones, written "1.", "2.." or "7";
 * - a plan's task list (Nhiệm vụ cụ thể) made into a table: sections numbered "1.", "2."
 *   ("Cải cách thể chế:"), tasks lettered "a)", "b)", "đ)" … A file with at least as many
 *   lettered rows as numbered ones is read this way, its numbered rows being its sections.
 *
 * A row without a number continues the task above: a table converted from a signed PDF
 * breaks a row at each page end, and its second half has an empty TT cell. A heading naming
 * the district's tasks ("NHIỆM VỤ UBND HUYỆN GIAO", see plan-words.ts) is a section even
 * without a number. A row that cannot be placed is reported by its number and the rest of
 * the file is read.
 */
import { foldText } from "../text/vietnamese.js";
import type { RowProblem } from "./report.js";
import type { SheetSource } from "./sheet.js";
import { readTable, type TableRow } from "./table.js";
import { isDistrictSection, sourceOf } from "./plan-words.js";

/** One task of the plan, its continuation rows merged in. Texts are "" when the cell is empty. */
export interface PlanRecord {
  /** The row the task starts on. */
  line: number;
  /** The section's number as written ("II", "1"), or null when the table has none. */
  section: string | null;
  sectionTitle: string | null;
  /** The task's number within its section: "c" → 3. */
  ordinal: number;
  /** The number as the import key spells it: "3", "c". */
  ordinalKey: string;
  title: string;
  product: string;
  lead: string;
  cooperating: string;
  deadline: string;
  /** A district task: marked so by its "Nguồn" cell, or under a district heading. */
  district: boolean;
  /** The district's document that assigned it ("Công văn số 401/UBND-NV …"). */
  assignedBy: string;
}

export interface PlanRows {
  headerLine: number;
  unknownHeaders: string[];
  records: PlanRecord[];
  bad: RowProblem[];
  warnings: RowProblem[];
}

/** The columns a continuation row adds to the task above it. */
const TEXT_COLUMNS = ["title", "product", "lead", "cooperating", "deadline", "assignedBy"] as const;
const CELL_OF: Record<(typeof TEXT_COLUMNS)[number], string> = {
  title: "task",
  product: "product",
  lead: "lead",
  cooperating: "cooperating",
  deadline: "deadline",
  assignedBy: "assignedBy",
};

const ROMAN = /^([IVXLC]+)\s*\.?$/;
// "2.." and "7" occur in real plans next to the usual "1.".
const ARABIC = /^(\d{1,3})\s*\.*$/;
/** Vietnamese lists skip f, j, w and z; an office that uses them gets them after y. */
const LETTERS = "abcdđeghiklmnopqrstuvxyfjwz";
const LETTER = new RegExp(`^([${LETTERS}])\\s*[).]?$`);
/** A heading with its number in the same cell: "II. Cải cách thủ tục hành chính". */
const NUMBERED_HEADING = /^([IVXLC]+|\d{1,3})\s*[.)]\s*(.+)$/;

type Ordinal = { shape: "roman" | "arabic" | "letter"; key: string; value: number } | { shape: "none" };

function ordinalOf(cell: string | undefined): Ordinal | undefined {
  // "- e)" in plans written as prose lists: the dash is the list's, not the number's.
  const text = (cell ?? "").replace(/^[-–—•]\s*/, "").trim();
  if (text === "") return { shape: "none" };
  const roman = ROMAN.exec(text);
  if (roman) return { shape: "roman", key: roman[1]!, value: 0 };
  const arabic = ARABIC.exec(text);
  if (arabic) return { shape: "arabic", key: String(Number(arabic[1])), value: Number(arabic[1]) };
  const letter = LETTER.exec(text.toLowerCase());
  if (letter) return { shape: "letter", key: letter[1]!, value: LETTERS.indexOf(letter[1]!) + 1 };
  return undefined;
}

/** Markup left by a PDF conversion ("<b>II.</b>") is no part of a cell. */
function cleanCells(row: TableRow): Record<string, string> {
  const cells: Record<string, string> = {};
  for (const [column, value] of Object.entries(row.cells)) {
    const text = value
      .replace(/<[^>]*>/g, " ")
      .replace(/\s+/g, " ")
      .trim();
    if (text !== "") cells[column] = text;
  }
  return cells;
}

/** "Cải cách thể chế:" → "Cải cách thể chế". */
const headingTitle = (text: string) => text.replace(/\s*:\s*$/, "").trim();

const joinParts = (head: string, tail: string | undefined) =>
  !tail ? head : head === "" ? tail : `${head} ${tail}`;

interface Section {
  id: string | null;
  title: string;
  district: boolean;
}

export async function readPlanRows(source: SheetSource): Promise<PlanRows> {
  const table = await readTable(source, "plan");
  const rows: { line: number; cells: Record<string, string> }[] = [];
  for await (const row of table.rows) rows.push({ line: row.line, cells: cleanCells(row) });
  // Read as a task list when letters number at least as many rows as digits do: one stray
  // "x)" in an appendix must not turn its tasks into sections.
  const shapes = rows.map((r) => ordinalOf(r.cells.ordinal)?.shape);
  const count = (shape: string) => shapes.filter((s) => s === shape).length;
  const lettered = count("letter") > 0 && count("letter") >= count("arabic");

  const records: PlanRecord[] = [];
  const bad: RowProblem[] = [];
  const warnings: RowProblem[] = [];
  let section: Section | undefined;
  /** The task the next unnumbered row continues: none after a heading or at the start. */
  let open: PlanRecord | { bad: true } | undefined;

  for (const { line, cells } of rows) {
    const ordinal = ordinalOf(cells.ordinal);
    const text = cells.task ?? "";
    const onlyText = !cells.product && !cells.lead && !cells.cooperating && !cells.deadline;
    if (!ordinal) {
      bad.push({ line, message: `không hiểu số thứ tự "${cells.ordinal}" (viết I., 1., a) …)` });
      open = { bad: true };
      continue;
    }
    const heading =
      ordinal.shape === "roman" ||
      (ordinal.shape === "arabic" && lettered) ||
      (ordinal.shape === "none" && onlyText && isDistrictSection(text));
    if (heading) {
      if (text === "") {
        bad.push({ line, message: `dòng mục ${cells.ordinal} không có tên mục` });
        open = { bad: true };
        continue;
      }
      const title = headingTitle(text);
      section = {
        id: ordinal.shape === "none" ? null : ordinal.key,
        title,
        district: isDistrictSection(title),
      };
      open = undefined;
      continue;
    }
    if (ordinal.shape === "none") {
      if (!open) {
        bad.push({ line, message: "dòng không có số thứ tự và không nằm dưới nhiệm vụ nào" });
        continue;
      }
      // The second half of a row broken by a page end.
      if (!("bad" in open)) for (const f of TEXT_COLUMNS) open[f] = joinParts(open[f], cells[CELL_OF[f]]);
      continue;
    }
    const record = taskRecord(line, cells, ordinal, section, warnings);
    records.push(record);
    open = record;
  }
  return {
    headerLine: table.headerLine,
    unknownHeaders: table.unknownHeaders,
    ...validate(records, bad),
    warnings,
  };
}

function taskRecord(
  line: number,
  cells: Record<string, string>,
  ordinal: Extract<Ordinal, { key: string }>,
  current: Section | undefined,
  warnings: RowProblem[],
): PlanRecord {
  // A "Mục" column names the section on each row instead of heading rows.
  const named = cells.section ? NUMBERED_HEADING.exec(cells.section) : null;
  const section: Section | undefined = cells.section
    ? {
        id: named ? named[1]! : null,
        title: headingTitle(named ? named[2]! : cells.section),
        district: isDistrictSection(cells.section),
      }
    : current;
  let district = section?.district ?? false;
  if (cells.source) {
    const said = sourceOf(cells.source);
    if (said) district = said === "district";
    else
      warnings.push({
        line,
        message: `không hiểu nguồn "${cells.source}" (ghi "huyện" hoặc "kế hoạch"); coi là ${district ? "nhiệm vụ huyện giao" : "nhiệm vụ của kế hoạch"}`,
      });
  }
  return {
    line,
    section: section?.id ?? null,
    sectionTitle: section?.title ?? null,
    ordinal: ordinal.value,
    ordinalKey: ordinal.key,
    title: cells.task ?? "",
    product: cells.product ?? "",
    lead: cells.lead ?? "",
    cooperating: cells.cooperating ?? "",
    deadline: cells.deadline ?? "",
    district,
    assignedBy: cells.assignedBy ?? "",
  };
}

/** "Công văn số 401/UBND-NV" → "cong-van-so-401-ubnd-nv": how a text goes into a key. */
const slug = (text: string) => foldText(text).replace(/ /g, "-").slice(0, 80);

/** Where a task sits in the plan, without the year: what tells two tasks of a file apart. */
function placeOf(record: PlanRecord): { kind: "plan" | "district"; rest: string } {
  const section = record.section ?? (record.sectionTitle ? slug(record.sectionTitle) : "-");
  const number = `${section}.${record.ordinalKey}`;
  // A district task is the district's document's: its number is the one it has in the file.
  return record.district
    ? { kind: "district", rest: `${slug(record.assignedBy) || "-"}:${number}` }
    : { kind: "plan", rest: number };
}

/**
 * The task's import key ("plan:2024:II.3", "district:2024:cong-van-so-401-ubnd-nv:III.1"): a
 * re-import of the plan finds the task by it, whatever its code or text has become.
 */
export function importKeyOf(record: PlanRecord, year: number): string {
  const { kind, rest } = placeOf(record);
  return `${kind}:${year}:${rest}`;
}

/** The task's number as people read it: "II.3", "1.c". */
export function numberOf(record: PlanRecord): string {
  return `${record.section ? `${record.section}.` : ""}${record.ordinalKey}`;
}

/** Tasks without their text are bad rows; so is a second task in the same place. */
function validate(all: PlanRecord[], bad: RowProblem[]): { records: PlanRecord[]; bad: RowProblem[] } {
  const records: PlanRecord[] = [];
  const seen = new Map<string, number>();
  for (const record of all) {
    if (record.title === "") {
      bad.push({ line: record.line, message: `nhiệm vụ ${numberOf(record)} không có nội dung nhiệm vụ` });
      continue;
    }
    const { kind, rest } = placeOf(record);
    const earlier = seen.get(`${kind}:${rest}`);
    if (earlier !== undefined) {
      bad.push({ line: record.line, message: `trùng số thứ tự ${numberOf(record)} với dòng ${earlier}` });
      continue;
    }
    seen.set(`${kind}:${rest}`, record.line);
    records.push(record);
  }
  return { records, bad: bad.sort((a, b) => a.line - b.line) };
}
