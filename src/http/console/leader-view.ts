import type { Response, Router } from "express";
import type { Db } from "../../db/client.js";
import { dayKey } from "../../domain/calendar/working-days.js";
import type { ParRisk } from "../../domain/reports/par-risk.js";
import { type ReportData, reportData } from "../../domain/reports/report-data.js";
import { type ReportFigures, reportFigures } from "../../domain/reports/report-figures.js";
import {
  currentQuarterPeriod,
  firstMonthsPeriod,
  monthPeriod,
  parseReportPeriod,
  quarterPeriod,
  REPORT_PERIOD_HINT,
  type ReportPeriod,
  yearPeriod,
} from "../../domain/reports/report-period.js";
import { reportFileName, reportWorkbookBuffer } from "../../domain/reports/report-workbook.js";
import { esc, jsonBlock, page } from "./html.js";
import { sessionOf } from "./session.js";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export interface LeaderFigures {
  data: ReportData;
  /** Each month of the period up to now, with the report's figures for it. */
  months: { label: string; figures: ReportFigures }[];
}

/** Everything the leader's view shows: the report's own loaders, nothing computed again. */
export async function leaderFigures(
  prisma: Db,
  communeId: string,
  period: ReportPeriod,
  now: Date,
): Promise<LeaderFigures> {
  const data = await reportData(prisma, communeId, period, now);
  const today = dayKey(now);
  const months: ReportPeriod[] = [];
  let [y, m] = period.days.from.slice(0, 7).split("-").map(Number) as [number, number];
  for (;;) {
    const month = monthPeriod(y, m);
    if (month.days.from > period.days.to || month.days.from > today) break;
    months.push(month);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  const figures = await Promise.all(months.map((p) => reportFigures(prisma, communeId, p.range, now)));
  return {
    data,
    months: months.map((p, i) => ({
      label: `T${p.days.from.slice(5, 7).replace(/^0/, "")}/${p.days.from.slice(0, 4)}`,
      figures: figures[i]!,
    })),
  };
}

/** A share as the percentage the charts and cards show, one decimal. */
export const percent = (share: number | null): number | null =>
  share === null ? null : Math.round(share * 1000) / 10;

const pctText = (share: number | null) =>
  share === null ? "chưa có số liệu" : `${String(percent(share)).replace(".", ",")}%`;

const targetOf = (risks: readonly ParRisk[], measure: ParRisk["measure"]) =>
  risks.find((r) => r.measure === measure)?.target ?? null;

/** What the charts draw (assets/console/console.js reads it); the test compares it with reportData. */
export function chartData(f: LeaderFigures) {
  const d = f.data.figures.dossiers;
  const risks = f.data.risks;
  return {
    departments: {
      labels: f.data.figures.byDepartment.map((x) => x.department),
      overdueDossiers: f.data.figures.byDepartment.map((x) => x.dossiers.overdue),
      overdueTasks: f.data.figures.byDepartment.map((x) => x.planTasks.overdue + x.districtTasks.overdue),
    },
    rates: {
      labels: ["Giải quyết đúng hạn", "Số hóa hồ sơ", "Thanh toán trực tuyến"],
      actual: [percent(d.onTimeRate), percent(d.digitisationRate), percent(d.paidOnlineRate)],
      target: [
        null,
        percent(targetOf(risks, "digitisation_rate")),
        percent(targetOf(risks, "paid_online_rate")),
      ],
    },
    trend: {
      labels: f.months.map((m) => m.label),
      onTimeRate: f.months.map((m) => percent(m.figures.dossiers.onTimeRate)),
      received: f.months.map((m) => m.figures.dossiers.received),
      resolved: f.months.map((m) => m.figures.dossiers.resolved),
    },
  };
}

/** The periods offered in the picker: this year's quarters, 6 and 9 months, the year, its months. */
function periodChoices(now: Date): { value: string; label: string }[] {
  const year = Number(dayKey(now).slice(0, 4));
  const choices: { value: string; label: string }[] = [];
  for (const y of [year, year - 1]) {
    for (const q of [1, 2, 3, 4]) choices.push({ value: `q${q}-${y}`, label: quarterPeriod(y, q).label });
    choices.push({ value: `6t-${y}`, label: firstMonthsPeriod(y, 6).label });
    choices.push({ value: `9t-${y}`, label: firstMonthsPeriod(y, 9).label });
    choices.push({ value: `${y}`, label: yearPeriod(y).label });
    for (let m = 1; m <= 12; m++)
      choices.push({ value: `${y}-${String(m).padStart(2, "0")}`, label: monthPeriod(y, m).label });
  }
  return choices;
}

function periodCode(p: ReportPeriod, now: Date): string {
  return periodChoices(now).find((c) => c.label === p.label)?.value ?? `${p.days.from}..${p.days.to}`;
}

/** The commune a request is about: the official's own, or the operator's choice (default the first). */
async function communeFor(prisma: Db, res: Response, slug: unknown) {
  const session = sessionOf(res);
  if (session.actor) {
    return prisma.commune.findUniqueOrThrow({
      where: { id: session.actor.communeId },
      select: { id: true, slug: true, name: true },
    });
  }
  const communes = await prisma.commune.findMany({
    orderBy: { name: "asc" },
    select: { id: true, slug: true, name: true },
  });
  return communes.find((c) => c.slug === slug) ?? communes[0] ?? null;
}

export function leaderRoutes(router: Router, deps: { prisma: Db }, now: () => Date): void {
  const periodOf = (text: unknown, at: Date) =>
    typeof text === "string" && text !== "" ? parseReportPeriod(text) : currentQuarterPeriod(at);

  router.get("/console/leader", async (req, res) => {
    const at = now();
    const session = sessionOf(res);
    const commune = await communeFor(deps.prisma, res, req.query.commune);
    if (!commune)
      return res
        .status(404)
        .send(page({ title: "Chưa có xã", body: "<p>Chưa có xã nào. Thêm xã bằng lệnh onboarding.</p>" }));
    const period = periodOf(req.query.period, at);
    if (!period)
      return res.status(400).send(
        page({
          title: "Kỳ không hợp lệ",
          body: `<p class="error">Kỳ báo cáo không hợp lệ: ${esc(REPORT_PERIOD_HINT)}</p>`,
        }),
      );
    const figures = await leaderFigures(deps.prisma, commune.id, period, at);
    res.send(leaderPage(figures, commune, period, at, session));
  });

  router.get("/console/report.xlsx", async (req, res) => {
    const at = now();
    const commune = await communeFor(deps.prisma, res, req.query.commune);
    const period = periodOf(req.query.period, at);
    if (!commune || !period) return res.status(400).json({ error: REPORT_PERIOD_HINT });
    const data = await reportData(deps.prisma, commune.id, period, at);
    res.setHeader("Content-Type", XLSX);
    res.setHeader("Content-Disposition", `attachment; filename="${reportFileName(commune.slug, data)}"`);
    res.send(await reportWorkbookBuffer(data));
  });
}

function leaderPage(
  f: LeaderFigures,
  commune: { slug: string; name: string },
  period: ReportPeriod,
  now: Date,
  session: ReturnType<typeof sessionOf>,
): string {
  const d = f.data.figures.dossiers;
  const fig = f.data.figures;
  const risks = f.data.risks;
  const code = periodCode(period, now);
  const card = (id: string, label: string, value: string, note = "") =>
    `<div class="kpi" id="${id}"><div class="label">${esc(label)}</div><div class="value">${esc(value)}</div>${note ? `<div class="note">${esc(note)}</div>` : ""}</div>`;
  const target = (m: ParRisk["measure"]) => {
    const t = targetOf(risks, m);
    return t === null ? "" : `mục tiêu ${pctText(t)}`;
  };
  const options = periodChoices(now)
    .map(
      (c) => `<option value="${esc(c.value)}"${c.value === code ? " selected" : ""}>${esc(c.label)}</option>`,
    )
    .join("");
  const riskRows = risks
    .map(
      (r) => `<tr class="${r.pointsAtRisk > 0 ? "risk" : ""}"><td>${esc(r.code)}</td><td>${esc(r.name)}</td>
<td>${esc(r.measure === "district_tasks_late" || r.measure === "late_without_apology" ? r.detail : `${pctText(r.value)} (${r.detail})`)}</td>
<td>${esc(r.measure === "district_tasks_late" || r.measure === "late_without_apology" ? r.target : pctText(r.target))}</td>
<td class="num">${esc(r.pointsAtRisk)}/${esc(r.maxPoints)}</td><td>${esc(r.department)}</td></tr>`,
    )
    .join("");
  const query = `commune=${encodeURIComponent(commune.slug)}&period=${encodeURIComponent(code)}`;
  const body = `<h1>${esc(commune.name)} — ${esc(period.label)}</h1>
<form method="get" action="/console/leader" class="period">
${session.role === "operator" ? `<input type="hidden" name="commune" value="${esc(commune.slug)}">` : ""}
<label>Kỳ báo cáo <select name="period" id="period">${options}</select></label> <button type="submit">Xem</button>
<a class="button" id="xlsx" href="/console/report.xlsx?${esc(query)}">Tải báo cáo XLSX</a></form>
<section class="kpis">
${card("kpi-on-time", "Tỉ lệ giải quyết đúng hạn", pctText(d.onTimeRate), `${d.resolvedEarly + d.resolvedOnTime}/${d.resolved} hồ sơ`)}
${card("kpi-overdue-dossiers", "Hồ sơ quá hạn", String(d.overdue), `đang giải quyết ${d.inProgress}`)}
${card("kpi-overdue-tasks", "Nhiệm vụ quá hạn", String(fig.planTasks.overdue + fig.districtTasks.overdue), `kế hoạch ${fig.planTasks.overdue}, huyện giao ${fig.districtTasks.overdue}`)}
${card("kpi-digitisation", "Số hóa hồ sơ", pctText(d.digitisationRate), target("digitisation_rate"))}
${card("kpi-paid-online", "Thanh toán trực tuyến", pctText(d.paidOnlineRate), target("paid_online_rate"))}
</section>
<section class="charts">
<figure class="chart"><figcaption>Quá hạn theo bộ phận</figcaption><canvas id="chart-departments" role="img" aria-label="Hồ sơ và nhiệm vụ quá hạn theo bộ phận"></canvas></figure>
<figure class="chart"><figcaption>Tỉ lệ so với mục tiêu (%)</figcaption><canvas id="chart-rates" role="img" aria-label="Tỉ lệ so với mục tiêu"></canvas></figure>
<figure class="chart wide"><figcaption>Theo tháng</figcaption><canvas id="chart-trend" role="img" aria-label="Hồ sơ theo tháng"></canvas></figure>
</section>
<section><h2>Rủi ro mất điểm chỉ số CCHC năm ${esc(dayKey(fig.asOf).slice(0, 4))}</h2>
<div class="scroll"><table id="risks"><thead><tr><th>Mã</th><th>Tiêu chí</th><th>Hiện tại</th><th>Mục tiêu</th><th>Điểm có thể mất</th><th>Bộ phận</th></tr></thead>
<tbody>${riskRows}</tbody></table></div></section>
${jsonBlock("chart-data", chartData(f))}`;
  return page({
    title: "Tổng quan",
    body,
    session: {
      who: session.officialName ?? "Người vận hành",
      csrfToken: session.csrfToken,
      operator: session.role === "operator",
    },
    scripts: ["/console/static/chart.umd.js", "/console/static/console.js"],
  });
}
