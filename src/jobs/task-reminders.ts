import { deadlineRemindersToday } from "../domain/reminders/task-deadlines.js";
import { deadlineReminderButtons, deadlineReminderText } from "../bot/features/tasks/templates.js";
import type { Job } from "./job.js";

/**
 * On working days, each open task's deadlines (the final one, every intermediate one, and
 * for a "Thường xuyên" task its report at each quarter's end) are reminded N working days
 * before, on the day and the day after: to the official it is assigned to, or else to the
 * officials of the department that leads it (the leaders when none does).
 */
export const taskRemindersJob: Job = {
  name: "task-reminders",
  description: "Nhắc hạn nhiệm vụ: trước hạn, đúng hạn, sau hạn",
  defaultSchedule: "0 8 * * *",
  catchUp: true,
  async run(ctx) {
    const reminders = await deadlineRemindersToday(ctx.prisma, ctx.commune.id, {
      now: ctx.now,
      calendar: ctx.calendar,
      daysBefore: ctx.settings.daysBefore,
    });
    const clock = { now: ctx.now, calendar: ctx.calendar };
    for (const reminder of reminders) {
      const { task } = reminder;
      const assignee = ctx.officials.find((o) => o.id === task.assigneeId);
      const lead = ctx.officials.filter(
        (o) => task.leadDepartmentId && o.departmentId === task.leadDepartmentId,
      );
      const leaders = ctx.officials.filter((o) => o.actor.role === "leader");
      const recipients = assignee ? [assignee] : lead.length > 0 ? lead : leaders;
      for (const official of recipients) {
        // "chỉ nhắc việc quá hạn": only the reminder after the deadline.
        if (official.preferences.overdueOnly && reminder.stage !== "after") continue;
        await ctx.alerts.toOfficial(
          official,
          deadlineReminderText(task, reminder, clock),
          deadlineReminderButtons(task),
          `task:${task.id}:${reminder.dueDay}:${reminder.stage}:${official.id}`,
        );
      }
    }
  },
};
