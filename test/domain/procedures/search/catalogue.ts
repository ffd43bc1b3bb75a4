/** The full catalogue of the repository, parsed and indexed once per test file. */
import { fileURLToPath } from "node:url";
import type { CatalogueRecord } from "../../../../src/domain/procedures/catalogue-record.js";
import { loadCatalogueRecords } from "../../../../src/domain/procedures/search/load-catalogue.js";
import { ProcedureIndex } from "../../../../src/domain/procedures/search/procedure-index.js";

export const CATALOGUE = fileURLToPath(new URL("../../../../assets/tthc/procedures.jsonl", import.meta.url));

let cached: Promise<{ records: CatalogueRecord[]; index: ProcedureIndex }> | undefined;

export function realIndex(): Promise<{ records: CatalogueRecord[]; index: ProcedureIndex }> {
  cached ??= loadCatalogueRecords(CATALOGUE).then(({ records }) => ({
    records,
    index: ProcedureIndex.build(records),
  }));
  return cached;
}
