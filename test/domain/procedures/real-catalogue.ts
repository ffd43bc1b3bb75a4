/** The real catalogue shipped in assets/, read once per test file. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { CatalogueRow } from "../../../src/domain/procedures/catalogue-source.js";

export const CATALOGUE_PATH = fileURLToPath(
  new URL("../../../assets/tthc/procedures.jsonl", import.meta.url),
);
/** Why each record is or is not a commune service (a copy of the data set's decisions file). */
export const DECISIONS_PATH = fileURLToPath(
  new URL("../../fixtures/commune_service_decisions.tsv", import.meta.url),
);

type RawRecord = Record<string, unknown>;

let cache: RawRecord[] | undefined;

/** Every record of the real file, in file order. */
export function realRecords(): RawRecord[] {
  cache ??= readFileSync(CATALOGUE_PATH, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as RawRecord);
  return cache;
}

/** A fresh copy of one real record, safe to modify. */
export function realRecord(code: string): RawRecord {
  const found = realRecords().find((r) => r.code === code);
  if (!found) throw new Error(`no record ${code} in the real catalogue`);
  return structuredClone(found);
}

/** A line the reader could not decode. */
export class BadLine {
  constructor(readonly error: string) {}
}

/** Rows as a reader would yield them, numbered from line 1; a BadLine stands for an undecodable line. */
export async function* rowsOf(...items: unknown[]): AsyncIterable<CatalogueRow> {
  let line = 0;
  for (const item of items) {
    line++;
    if (item instanceof BadLine) yield { line, raw: undefined, error: item.error };
    else yield { line, raw: item };
  }
}
