import { parseArgs } from "node:util";
import { loadConfig } from "../config.js";
import { openMigratedDatabase } from "../db/migrate.js";
import { importDossierFile } from "../domain/imports/dossier-import.js";
import { reportLines } from "../domain/imports/report.js";
import { isTableInputError } from "../domain/imports/table.js";
import { endProgress, progressPrinter } from "./progress.js";
import { resolveCommune } from "../domain/procedures/local-notes.js";
import { type Command, UsageError } from "./command.js";

/** `import-dossiers`: the one-stop system's export into a commune, against the configured database. */
export const dossierCommands: Record<string, Command> = {
  "import-dossiers": {
    usage:
      "import-dossiers <file> --commune <slug> [--dry-run]   import the one-stop system's dossiers (.csv, .xlsx)",
    run: async (args) => {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: { commune: { type: "string" }, "dry-run": { type: "boolean" } },
      });
      const file = positionals[0];
      if (!file) throw new UsageError("import-dossiers needs the export file, e.g. ho-so-mot-cua.csv");
      const dryRun = values["dry-run"] ?? false;
      const db = await openMigratedDatabase(loadConfig().database);
      try {
        const commune = await resolveCommune(db.prisma, values.commune);
        if (!commune) throw new UsageError("name the commune with --commune <slug> (several or none found)");
        const report = await importDossierFile(db.prisma, commune.id, file, {
          dryRun,
          // The import reports once per chunk it writes: show each.
          onProgress: progressPrinter("dòng", 1),
        }).catch((error: unknown) => {
          if (
            isTableInputError(error) ||
            (error instanceof Error && "code" in error && error.code === "ENOENT")
          ) {
            throw new UsageError(`${file}: ${error.message}`);
          }
          throw error;
        });
        endProgress();
        for (const line of reportLines(report)) console.log(`${dryRun ? "(thử) " : ""}${line}`);
        const { rows, created, updated, unchanged } = report;
        console.log(
          JSON.stringify({
            dryRun,
            rows,
            created,
            updated,
            unchanged,
            bad: report.bad.length,
            warnings: report.warnings.length,
          }),
        );
      } finally {
        await db.close();
      }
    },
  },
};
