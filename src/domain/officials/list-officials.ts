import type { Db } from "../../db/client.js";

export interface OfficialListing {
  id: string;
  name: string;
  title: string;
  role: string;
  department: string | null;
  phone: string | null;
  linked: boolean;
  commune: string;
}

/** The officials an operator manages, with whether their Zalo account is linked. */
export async function listOfficials(prisma: Db, communeSlug?: string): Promise<OfficialListing[]> {
  const rows = await prisma.official.findMany({
    where: { active: true, ...(communeSlug ? { commune: { slug: communeSlug } } : {}) },
    orderBy: [{ commune: { name: "asc" } }, { role: "asc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      title: true,
      role: true,
      phone: true,
      department: { select: { name: true } },
      zaloUser: { select: { id: true } },
      commune: { select: { slug: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    title: r.title,
    role: r.role,
    department: r.department?.name ?? null,
    phone: r.phone,
    linked: r.zaloUser !== null,
    commune: r.commune.slug,
  }));
}
