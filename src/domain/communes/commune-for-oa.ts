import type { Db } from "../../db/client.js";

/**
 * The commune an OA belongs to. A deployment serving one commune usually has not filled
 * in the commune's OA id: then the only commune is the answer. With several communes,
 * an unknown OA belongs to none (the event is stored, not answered).
 */
export async function communeIdForOa(prisma: Db, oaId: string | null): Promise<string | null> {
  if (oaId) {
    const owner = await prisma.commune.findUnique({ where: { zaloOaId: oaId }, select: { id: true } });
    if (owner) return owner.id;
  }
  const communes = await prisma.commune.findMany({ select: { id: true }, take: 2 });
  return communes.length === 1 ? communes[0]!.id : null;
}

/**
 * communeIdForOa with a short memory: the webhook asks it for every event, and which
 * commune owns an OA changes only when an operator edits it. "No commune" is remembered
 * only a few seconds, so a commune onboarded while the service runs answers at once.
 */
export function cachedCommuneResolver(
  prisma: Db,
  ttlMs = 60_000,
  clock: () => number = Date.now,
  unknownTtlMs = 5_000,
) {
  const cache = new Map<string, { communeId: string | null; at: number }>();
  return async (oaId: string | null): Promise<string | null> => {
    const key = oaId ?? "";
    const hit = cache.get(key);
    if (hit && clock() - hit.at < (hit.communeId ? ttlMs : unknownTtlMs)) return hit.communeId;
    const communeId = await communeIdForOa(prisma, oaId);
    cache.set(key, { communeId, at: clock() });
    return communeId;
  };
}
