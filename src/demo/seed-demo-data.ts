import { join } from "node:path";
import type { Db } from "../db/client.js";
import { importCatalogueFile } from "../domain/procedures/import-catalogue.js";
import { projectRoot } from "../paths.js";
import { type SeedDemoResult, seedDemo } from "./seed-demo.js";

/** The national catalogue of commune-level procedures shipped with the repository. */
export const CATALOGUE_FILE = join(projectRoot, "assets/tthc/procedures.jsonl");

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
