import type { Db } from "../../db/client.js";
import { lookUpReceiptCode } from "./receipt-code.js";

export interface PublicDossierStatus {
  receiptCode: string;
  procedureName: string;
  status: string;
  dueAt: Date;
  returnedAt: Date | null;
}

/**
 * A dossier's status for the citizen holding its receipt: no name, phone or handler, as
 * anyone who learns a receipt code could ask. Same matching as officials get
 * (`lookUpReceiptCode`), but at least "yymmdd-NNNN" must be typed, so a short guess
 * does not find someone else's dossier.
 */
export async function publicDossierStatus(
  prisma: Db,
  communeId: string,
  code: string,
): Promise<PublicDossierStatus | null> {
  if (code.replace(/\s+/g, "").length < 11) return null;
  const found = await lookUpReceiptCode(code, (receiptCode, take) =>
    prisma.dossier.findMany({
      where: { communeId, receiptCode },
      select: { receiptCode: true, procedureName: true, status: true, dueAt: true, returnedAt: true },
      take,
    }),
  );
  return found.ok ? found.dossier : null;
}
