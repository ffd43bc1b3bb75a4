import { z } from "zod";
import type { Db } from "../../db/client.js";
import { isUniqueViolation } from "../../db/errors.js";

/** A problem an operator can fix with what they typed: shown as is, exit 2 / HTTP 400. */
export class OnboardingError extends Error {
  override name = "OnboardingError";
}

export const communeInput = z.object({
  name: z.string().trim().min(3, "tên xã quá ngắn").max(120),
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'slug chỉ gồm chữ thường không dấu, số và "-", ví dụ "xa-trieu-an"'),
  kind: z.enum(["xa", "phuong", "thi_tran"]).optional(),
  oaId: z
    .string()
    .trim()
    .regex(/^\d{6,25}$/, "OA id là dãy số (xem trang quản lý OA)")
    .optional(),
  district: z.string().trim().max(120).optional(),
  province: z.string().trim().max(120).optional(),
  hotline: z.string().trim().max(60).optional(),
  address: z.string().trim().max(300).optional(),
  officeHours: z.string().trim().max(200).optional(),
});
export type CommuneInput = z.input<typeof communeInput>;

/** The kind a name says: "Phường …", "Thị trấn …", else "Xã …". */
function kindOf(name: string): "xa" | "phuong" | "thi_tran" {
  if (/^phường\b/i.test(name)) return "phuong";
  if (/^thị trấn\b/i.test(name)) return "thi_tran";
  return "xa";
}

/**
 * Creates a commune, or updates the one with that slug (running the same command again
 * changes only what it names): one instance may serve many communes, each with its own OA.
 */
export async function upsertCommune(
  prisma: Db,
  input: CommuneInput,
): Promise<{ id: string; slug: string; created: boolean }> {
  const parsed = communeInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new OnboardingError(`${issue.path.join(".")}: ${issue.message}`);
  }
  const { slug, oaId, ...fields } = parsed.data;
  const data = {
    ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
    ...(oaId ? { zaloOaId: oaId } : {}),
  };
  const existing = await prisma.commune.findUnique({ where: { slug }, select: { id: true } });
  try {
    if (existing) {
      await prisma.commune.update({ where: { id: existing.id }, data });
      return { id: existing.id, slug, created: false };
    }
    const created = await prisma.commune.create({
      data: { slug, name: parsed.data.name, kind: parsed.data.kind ?? kindOf(parsed.data.name), ...data },
    });
    return { id: created.id, slug, created: true };
  } catch (error) {
    if (isUniqueViolation(error)) throw new OnboardingError(`OA ${oaId} đã thuộc một xã khác`);
    throw error;
  }
}

/** The commune with this slug, or a clear error naming the slugs there are. */
export async function communeBySlug(
  prisma: Db,
  slug: string,
): Promise<{ id: string; name: string; slug: string }> {
  const commune = await prisma.commune.findUnique({
    where: { slug },
    select: { id: true, name: true, slug: true },
  });
  if (commune) return commune;
  const slugs = (await prisma.commune.findMany({ select: { slug: true }, orderBy: { slug: "asc" } })).map(
    (c) => c.slug,
  );
  throw new OnboardingError(
    `không có xã "${slug}"${slugs.length > 0 ? `; các xã: ${slugs.join(", ")}` : "; tạo bằng: commune create"}`,
  );
}
