import type { Db } from "../../db/client.js";

export interface PublicDossierStatus {
  receiptCode: string;
  procedureName: string;
  status: string;
  dueAt: Date;
  returnedAt: Date | null;
}

/**
 * A dossier's status for the citizen holding its receipt: no name, phone or handler, as
 * anyone who learns a receipt code could ask. Matches the full code or its unique
 * yymmdd-NNNN suffix.
 */
export async function publicDossierStatus(
  prisma: Db,
  communeId: string,
  code: string,
): Promise<PublicDossierStatus | null> {
  const typed = code.trim().toUpperCase().replace(/\s+/g, "");
  if (typed.length < 11) return null;
  const select = {
    receiptCode: true,
    procedureName: true,
    status: true,
    dueAt: true,
    returnedAt: true,
  } as const;
  const exact = await prisma.dossier.findFirst({ where: { communeId, receiptCode: typed }, select });
  if (exact) return exact;
  const suffix = await prisma.dossier.findMany({
    where: { communeId, receiptCode: { endsWith: typed } },
    select,
    take: 2,
  });
  return suffix.length === 1 ? suffix[0]! : null;
}
