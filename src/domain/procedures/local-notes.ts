import type { Db } from "../../db/client.js";

export interface LocalNoteInput {
  served?: boolean;
  localNotes?: string | null;
  localFees?: string | null;
}

/** A commune marks whether it serves a catalogue procedure and adds its own notes. */
export async function setLocalNote(prisma: Db, communeId: string, code: string, input: LocalNoteInput) {
  const procedure = await prisma.procedure.findUnique({ where: { code }, select: { id: true, name: true } });
  if (!procedure) return null;
  const data = {
    ...(input.served === undefined ? {} : { served: input.served }),
    ...(input.localNotes === undefined ? {} : { localNotes: input.localNotes }),
    ...(input.localFees === undefined ? {} : { localFees: input.localFees }),
  };
  const row = await prisma.communeProcedure.upsert({
    where: { communeId_procedureId: { communeId, procedureId: procedure.id } },
    create: { communeId, procedureId: procedure.id, ...data },
    update: data,
  });
  return { name: procedure.name, ...row };
}

export interface CommuneContactInput {
  hotline?: string;
  officeHours?: string;
  address?: string;
}

/** The contact details citizens are given when the bot cannot answer. */
export async function updateCommuneContact(prisma: Db, communeId: string, input: CommuneContactInput) {
  return prisma.commune.update({
    where: { id: communeId },
    data: input,
    select: { name: true, hotline: true, officeHours: true, address: true },
  });
}

/** The commune an operator means: by slug, or the only one. */
export async function resolveCommune(
  prisma: Db,
  slug?: string,
): Promise<{ id: string; name: string } | null> {
  if (slug) return prisma.commune.findUnique({ where: { slug }, select: { id: true, name: true } });
  const all = await prisma.commune.findMany({ select: { id: true, name: true }, take: 2 });
  return all.length === 1 ? all[0]! : null;
}
