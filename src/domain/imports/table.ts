/**
 * An office's spreadsheet read by its column headers: the header row is found (titles above
 * it are skipped), each header is matched to a column the import knows, whatever words the
 * office used for it (assets/imports/columns.json), and each row comes out as the known
 * columns' texts with the row number a person sees in the file.
 */
import { z } from "zod";
import { loadAsset } from "../../assets.js";
import { foldText } from "../text/vietnamese.js";
import { readSheet, type SheetSource, UnreadableSheetError, UnsupportedSheetError } from "./sheet.js";

const aliasesSchema = z.record(z.string(), z.array(z.string().min(1)).min(1));
const COLUMNS = loadAsset(
  "imports/columns.json",
  z.object({ plan: aliasesSchema, dossiers: aliasesSchema, officials: aliasesSchema }).loose(),
);

export type TableKind = "plan" | "dossiers" | "officials";

export interface TableRow {
  line: number;
  /** The known columns' texts (trimmed; an empty cell is absent). */
  cells: Record<string, string>;
}

export interface Table {
  /** The header row's number, and the headers nobody knows (reported, not fatal). */
  headerLine: number;
  unknownHeaders: string[];
  /**
   * The known columns the header has: an import can tell a column the file lacks (leave the
   * stored value alone) from an empty cell (clear it).
   */
  columns: string[];
  rows: AsyncIterable<TableRow>;
}

/** No header row naming at least two known columns in the first rows of the file. */
export class TableHeaderError extends Error {
  override name = "TableHeaderError";
}

/** The file cannot be read as a spreadsheet at all: a damaged workbook, or not one. */
export class TableReadError extends Error {
  override name = "TableReadError";
}

/**
 * Whether an import failed on its file (no header, not a spreadsheet, a damaged one) rather
 * than on this program: the operator's to fix, answered with the message (HTTP 400, CLI exit 2).
 */
export function isTableInputError(error: unknown): error is Error {
  return (
    error instanceof TableHeaderError ||
    error instanceof TableReadError ||
    error instanceof UnsupportedSheetError ||
    error instanceof UnreadableSheetError
  );
}

/** "Nhiệm vụ cụ thể (1)" → "nhiem vu cu the": how headers are compared. */
function headerKey(text: string): string {
  return foldText(text.replace(/\(\s*\d+\s*\)/g, " ").replace(/\*/g, " "));
}

export function columnsOf(kind: TableKind): Readonly<Record<string, readonly string[]>> {
  return COLUMNS[kind];
}

/**
 * Reads `source` as a table of `kind`. Throws TableHeaderError when no header row is found
 * among the first 20 rows, naming the columns expected, and TableReadError when the file
 * cannot be read.
 */
export async function readTable(source: SheetSource, kind: TableKind): Promise<Table> {
  const aliases = new Map<string, string>();
  for (const [column, names] of Object.entries(columnsOf(kind))) {
    for (const name of names) aliases.set(headerKey(name), column);
  }
  const sheet = readSheet(source)[Symbol.asyncIterator]();
  for (let scanned = 0; scanned < 20; scanned++) {
    const next = await sheet.next().catch((error: unknown) => {
      if (error instanceof UnsupportedSheetError) throw error;
      // The sheet reader's own message already says what could not be read.
      const message = error instanceof Error ? error.message : String(error);
      throw new TableReadError(
        error instanceof UnreadableSheetError ? message : `không đọc được tệp: ${message}`,
        { cause: error },
      );
    });
    if (next.done) break;
    const keys = next.value.values.map(headerKey);
    const known = keys.map((k) => aliases.get(k));
    if (known.filter(Boolean).length < 2) continue;
    const unknownHeaders = next.value.values.filter((v, i) => v.trim() !== "" && !known[i]);
    const columns = [...new Set(known.filter((c): c is string => c !== undefined))];
    return { headerLine: next.value.line, unknownHeaders, columns, rows: rowsOf(sheet, known) };
  }
  const expected = Object.values(columnsOf(kind))
    .map((names) => `"${names[0]}"`)
    .join(", ");
  throw new TableHeaderError(`không tìm thấy dòng tiêu đề cột (cần ít nhất hai trong các cột ${expected})`);
}

async function* rowsOf(
  sheet: AsyncIterator<{ line: number; values: string[] }>,
  columns: (string | undefined)[],
): AsyncIterable<TableRow> {
  for (;;) {
    const next = await sheet.next();
    if (next.done) return;
    const cells: Record<string, string> = {};
    next.value.values.forEach((value, i) => {
      const column = columns[i];
      const text = value.replace(/\s+/g, " ").trim();
      if (column && text !== "" && cells[column] === undefined) cells[column] = text;
    });
    if (Object.keys(cells).length > 0) yield { line: next.value.line, cells };
  }
}
