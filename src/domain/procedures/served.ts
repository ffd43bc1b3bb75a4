import type { Db } from "../../db/client.js";

/**
 * Which catalogue procedures a commune serves: given the codes it serves, every other
 * commune-level procedure is marked "not served here" (citizens asking about one are told
 * so, with the office's contacts); `all` serves every one again. Local notes are kept.
 */
export async function setServedProcedures(
  prisma: Db,
  communeId: string,
  served: { codes: readonly string[] } | { all: true },
): Promise<{ served: number; notServed: number; unknownCodes: string[] }> {
  const procedures = await prisma.procedure.findMany({
    where: { active: true, communeService: true },
    select: { id: true, code: true },
  });
  const wanted = "all" in served ? new Set(procedures.map((p) => p.code)) : new Set(served.codes);
  const known = new Set(procedures.map((p) => p.code));
  const unknownCodes = "all" in served ? [] : [...wanted].filter((c) => !known.has(c));
  let count = 0;
  await prisma.$transaction(async (tx) => {
    for (const p of procedures) {
      const isServed = wanted.has(p.code);
      if (isServed) count++;
      await tx.communeProcedure.upsert({
        where: { communeId_procedureId: { communeId, procedureId: p.id } },
        create: { communeId, procedureId: p.id, served: isServed },
        update: { served: isServed },
      });
    }
  });
  return { served: count, notServed: procedures.length - count, unknownCodes };
}
