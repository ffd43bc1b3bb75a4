import { feedbackFigures } from "../../../domain/feedback/feedback.js";
import { romanQuarter } from "../../../domain/calendar/date-phrases/vocabulary.js";
import { quarterOf, quarterRange } from "../../../domain/calendar/periods.js";
import { quickStats } from "../../../domain/reports/quick-stats.js";
import { Composer } from "../../composer.js";
import type { OfficialContext } from "../../context.js";
import type { DayRange } from "../../intents/intent.js";
import { daySpanRange } from "../../../domain/calendar/periods.js";
import type { Feature } from "../feature.js";
import { feedbackLine, onTimeRateText, statsText } from "./templates.js";

/** The period asked for, or this quarter (the CCHC report's period) when none was said. */
function periodOf(ctx: OfficialContext, range?: DayRange) {
  if (range) return { label: range.label, range: daySpanRange(range) };
  const now = ctx.clock.now;
  const year = ctx.clock.calendar.dayKey(now).slice(0, 4);
  return { label: `quý ${romanQuarter(quarterOf(now))}/${year}`, range: quarterRange(now) };
}

async function showStats(ctx: OfficialContext, range?: DayRange): Promise<void> {
  const { actor } = ctx.official;
  const period = periodOf(ctx, range);
  const stats = await quickStats(ctx.prisma, actor, period.range, ctx.clock.now);
  const scope = actor.role === "leader" ? "" : " (trong phạm vi của anh/chị)";
  const citizens =
    actor.role === "leader"
      ? feedbackLine(await feedbackFigures(ctx.prisma, actor.communeId, period.range))
      : "";
  await ctx.reply(`${statsText(`${period.label}${scope}`, stats, ctx.clock)}${citizens}`);
}

async function showOnTimeRate(ctx: OfficialContext, range?: DayRange): Promise<void> {
  const period = periodOf(ctx, range);
  const stats = await quickStats(ctx.prisma, ctx.official.actor, period.range, ctx.clock.now);
  await ctx.reply(onTimeRateText(period.label, stats));
}

/** The figures officials ask for in chat: "thống kê", "tỉ lệ đúng hạn quý này". */
const officials = new Composer<OfficialContext>()
  .intent("stats", (ctx) => showStats(ctx, ctx.intent.range))
  .intent("on_time_rate", (ctx) => showOnTimeRate(ctx, ctx.intent.range));

export const stats: Feature = { name: "stats", officials };
