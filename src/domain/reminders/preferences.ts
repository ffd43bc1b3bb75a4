import type { Db } from "../../db/client.js";
import { auditActorColumns, type AuditActor, type Channel } from "../officials/scope.js";

/** How an official wants to be reminded, as they set it in chat. */
export interface ReminderPreferences {
  /** "tắt nhắc" turns reminders off (escalations still reach leaders). */
  remindersOn: boolean;
  /** "HH:MM" of their morning digest; null: the commune's default time. */
  digestTime: string | null;
  /** "chỉ nhắc việc quá hạn": overdue items only. */
  overdueOnly: boolean;
}

export type PreferenceChange = Partial<ReminderPreferences>;

const SELECT = { remindersOn: true, digestTime: true, overdueOnly: true } as const;

export async function reminderPreferences(prisma: Db, officialId: string): Promise<ReminderPreferences> {
  return prisma.official.findUniqueOrThrow({ where: { id: officialId }, select: SELECT });
}

/** Stores a change of preferences, with an audit row saying who changed what. */
export async function setReminderPreferences(
  prisma: Db,
  officialId: string,
  change: PreferenceChange,
  context: { actor: AuditActor; channel: Channel },
): Promise<ReminderPreferences> {
  if (
    change.digestTime !== undefined &&
    change.digestTime !== null &&
    !/^\d{2}:\d{2}$/.test(change.digestTime)
  ) {
    throw new RangeError(`digest time must be HH:MM, got ${change.digestTime}`);
  }
  return prisma.$transaction(async (tx) => {
    const before = await tx.official.findUniqueOrThrow({
      where: { id: officialId },
      select: { ...SELECT, communeId: true },
    });
    const after = await tx.official.update({ where: { id: officialId }, data: change, select: SELECT });
    const { communeId, ...was } = before;
    await tx.auditLog.create({
      data: {
        communeId,
        ...auditActorColumns(context.actor),
        channel: context.channel,
        entityType: "official",
        entityId: officialId,
        action: "reminder_preferences",
        before: JSON.stringify(was),
        after: JSON.stringify(after),
      },
    });
    return after;
  });
}
