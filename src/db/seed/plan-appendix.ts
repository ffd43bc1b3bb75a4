import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../../paths.js";

/** One task row of a CCHC plan appendix ("PHỤ LỤC: Triển khai các nhiệm vụ CCHC năm …"). */
export interface AppendixTask {
  /** Roman numeral of the section: "II". */
  section: string;
  sectionTitle: string;
  ordinal: number;
  title: string;
  product: string;
  leadText: string;
  cooperatingText: string;
  deadlineText: string;
}

/** The appendix of a real commune plan (Kế hoạch 11/KH-UBND, xã Triệu An), as table rows. */
export const PLAN_APPENDIX_FIXTURE = join(projectRoot, "assets/demo/ke-hoach-cchc-trieu-an.tsv");

export function readPlanAppendixFixture(): AppendixTask[] {
  return parsePlanAppendix(readFileSync(PLAN_APPENDIX_FIXTURE, "utf8"));
}

const SECTION_CELL = /^<b>\s*([IVXLC]+)\s*\.?\s*<\/b>$/i;
// "2.." and "7" occur in real plans next to the usual "1.".
const ORDINAL_CELL = /^(\d+)\s*\.*$/;

/**
 * Parses the tab-separated appendix table (TT, Nhiệm vụ cụ thể, Sản phẩm, Ngành chủ trì,
 * Ngành phối hợp, Thời gian hoàn thành) as converted from the signed PDF. Section rows are
 * bold (`<b>II.</b>	<b>CẢI CÁCH …</b>`); a page break splits a row in two, the second
 * part having an empty TT cell, and its cells are appended to the task above.
 */
export function parsePlanAppendix(text: string): AppendixTask[] {
  const tasks: AppendixTask[] = [];
  let section: { id: string; title: string } | undefined;
  const lines = text.normalize("NFC").split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line.trim() === "") return;
    const cells = line.split("\t").map(cleanCell);
    while (cells.length < 6) cells.push("");
    const [tt, title, product, lead, cooperating, deadline] = cells as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    if (tt.toUpperCase() === "TT") return; // header row
    const sectionMatch = SECTION_CELL.exec(tt);
    if (sectionMatch) {
      section = { id: sectionMatch[1]!.toUpperCase(), title: stripTags(title) };
      return;
    }
    const where = `line ${index + 1}`;
    const ordinalMatch = ORDINAL_CELL.exec(tt);
    if (ordinalMatch) {
      if (!section) throw new Error(`Appendix ${where}: task before any section row`);
      tasks.push({
        section: section.id,
        sectionTitle: section.title,
        ordinal: Number(ordinalMatch[1]),
        title,
        product,
        leadText: lead,
        cooperatingText: cooperating,
        deadlineText: deadline,
      });
      return;
    }
    if (tt !== "") throw new Error(`Appendix ${where}: unexpected TT cell "${tt}"`);
    const previous = tasks.at(-1);
    if (!previous) throw new Error(`Appendix ${where}: continuation row before any task`);
    previous.title = joinParts(previous.title, title);
    previous.product = joinParts(previous.product, product);
    previous.leadText = joinParts(previous.leadText, lead);
    previous.cooperatingText = joinParts(previous.cooperatingText, cooperating);
    previous.deadlineText = joinParts(previous.deadlineText, deadline);
  });
  return tasks;
}

function cleanCell(cell: string): string {
  return cell.replace(/\s+/g, " ").trim();
}

function stripTags(cell: string): string {
  return cleanCell(cell.replace(/<[^>]*>/g, ""));
}

function joinParts(head: string, tail: string): string {
  if (tail === "") return head;
  return head === "" ? tail : `${head} ${tail}`;
}
