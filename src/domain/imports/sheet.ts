/**
 * Spreadsheets as people keep them: a CSV (any delimiter Excel writes: comma, semicolon or
 * tab) or the first worksheet of an XLSX workbook, read as rows of cell texts with the row
 * number a person sees in the file. Every importer (plans, dossiers, officials, the
 * procedure catalogue) reads its files through here.
 */
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { Readable } from "node:stream";
import { parse } from "csv-parse";
import type ExcelJS from "exceljs";

export interface SheetRow {
  /** 1-based: the CSV record's first line, or the spreadsheet row number. */
  line: number;
  values: string[];
}

/** A file to read: a path, or the bytes of an upload with its file name. */
export type SheetSource = string | { name: string; data: Buffer };

export const SHEET_EXTENSIONS = [".csv", ".tsv", ".txt", ".xlsx"] as const;

export class UnsupportedSheetError extends Error {
  constructor(readonly extension: string) {
    super(`unsupported format "${extension || "(none)"}": use ${SHEET_EXTENSIONS.join(", ")}`);
    this.name = "UnsupportedSheetError";
  }
}

/** A file in a format the reader knows that it still cannot read: a broken workbook, a stray quote. */
export class UnreadableSheetError extends Error {
  override name = "UnreadableSheetError";
}

const nameOf = (source: SheetSource) => (typeof source === "string" ? source : source.name);

/** Throws UnsupportedSheetError at once (not on the first read), so a caller can say so before starting. */
export function readSheet(source: SheetSource): AsyncIterable<SheetRow> {
  const extension = extname(nameOf(source)).toLowerCase();
  if (extension === ".xlsx") return readXlsx(source);
  if (extension === ".csv" || extension === ".tsv" || extension === ".txt") return readDelimited(source);
  throw new UnsupportedSheetError(extension);
}

async function* readDelimited(source: SheetSource): AsyncIterable<SheetRow> {
  const head =
    typeof source === "string" ? await readHead(source) : source.data.subarray(0, 4096).toString("utf8");
  const input = typeof source === "string" ? createReadStream(source) : Readable.from([source.data]);
  const parser = input.pipe(
    parse({
      bom: true,
      delimiter: delimiterOf(head),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
    }),
  );
  // info.lines is where a record ends; it starts on the line after the previous one ended.
  let previousEnd = 0;
  try {
    for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = previousEnd + 1;
      previousEnd = record.info.lines;
      yield { line, values: record.record.map((v) => v.normalize("NFC")) };
    }
  } catch (error) {
    // csv-parse's own errors (CSV_…) are the file's; anything else is ours.
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" && code.startsWith("CSV_"))
      throw new UnreadableSheetError(
        `không đọc được tệp CSV sau dòng ${previousEnd}: ${(error as Error).message}`,
      );
    throw error;
  }
}

async function readHead(path: string): Promise<string> {
  const handle = await import("node:fs/promises").then((fs) => fs.open(path, "r"));
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString("utf8");
  } finally {
    await handle.close();
  }
}

/**
 * Excel in Vietnamese locales writes ";" between cells; exports from the one-stop system
 * use ","; TSV uses tabs. The first lines decide (a title line above the table has none).
 */
function delimiterOf(head: string): string {
  const lines = head
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .slice(0, 10);
  const most = (d: string) => Math.max(0, ...lines.map((line) => line.split(d).length - 1));
  return [",", ";", "\t"].reduce((best, d) => (most(d) > most(best) ? d : best));
}

async function* readXlsx(source: SheetSource): AsyncIterable<SheetRow> {
  // exceljs costs ~25 MB of resident memory once loaded: the service loads it only when a
  // workbook is read (or written, see report-workbook.ts), not at start.
  const { default: Excel } = await import("exceljs");
  const workbook = new Excel.Workbook();
  // exceljs types its own Buffer; Node's is the same thing at run time.
  const data = typeof source === "string" ? await readFile(source) : source.data;
  try {
    await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new UnreadableSheetError(`không đọc được tệp Excel (.xlsx): ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return;
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    // row.values is 1-based: index 0 is empty.
    const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
    rows.push({ line: number, values });
  });
  yield* rows;
}

function wallClock(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
  return time === "00:00" ? day : `${day} ${time}`;
}

/** A cell as the text a person sees: rich text joined, dates as "YYYY-MM-DD[ HH:MM]", formulas' results. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  // Excel keeps dates as wall-clock time with no zone; exceljs hands them over as if UTC.
  if (value instanceof Date) return wallClock(value);
  if (typeof value === "object") {
    if ("richText" in value)
      return value.richText
        .map((t) => t.text)
        .join("")
        .normalize("NFC");
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("text" in value) return String(value.text).normalize("NFC");
    if ("hyperlink" in value) return String(value.hyperlink);
    return "";
  }
  return String(value).normalize("NFC");
}
