import { departmentRemaining } from "../../../domain/reports/department-remaining.js";
import { parRisks } from "../../../domain/reports/par-risk.js";
import { reportFigures } from "../../../domain/reports/report-figures.js";
import {
  currentQuarterPeriod,
  periodOfDays,
  type ReportPeriod,
} from "../../../domain/reports/report-period.js";
import { matchDepartment } from "../../../domain/tasks/task-queries.js";
import { Composer } from "../../composer.js";
import type { OfficialContext } from "../../context.js";
import type { DayRange } from "../../intents/intent.js";
import { clip } from "../../templates/text.js";
import type { Feature } from "../feature.js";
import { periodLine, rateText, remainingText, reportText, riskText } from "./templates.js";

const dmy = (key: string) => `${Number(key.slice(8, 10))}/${Number(key.slice(5, 7))}/${key.slice(0, 4)}`;

/** The period asked for, or this quarter so far ("báo cáo" alone), and how to name it. */
function periodOf(ctx: OfficialContext, range?: DayRange): { period: ReportPeriod; name: string } {
  const now = ctx.clock.now;
  const period = range
    ? periodOfDays({ from: range.from, to: range.to }, range.label)
    : currentQuarterPeriod(now);
  const today = ctx.clock.calendar.dayKey(now);
  const running = period.days.from <= today && today <= period.days.to;
  const last = running ? today : period.days.to;
  return { period, name: periodLine(period.label, period.days.from, last, running) };
}

async function showReport(ctx: OfficialContext, range?: DayRange): Promise<void> {
  const { actor } = ctx.official;
  const { period, name } = periodOf(ctx, range);
  const figures = await reportFigures(ctx.prisma, actor, period.range, ctx.clock.now);
  const scope = actor.role === "leader" ? "" : " (trong phạm vi của anh/chị)";
  await ctx.reply(reportText(name, figures, scope));
}

async function showRate(ctx: OfficialContext, metric: Parameters<typeof rateText>[0], range?: DayRange) {
  const { period, name } = periodOf(ctx, range);
  const figures = await reportFigures(ctx.prisma, ctx.official.actor, period.range, ctx.clock.now);
  await ctx.reply(rateText(metric, name, figures.dossiers));
}

async function showRemaining(ctx: OfficialContext, words: string) {
  const { actor } = ctx.official;
  const department = await matchDepartment(ctx.prisma, actor.communeId, words);
  if (!department) {
    await ctx.reply(
      `Em không tìm thấy bộ phận "${clip(words, 40)}". Anh/chị thử: văn phòng, tư pháp, văn hóa xã hội, một cửa, địa chính…`,
    );
    return;
  }
  const remaining = await departmentRemaining(ctx.prisma, actor, department.id, ctx.clock.now);
  await ctx.reply(remainingText(department.name, remaining, dmy(ctx.clock.calendar.dayKey(ctx.clock.now))));
}

async function showRisks(ctx: OfficialContext) {
  const { year, risks } = await parRisks(ctx.prisma, ctx.official.actor.communeId, ctx.clock.now);
  const today = ctx.clock.calendar.dayKey(ctx.clock.now);
  await ctx.reply(riskText(year, `${Number(today.slice(8, 10))}/${Number(today.slice(5, 7))}`, risks));
}

/** The CCHC report for leaders in chat: "báo cáo quý 1", "tỉ lệ số hóa", "rủi ro chỉ số". */
const officials = new Composer<OfficialContext>()
  .intent("report", (ctx) => showReport(ctx, ctx.intent.range))
  .intent("report_rate", (ctx) => showRate(ctx, ctx.intent.metric, ctx.intent.range))
  .intent("department_remaining", (ctx) => showRemaining(ctx, ctx.intent.department))
  .intent("par_risk", (ctx) => showRisks(ctx));

export const reports: Feature = { name: "reports", officials };
