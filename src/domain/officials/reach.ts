import type { Db } from "../../db/client.js";

/**
 * Zalo refuses a one-to-one message to someone who has not interacted with the OA in the
 * last 7 days (-230/-232): reminders to them go to their department's group instead.
 */
export const ZALO_WINDOW_MS = 7 * 24 * 3_600_000;

/** How a message can reach an official. */
export type Reach =
  /** `silent`: outside Zalo's window and no group to fall back on; tried anyway. */
  | { route: "user"; zaloUserId: string; silent: boolean }
  | { route: "group"; groupId: string; reason: "silent" | "not_linked" }
  | { route: "none"; reason: "not_linked" };

export interface OfficialContact {
  id: string;
  name: string;
  departmentId: string | null;
  zaloUser: { zaloUserId: string; lastInteractionAt: Date | null } | null;
}

/**
 * The route to each official: their own chat while Zalo still allows it, else their
 * department's group chat if the commune has one. Someone silent for over 7 days with no
 * group is still tried in their own chat (Zalo's rules change; a refusal is recorded and
 * shown in the weekly digest); someone never linked, with no group, cannot be reached.
 */
export async function reachOfficials(
  prisma: Db,
  communeId: string,
  officials: readonly OfficialContact[],
  now: Date,
): Promise<Map<string, Reach>> {
  const groups = await prisma.zaloGroup.findMany({
    // The one-stop desk's group is its department's group too.
    where: { communeId, purpose: { in: ["department", "one_stop_desk"] }, departmentId: { not: null } },
    select: { groupId: true, departmentId: true },
  });
  const groupOf = new Map(groups.map((g) => [g.departmentId!, g.groupId]));
  const reach = new Map<string, Reach>();
  for (const o of officials) {
    const last = o.zaloUser?.lastInteractionAt;
    if (o.zaloUser && last && now.getTime() - last.getTime() < ZALO_WINDOW_MS) {
      reach.set(o.id, { route: "user", zaloUserId: o.zaloUser.zaloUserId, silent: false });
      continue;
    }
    const groupId = o.departmentId ? groupOf.get(o.departmentId) : undefined;
    if (groupId) reach.set(o.id, { route: "group", groupId, reason: o.zaloUser ? "silent" : "not_linked" });
    else if (o.zaloUser) reach.set(o.id, { route: "user", zaloUserId: o.zaloUser.zaloUserId, silent: true });
    else reach.set(o.id, { route: "none", reason: "not_linked" });
  }
  return reach;
}
