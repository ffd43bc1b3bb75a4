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
