import type { Db } from "../../db/client.js";

export interface ZaloUserRef {
  id: string;
  zaloUserId: string;
  officialId: string | null;
}

/**
 * Records that a Zalo user interacted with the commune's OA. The last interaction
 * matters: Zalo only lets the OA message a user within 7 days of it.
 */
export async function recordInteraction(
  prisma: Db,
  communeId: string,
  zaloUserId: string,
  at: Date,
  following?: boolean,
): Promise<ZaloUserRef> {
  const row = await prisma.zaloUser.upsert({
    where: { communeId_zaloUserId: { communeId, zaloUserId } },
    create: { communeId, zaloUserId, lastInteractionAt: at, following: following ?? true },
    update: { lastInteractionAt: at, ...(following === undefined ? {} : { following }) },
    select: { id: true, zaloUserId: true, officialId: true },
  });
  return row;
}
