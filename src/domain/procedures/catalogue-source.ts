/**
 * Reads a catalogue file into raw rows, one reader per file extension. A reader yields
 * every record with the line people will look for in the file; a row it cannot decode
 * (a JSONL line that is not JSON) comes out with `error` set instead of stopping the
 * import.
 */
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { createInterface } from "node:readline";
import { parse } from "csv-parse";
import ExcelJS from "exceljs";
import { rowFromCells } from "./tabular-rows.js";

export interface CatalogueRow {
  /** 1-based line in the file (for a JSON array: position in the array). */
  line: number;
  raw: unknown;
  /** Set when the row could not be decoded; `raw` is then undefined. */
  error?: string;
}

export type CatalogueReader = (path: string) => AsyncIterable<CatalogueRow>;

export class UnsupportedFormatError extends Error {
  constructor(readonly extension: string) {
    super(`unsupported format "${extension || "(none)"}": use ${Object.keys(READERS).join(", ")}`);
    this.name = "UnsupportedFormatError";
  }
}

async function* readJsonLines(path: string): AsyncIterable<CatalogueRow> {
  const lines = createInterface({
    input: createReadStream(path, "utf8"),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let line = 0;
  for await (const text of lines) {
    line++;
    // Editors on Windows save UTF-8 with a byte-order mark.
    const body = (line === 1 ? text.replace(/^\uFEFF/, "") : text).trim();
    if (body === "") continue;
    try {
      yield { line, raw: JSON.parse(body) };
    } catch {
      yield { line, raw: undefined, error: "not valid JSON" };
    }
  }
}

async function* readJsonArray(path: string): AsyncIterable<CatalogueRow> {
  // A broken JSON array has no rows to salvage, so this one throws.
  const data: unknown = JSON.parse((await readFile(path, "utf8")).replace(/^\uFEFF/, ""));
  if (!Array.isArray(data)) throw new Error(`${path}: expected a JSON array of records`);
  for (const [index, raw] of data.entries()) yield { line: index + 1, raw };
}

/** CSV with a header row; `line` is the record's first line in the file (quoted cells may span lines). */
async function* readCsv(path: string): AsyncIterable<CatalogueRow> {
  const parser = createReadStream(path).pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true }),
  );
  let header: string[] | undefined;
  // info.lines is where a record ends; it starts on the line after the previous one ended.
  let previousEnd = 0;
  for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    const start = previousEnd + 1;
    previousEnd = record.info.lines;
    if (!header) {
      header = record.record;
      continue;
    }
    yield { line: start, raw: rowFromCells(header, record.record) };
  }
}

/** The first worksheet of an XLSX workbook; `line` is the spreadsheet row number. */
async function* readXlsx(path: string): AsyncIterable<CatalogueRow> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0];
  if (!sheet) return;
  const cell = (v: ExcelJS.CellValue): unknown =>
    v && typeof v === "object" && "richText" in v ? v.richText.map((t) => t.text).join("") : v;
  let header: string[] | undefined;
  const rows: CatalogueRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    // row.values is 1-based: index 0 is empty.
    const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cell);
    if (!header) header = values.map((v) => String(v ?? ""));
    else rows.push({ line: number, raw: rowFromCells(header, values) });
  });
  yield* rows;
}

const READERS: Readonly<Record<string, CatalogueReader>> = {
  ".jsonl": readJsonLines,
  ".ndjson": readJsonLines,
  ".json": readJsonArray,
  ".csv": readCsv,
  ".xlsx": readXlsx,
};

/** Throws UnsupportedFormatError at once (not on first read) so a CLI can say so before starting. */
export function readCatalogue(path: string): AsyncIterable<CatalogueRow> {
  const extension = extname(path).toLowerCase();
  const reader = READERS[extension];
  if (!reader) throw new UnsupportedFormatError(extension);
  return reader(path);
}
