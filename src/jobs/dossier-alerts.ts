import type { DossierAlertItem } from "../domain/dossiers/dossier-queries.js";
import {
  apologiesOutstanding,
  dueForEscalation,
  markApologyReminded,
  markEscalated,
  markOverdueAlerted,
  newlyOverdue,
} from "../domain/reminders/dossier-alerts.js";
import type { ReminderRecipient } from "../domain/reminders/recipients.js";
import {
  apologyButtons,
  apologyReminderText,
  escalationText,
  overdueToDeskText,
  overdueToHandlerText,
} from "../bot/features/dossiers/templates.js";
import type { Job, JobContext } from "./job.js";
import { setKey } from "./runner.js";

/**
 * Dossier alerts, during working hours: a dossier that becomes overdue is announced once
 * to its handler and to the one-stop desk's group; one overdue for N working days is
 * escalated once to the leaders (even in quiet hours or with reminders off); a late one
 * without a recorded apology letter is reminded to its handler once a working day until
 * one is recorded ("đã xin lỗi HS <mã>", or the button on the reminder).
 */
export const dossierAlertsJob: Job = {
  name: "dossier-alerts",
  description: "Cảnh báo hồ sơ quá hạn, báo lãnh đạo, nhắc thư xin lỗi",
  defaultSchedule: "*/30 7-17 * * *",
  catchUp: true,
  async run(ctx) {
    const clock = { now: ctx.now, calendar: ctx.calendar };
    const today = ctx.calendar.dayKey(ctx.now);

    const overdue = await newlyOverdue(ctx.prisma, ctx.commune.id, ctx.now);
    if (overdue.length > 0) {
      for (const [official, dossiers] of byHandler(ctx, overdue)) {
        await ctx.alerts.toOfficial(
          official,
          overdueToHandlerText(dossiers, clock),
          apologyButtons(dossiers),
          `dossier-overdue:${setKey(dossiers.map((d) => d.id))}:${official.id}`,
        );
      }
      const ids = overdue.map((d) => d.id);
      for (const group of await deskGroups(ctx)) {
        await ctx.alerts.toGroup(
          group,
          overdueToDeskText(overdue, clock),
          `dossier-overdue:${setKey(ids)}:group:${group}`,
        );
      }
      // Just told to apologise too: the daily apology reminder starts tomorrow.
      await markOverdueAlerted(ctx.prisma, ids, ctx.now, today);
    }

    const longOverdue = await dueForEscalation(ctx.prisma, ctx.commune.id, {
      now: ctx.now,
      calendar: ctx.calendar,
      afterWorkingDays: ctx.settings.escalateAfterDays,
    });
    if (longOverdue.length > 0) {
      const key = setKey(longOverdue.map((d) => d.id));
      for (const leader of ctx.officials.filter((o) => o.actor.role === "leader")) {
        await ctx.alerts.toOfficial(
          leader,
          escalationText(longOverdue, clock),
          [],
          `dossier-escalate:${key}:${leader.id}`,
          {
            urgent: true,
          },
        );
      }
      await markEscalated(
        ctx.prisma,
        longOverdue.map((d) => d.id),
        ctx.now,
      );
    }

    if (!ctx.calendar.isWorkingDay(today)) return;
    const unapologised = await apologiesOutstanding(ctx.prisma, ctx.commune.id, clock);
    for (const [official, dossiers] of byHandler(ctx, unapologised)) {
      await ctx.alerts.toOfficial(
        official,
        apologyReminderText(dossiers, clock),
        apologyButtons(dossiers),
        `apology:${today}:${official.id}`,
      );
    }
    if (unapologised.length > 0)
      await markApologyReminded(
        ctx.prisma,
        unapologised.map((d) => d.id),
        today,
      );
  },
};

/**
 * Dossiers grouped by who should act: the handler, or for an unassigned one the
 * one-stop desk's officials (every dossier passes through the desk).
 */
function byHandler(
  ctx: JobContext,
  dossiers: DossierAlertItem[],
): Map<ReminderRecipient, DossierAlertItem[]> {
  const desk = ctx.officials.filter((o) => o.actor.oneStopDesk);
  const out = new Map<ReminderRecipient, DossierAlertItem[]>();
  for (const d of dossiers) {
    const handler = ctx.officials.find((o) => o.id === d.handler?.id);
    for (const official of handler ? [handler] : desk) out.set(official, [...(out.get(official) ?? []), d]);
  }
  return out;
}

async function deskGroups(ctx: JobContext): Promise<string[]> {
  const groups = await ctx.prisma.zaloGroup.findMany({
    where: { communeId: ctx.commune.id, purpose: "one_stop_desk" },
    select: { groupId: true },
  });
  return groups.map((g) => g.groupId);
}
