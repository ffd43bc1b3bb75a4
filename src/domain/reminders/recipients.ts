import type { Db } from "../../db/client.js";
import type { OfficialContact } from "../officials/reach.js";
import { type Actor, parseRole } from "../officials/scope.js";
import type { ReminderPreferences } from "./preferences.js";

/** An active official as the reminder jobs see them: who, what they may see, how they want it. */
export interface ReminderRecipient extends OfficialContact {
  title: string;
  actor: Actor;
  preferences: ReminderPreferences;
}

/** Every active official of the commune, leaders first. */
export async function reminderRecipients(prisma: Db, communeId: string): Promise<ReminderRecipient[]> {
  const rows = await prisma.official.findMany({
    where: { communeId, active: true },
    orderBy: [{ role: "asc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      title: true,
      role: true,
      departmentId: true,
      remindersOn: true,
      digestTime: true,
      overdueOnly: true,
      department: { select: { isOneStop: true } },
      zaloUser: { select: { zaloUserId: true, lastInteractionAt: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    title: r.title,
    departmentId: r.departmentId,
    zaloUser: r.zaloUser,
    actor: {
      officialId: r.id,
      communeId,
      role: parseRole(r.role),
      departmentId: r.departmentId,
      oneStopDesk: r.department?.isOneStop ?? false,
    },
    preferences: { remindersOn: r.remindersOn, digestTime: r.digestTime, overdueOnly: r.overdueOnly },
  }));
}
