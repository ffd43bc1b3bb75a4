/**
 * PAR-index risk ("rủi ro chỉ số"): for each criterion the data can measure, the current
 * value, the commune's target, the points it would score if the year ended now and so the
 * points at risk, and the department responsible. Measured on the year so far (the index
 * is scored yearly), from the same figures as the report.
 *
 * - plan completion (1.1.3) = deadlines met ÷ deadlines met or passed (a deadline still
 *   ahead is not lost yet); district tasks (1.5.1) = those done late or overdue;
 * - the rates are the report's (dossier-figures.ts); late_without_apology = late dossiers
 *   whose apology letter is not recorded.
 */
import type { Db } from "../../db/client.js";
import { dayKey } from "../calendar/working-days.js";
import { type ParCriterion, parCriteria, type ParMeasure } from "./par-targets.js";
import { type ReportFigures, reportFigures } from "./report-figures.js";
import { yearPeriod } from "./report-period.js";

export interface ParRisk {
  code: string;
  name: string;
  measure: ParMeasure;
  /** A share 0–1 for rates, a count for per-item criteria; null when there is no data yet. */
  value: number | null;
  /** "28/31", "3 việc": what the value is made of. */
  detail: string;
  target: number;
  belowTarget: boolean;
  maxPoints: number;
  /** The points the criterion would score now. */
  points: number;
  pointsAtRisk: number;
  department: string;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function measureOf(measure: ParMeasure, f: ReportFigures): { value: number | null; detail: string } {
  const d = f.dossiers;
  const ratio = (part: number, whole: number) => ({
    value: whole > 0 ? part / whole : null,
    detail: `${part}/${whole}`,
  });
  switch (measure) {
    case "plan_completion": {
      const t = f.planTasks;
      return ratio(t.done, t.done + t.overdue);
    }
    case "district_tasks_late": {
      const t = f.districtTasks;
      const n = t.doneLate + t.overdue;
      return { value: n, detail: `${t.doneLate} xong trễ, ${t.overdue} quá hạn` };
    }
    case "digitisation_rate":
      return ratio(d.digitised, d.received);
    case "electronic_result_rate":
      return ratio(d.electronicResult, d.resolved);
    case "procedures_paid_online_rate":
      return ratio(d.proceduresPaidOnline, d.feeProcedures);
    case "paid_online_rate":
      return ratio(d.paidOnline, d.feeDossiers);
    case "fully_online_rate":
      return ratio(d.fullyOnline, d.receivedOnline);
    case "online_services_used_rate":
      return ratio(Math.min(d.onlineServicesWithDossiers, f.onlineServicesOffered), f.onlineServicesOffered);
    case "online_rate":
      return ratio(d.receivedOnline, d.received);
    case "late_without_apology":
      return { value: d.withoutApology, detail: `${d.withoutApology}/${d.lateNeedingApology} hồ sơ trễ` };
  }
}

/** The risk of each criterion on these figures, the largest first. */
export function assessParRisks(figures: ReportFigures, criteria: readonly ParCriterion[]): ParRisk[] {
  const risks = criteria.map((c): ParRisk => {
    const { value, detail } = measureOf(c.measure, figures);
    let points = c.maxPoints;
    let belowTarget = false;
    if (value !== null) {
      if (c.scoring.kind === "per_item") {
        points = Math.max(0, c.maxPoints - c.scoring.pointsPerItem * value);
        belowTarget = value > c.target;
      } else {
        const { floor = 0, fullAt = 1 } = c.scoring;
        points = value < floor ? 0 : c.maxPoints * Math.min(1, value / fullAt);
        belowTarget = value < c.target;
      }
    }
    points = round2(points);
    return {
      code: c.code,
      name: c.name,
      measure: c.measure,
      value,
      detail,
      target: c.target,
      belowTarget,
      maxPoints: c.maxPoints,
      points,
      pointsAtRisk: round2(c.maxPoints - points),
      department: c.department,
    };
  });
  return risks.sort(
    (a, b) => b.pointsAtRisk - a.pointsAtRisk || Number(b.belowTarget) - Number(a.belowTarget),
  );
}

/** The year so far of the commune, as the PAR index will score it. */
export async function parRisks(
  prisma: Db,
  communeId: string,
  now: Date,
): Promise<{ year: number; figures: ReportFigures; risks: ParRisk[] }> {
  const year = Number(dayKey(now).slice(0, 4));
  const commune = await prisma.commune.findUniqueOrThrow({
    where: { id: communeId },
    select: { slug: true },
  });
  const figures = await reportFigures(prisma, communeId, yearPeriod(year).range, now);
  return { year, figures, risks: assessParRisks(figures, parCriteria(commune.slug)) };
}
