import { join } from "node:path";
import { readCatalogue } from "../domain/procedures/catalogue-source.js";
import {
  type ImportOptions,
  type ImportReport,
  importCatalogue,
} from "../domain/procedures/import-catalogue.js";
import { projectRoot } from "../paths.js";
import type { Db } from "./client.js";
import { type SeedDemoResult, seedDemo } from "./seed/seed-demo.js";

/** The national catalogue of commune-level procedures shipped with the repository. */
export const CATALOGUE_FILE = join(projectRoot, "assets/tthc/procedures.jsonl");

export function importCatalogueFile(
  prisma: Db,
  file: string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  return importCatalogue(prisma, readCatalogue(file), options);
}

/** Seeds the demo commune with the shipped catalogue; a no-op when the demo commune exists. */
export function seedDemoData(prisma: Db, options: { now: Date }): Promise<SeedDemoResult> {
  return seedDemo(prisma, {
    now: options.now,
    loadCatalogue: async (p) => {
      // Keep procedures an operator imported from elsewhere: the demo only adds.
      const report = await importCatalogueFile(p, CATALOGUE_FILE, { deactivateMissing: false });
      if (report.bad.length > 0)
        throw new Error(`catalogue has ${report.bad.length} bad rows (line ${report.bad[0]?.line})`);
    },
  });
}
