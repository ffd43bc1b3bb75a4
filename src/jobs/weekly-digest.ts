import { weeklySummary } from "../domain/reminders/weekly-summary.js";
import { weeklyDigestText } from "../bot/features/reminders/templates.js";
import type { Job } from "./job.js";

/**
 * Monday morning, the leadership group (or each linked leader, when the commune has no such
 * group) gets the week's picture: plan completion, overdue tasks by department, this
 * quarter's dossiers and on-time rate, the five most overdue items, and the alerts Zalo
 * could not deliver.
 */
export const weeklyDigestJob: Job = {
  name: "weekly-digest",
  description: "Tin tổng hợp tuần cho nhóm lãnh đạo",
  defaultSchedule: "0 8 * * 1",
  catchUp: true,
  async run(ctx) {
    const day = ctx.calendar.dayKey(ctx.now);
    const summary = await weeklySummary(ctx.prisma, ctx.commune.id, { now: ctx.now, calendar: ctx.calendar });
    const text = weeklyDigestText(ctx.commune.name, summary, { now: ctx.now, calendar: ctx.calendar });
    const groups = await ctx.prisma.zaloGroup.findMany({
      where: { communeId: ctx.commune.id, purpose: "leaders" },
      select: { groupId: true },
    });
    for (const g of groups) await ctx.alerts.toGroup(g.groupId, text, `weekly:${day}:group:${g.groupId}`);
    if (groups.length > 0) return;
    for (const leader of ctx.officials.filter((o) => o.actor.role === "leader")) {
      await ctx.alerts.toOfficial(leader, text, [], `weekly:${day}:${leader.id}`);
    }
  },
};
