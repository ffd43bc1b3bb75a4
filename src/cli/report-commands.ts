import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadConfig } from "../config.js";
import { openMigratedDatabase } from "../db/migrate.js";
import { resolveCommune } from "../domain/procedures/local-notes.js";
import { reportData } from "../domain/reports/report-data.js";
import {
  currentQuarterPeriod,
  parseReportPeriod,
  REPORT_PERIOD_HINT,
} from "../domain/reports/report-period.js";
import { reportFileName, reportWorkbookBuffer } from "../domain/reports/report-workbook.js";
import { type Command, UsageError } from "./command.js";

/** `report`: the CCHC report of a commune as an XLSX file (or its figures as JSON). */
export const reportCommands: Record<string, Command> = {
  report: {
    usage:
      "report --commune <slug> [--period q2-2026|6t-2026|9t-2026|2026|2026-04-01..2026-06-30] [--out file.xlsx] [--at <ISO time>] [--json]   write the CCHC report (Phụ lục 2 and PAR risks)",
    run: async (args) => {
      const { values } = parseArgs({
        args,
        options: {
          commune: { type: "string" },
          period: { type: "string" },
          out: { type: "string" },
          at: { type: "string" },
          json: { type: "boolean" },
        },
      });
      const now = values.at ? new Date(values.at) : new Date();
      if (Number.isNaN(now.getTime()))
        throw new UsageError("--at must be an ISO time, e.g. 2026-06-15T03:00:00Z");
      const period =
        values.period === undefined ? currentQuarterPeriod(now) : parseReportPeriod(values.period);
      if (!period) throw new UsageError(`unknown --period "${values.period}": ${REPORT_PERIOD_HINT}`);
      const db = await openMigratedDatabase(loadConfig().database);
      try {
        const found = await resolveCommune(db.prisma, values.commune);
        if (!found) throw new UsageError("name the commune with --commune <slug> (several or none found)");
        const { slug } = await db.prisma.commune.findUniqueOrThrow({
          where: { id: found.id },
          select: { slug: true },
        });
        const data = await reportData(db.prisma, found.id, period, now);
        if (values.json) {
          console.log(JSON.stringify(data));
          return;
        }
        const out = values.out ?? reportFileName(slug, data);
        writeFileSync(out, await reportWorkbookBuffer(data));
        const d = data.figures.dossiers;
        console.log(`Báo cáo CCHC ${found.name}, ${period.label}: ${out}`);
        console.log(
          JSON.stringify({
            file: out,
            period: period.label,
            received: d.received,
            resolved: d.resolved,
            onTimeRate: d.onTimeRate,
          }),
        );
      } finally {
        await db.close();
      }
    },
  },
};
