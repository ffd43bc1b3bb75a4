import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadConfig } from "../config.js";
import { openMigratedDatabase } from "../db/migrate.js";
import { summariseDeadline } from "../domain/calendar/date-phrases/index.js";
import { dayKey } from "../domain/calendar/working-days.js";
import { importPlan, isPlanInputError } from "../domain/imports/plan-import.js";
import { reportLines } from "../domain/imports/report.js";
import { resolveCommune } from "../domain/procedures/local-notes.js";
import { type Command, UsageError } from "./command.js";
import { endProgress, progressPrinter } from "./progress.js";

/** "--year 2024": a plan year, or the usage error that says what one looks like. */
function yearOption(value: string | undefined, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (!value || !/^\d{4}$/.test(value))
    throw new UsageError(`--year: a year such as 2024, not "${value ?? ""}"`);
  return Number(value);
}

/** `deadline`, `import-plan`: a commune's CCHC plan, for an operator. */
export const planCommands: Record<string, Command> = {
  deadline: {
    usage:
      'deadline [--year 2024] "<phrase>"   what a plan deadline phrase means: due days, recurrence (JSON)',
    run: async (args) => {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: { year: { type: "string" } },
      });
      const phrase = positionals.join(" ");
      if (phrase.trim() === "")
        throw new UsageError('deadline needs a phrase, e.g. deadline --year 2024 "Quý II và Quý IV"');
      const year = yearOption(values.year, Number(dayKey(new Date()).slice(0, 4)));
      console.log(JSON.stringify(summariseDeadline(phrase, year)));
    },
  },
  "import-plan": {
    usage:
      'import-plan <file> --commune <slug> --year <yyyy> [--title "…"] [--document "11/KH-UBND"] [--dry-run]   load a CCHC plan (.csv, .xlsx)',
    run: async (args) => {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: {
          commune: { type: "string" },
          year: { type: "string" },
          title: { type: "string" },
          document: { type: "string" },
          "dry-run": { type: "boolean" },
        },
      });
      const file = positionals[0];
      if (!file) throw new UsageError("import-plan needs the plan's file (.csv or .xlsx)");
      if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
      const year = yearOption(values.year);
      const dryRun = values["dry-run"] ?? false;
      const db = await openMigratedDatabase(loadConfig().database);
      try {
        const commune = await resolveCommune(db.prisma, values.commune);
        if (!commune)
          throw new UsageError(
            values.commune
              ? `no commune with slug ${values.commune}`
              : "name the commune with --commune <slug>",
          );
        const report = await importPlan(
          db.prisma,
          file,
          { communeId: commune.id, year, title: values.title, documentNo: values.document },
          { actor: { label: "cli" }, channel: "cli", now: new Date() },
          { dryRun, onProgress: progressPrinter("nhiệm vụ") },
        ).catch((error: unknown) => {
          // The file or the plan is the operator's to fix: say why, exit 2.
          if (isPlanInputError(error)) throw new UsageError(`${file}: ${error.message}`);
          throw error;
        });
        endProgress();
        for (const line of reportLines(report)) console.log(line);
        const { rows, created, updated, unchanged, bad, warnings } = report;
        console.log(
          JSON.stringify({
            rows,
            created,
            updated,
            unchanged,
            bad: bad.length,
            warnings: warnings.length,
            dryRun,
          }),
        );
      } finally {
        await db.close();
      }
    },
  },
};
