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
import { readSheet } from "../imports/sheet.js";
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

/** CSV or XLSX with a header row of the JSONL file's field names (see imports/sheet.ts). */
async function* readTabular(path: string): AsyncIterable<CatalogueRow> {
  let header: string[] | undefined;
  for await (const row of readSheet(path)) {
    if (!header) header = row.values;
    else yield { line: row.line, raw: rowFromCells(header, row.values) };
  }
}

const READERS: Readonly<Record<string, CatalogueReader>> = {
  ".jsonl": readJsonLines,
  ".ndjson": readJsonLines,
  ".json": readJsonArray,
  ".csv": readTabular,
  ".xlsx": readTabular,
};

/** Throws UnsupportedFormatError at once (not on first read) so a CLI can say so before starting. */
export function readCatalogue(path: string): AsyncIterable<CatalogueRow> {
  const extension = extname(path).toLowerCase();
  const reader = READERS[extension];
  if (!reader) throw new UnsupportedFormatError(extension);
  return reader(path);
}
