import { TZDate } from "@date-fns/tz";
import { isEmptyDigest, morningDigest } from "../domain/reminders/morning-digest.js";
import { morningDigestText } from "../bot/features/reminders/templates.js";
import type { Job } from "./job.js";

/**
 * Each working morning, every linked official gets one message with their overdue tasks,
 * tasks due within N working days and dossiers due today or the next working day or
 * overdue, at their chosen time ("nhắc lúc 6h30") or the default one; nothing to say, no
 * message. The job looks every 5 minutes from 05:00 to 10:55 (the times officials may
 * choose), so a time it missed while the service was down is still honoured later that
 * morning.
 */
export const morningDigestJob: Job = {
  name: "morning-digest",
  description: "Tin tổng hợp buổi sáng cho từng cán bộ (ngày làm việc)",
  defaultSchedule: "*/5 5-10 * * *",
  catchUp: true,
  async run(ctx) {
    const today = ctx.calendar.dayKey(ctx.now);
    if (!ctx.calendar.isWorkingDay(today)) return;
    const local = new TZDate(ctx.now.getTime(), ctx.calendar.timeZone);
    const clock = `${String(local.getHours()).padStart(2, "0")}:${String(local.getMinutes()).padStart(2, "0")}`;
    for (const official of ctx.officials) {
      const { remindersOn, digestTime, overdueOnly } = official.preferences;
      if (!remindersOn || clock < (digestTime ?? ctx.settings.digestTime)) continue;
      await ctx.once(`${today}:${official.id}`, async () => {
        const digest = await morningDigest(ctx.prisma, official.actor, {
          now: ctx.now,
          calendar: ctx.calendar,
          withinWorkingDays: ctx.settings.daysBefore,
          overdueOnly,
        });
        if (isEmptyDigest(digest)) return;
        await ctx.alerts.toOfficial(
          official,
          morningDigestText(official.name, digest, { now: ctx.now, calendar: ctx.calendar }),
          [],
          `digest:${today}:${official.id}`,
          { chosenTime: digestTime !== null },
        );
      });
    }
  },
};
