/**
 * Everything the exported report shows for one period: the period's figures, the plan's
 * year to the same moment (the form's "lũy kế" lines), and the PAR-index risks of the year
 * so far at that moment. One loader for the XLSX, the admin API and the CLI.
 */
import type { Db } from "../../db/client.js";
import { dayKey } from "../calendar/working-days.js";
import { assessParRisks, type ParRisk } from "./par-risk.js";
import { parCriteria } from "./par-targets.js";
import { type ReportFigures, reportFigures } from "./report-figures.js";
import { type ReportPeriod, yearPeriod } from "./report-period.js";

export interface ReportData {
  period: ReportPeriod;
  figures: ReportFigures;
  /** The whole year of the period, as of the period's asOf (plan completion "lũy kế"). */
  year: ReportFigures;
  /** The year as of the period's asOf, scored as the PAR index would. */
  risks: ParRisk[];
}

export async function reportData(
  prisma: Db,
  communeId: string,
  period: ReportPeriod,
  now: Date,
): Promise<ReportData> {
  const figures = await reportFigures(prisma, communeId, period.range, now);
  const asOf = figures.asOf;
  const yearRange = yearPeriod(Number(dayKey(period.range.from).slice(0, 4))).range;
  const [year, commune] = await Promise.all([
    reportFigures(prisma, communeId, yearRange, asOf),
    prisma.commune.findUniqueOrThrow({ where: { id: communeId }, select: { slug: true } }),
  ]);
  // The same measure as parRisks: the year, as of the period's last moment.
  return { period, figures, year, risks: assessParRisks(year, parCriteria(commune.slug)) };
}
