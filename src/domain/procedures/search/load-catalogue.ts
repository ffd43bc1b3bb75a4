/**
 * Builds a ProcedureIndex from a catalogue file (JSONL/JSON), reusing the import's reader
 * and validation. Rows that fail validation are skipped and reported, not fatal: the bot
 * should still start with the rest of the catalogue.
 */
import { parseCatalogueRecord, type CatalogueRecord } from "../catalogue-record.js";
import { readCatalogue } from "../catalogue-source.js";
import { ProcedureIndex, type RankingParameters } from "./procedure-index.js";

export interface LoadedCatalogue {
  records: CatalogueRecord[];
  /** "line 12: code: expected …" for every row that was skipped. */
  skipped: string[];
}

export async function loadCatalogueRecords(path: string): Promise<LoadedCatalogue> {
  const records: CatalogueRecord[] = [];
  const skipped: string[] = [];
  for await (const row of readCatalogue(path)) {
    if (row.error) {
      skipped.push(`line ${row.line}: ${row.error}`);
      continue;
    }
    const parsed = parseCatalogueRecord(row.raw);
    if (parsed.ok) records.push(parsed.record);
    else skipped.push(`line ${row.line}: ${parsed.error}`);
  }
  return { records, skipped };
}

export async function buildIndexFromFile(
  path: string,
  parameters: Partial<RankingParameters> = {},
): Promise<{ index: ProcedureIndex; records: CatalogueRecord[]; skipped: string[] }> {
  const { records, skipped } = await loadCatalogueRecords(path);
  return { index: ProcedureIndex.build(records, parameters), records, skipped };
}
