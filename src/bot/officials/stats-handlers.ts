import { quarterOf, quarterRange, quickStats } from "../../domain/reports/quick-stats.js";
import type { DayRange } from "../intents/intent.js";
import { feedbackLine, onTimeRateText, statsText } from "../templates/officials.js";
import { feedbackFigures } from "../../domain/feedback/feedback.js";
import { instantsOf, type OfficialCtx } from "./official-context.js";

const ROMAN = ["I", "II", "III", "IV"];

/** The period asked for, or this quarter (the CCHC report's period) when none was said. */
function periodOf(o: OfficialCtx, range?: DayRange) {
  if (range) return { label: range.label, range: instantsOf(range) };
  const now = o.clock.now;
  const year = o.clock.calendar.dayKey(now).slice(0, 4);
  return { label: `quý ${ROMAN[quarterOf(now) - 1]}/${year}`, range: quarterRange(now) };
}

export async function showStats(o: OfficialCtx, range?: DayRange): Promise<void> {
  const period = periodOf(o, range);
  const stats = await quickStats(o.ctx.prisma, o.actor, period.range, o.clock.now);
  const scope = o.actor.role === "leader" ? "" : " (trong phạm vi của anh/chị)";
  const citizens =
    o.actor.role === "leader"
      ? feedbackLine(await feedbackFigures(o.ctx.prisma, o.actor.communeId, period.range))
      : "";
  await o.ctx.reply(`${statsText(`${period.label}${scope}`, stats, o.clock)}${citizens}`);
}

export async function showOnTimeRate(o: OfficialCtx, range?: DayRange): Promise<void> {
  const period = periodOf(o, range);
  const stats = await quickStats(o.ctx.prisma, o.actor, period.range, o.clock.now);
  await o.ctx.reply(onTimeRateText(period.label, stats));
}
