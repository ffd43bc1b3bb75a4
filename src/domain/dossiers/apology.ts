import type { Db } from "../../db/client.js";
import { type Actor, auditActorColumns, type Channel, dossierScopeWhere } from "../officials/scope.js";
import { findDossierByReceiptCode } from "./dossier-queries.js";

export type ApologyResult =
  | { ok: true; receiptCode: string; already: boolean }
  | { ok: false; reason: "not_found" | "ambiguous" | "not_late" };

/**
 * Records that the apology letter (thư xin lỗi) for a late dossier was sent, so the daily
 * reminder stops and the report counts it. By receipt code as typed in chat, or by id from
 * the alert's button; only a dossier the official may see.
 */
export async function recordApology(
  prisma: Db,
  target: { receiptCode: string } | { dossierId: string },
  context: { actor: Actor; channel: Channel; now: Date },
): Promise<ApologyResult> {
  const found = await dossierIdFor(prisma, target, context.actor);
  if (!found.ok) return found;
  const { id } = found;
  return prisma.$transaction(async (tx) => {
    const d = await tx.dossier.findUniqueOrThrow({
      where: { id },
      select: {
        id: true,
        communeId: true,
        receiptCode: true,
        status: true,
        dueAt: true,
        returnedAt: true,
        apologyAt: true,
      },
    });
    // A withdrawn or refused dossier was never resolved late: no apology is owed for it.
    const late = !["withdrawn", "rejected"].includes(d.status) && (d.returnedAt ?? context.now) > d.dueAt;
    if (!late) return { ok: false, reason: "not_late" } as const;
    if (d.apologyAt) return { ok: true, receiptCode: d.receiptCode, already: true } as const;
    await tx.dossier.update({ where: { id }, data: { apologyAt: context.now } });
    await tx.auditLog.create({
      data: {
        communeId: d.communeId,
        ...auditActorColumns({ officialId: context.actor.officialId }),
        channel: context.channel,
        entityType: "dossier",
        entityId: id,
        action: "apology_recorded",
        after: JSON.stringify({ apologyAt: context.now.toISOString() }),
      },
    });
    return { ok: true, receiptCode: d.receiptCode, already: false } as const;
  });
}

async function dossierIdFor(
  prisma: Db,
  target: { receiptCode: string } | { dossierId: string },
  actor: Actor,
): Promise<{ ok: true; id: string } | { ok: false; reason: "not_found" | "ambiguous" }> {
  if ("receiptCode" in target) {
    const lookup = await findDossierByReceiptCode(prisma, actor, target.receiptCode);
    return lookup.ok ? { ok: true, id: lookup.dossier.id } : lookup;
  }
  const found = await prisma.dossier.findFirst({
    where: { AND: [dossierScopeWhere(actor), { id: target.dossierId }] },
    select: { id: true },
  });
  return found ? { ok: true, id: found.id } : { ok: false, reason: "not_found" };
}
