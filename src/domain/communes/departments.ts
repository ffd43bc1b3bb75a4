import { z } from "zod";
import type { Db } from "../../db/client.js";
import { OnboardingError } from "./communes.js";

const departmentInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9_]{1,12}$/, "mã bộ phận viết hoa không dấu, ví dụ VP, TP, MC"),
  name: z.string().trim().min(2).max(120),
  /** Other names plans use for it ("VP UBND", "Văn phòng UBND"). */
  aliases: z.array(z.string().trim().min(1)).default([]),
  oneStop: z.boolean().default(false),
});
export type DepartmentInput = z.input<typeof departmentInput>;

/**
 * Adds a department (bộ phận / ngành) or updates the one with that code; its aliases are
 * what plan and dossier imports match department names against. A commune has one
 * one-stop desk (Bộ phận một cửa): marking another clears the mark on the old one.
 */
export async function upsertDepartment(
  prisma: Db,
  communeId: string,
  input: DepartmentInput,
): Promise<{ id: string; created: boolean }> {
  const parsed = departmentInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new OnboardingError(`${issue.path.join(".")}: ${issue.message}`);
  }
  const { code, name, aliases, oneStop } = parsed.data;
  return prisma.$transaction(async (tx) => {
    if (oneStop) {
      await tx.department.updateMany({
        where: { communeId, isOneStop: true, NOT: { code } },
        data: { isOneStop: false },
      });
    }
    const existing = await tx.department.findUnique({ where: { communeId_code: { communeId, code } } });
    const data = { name, aliases: aliases.join("|"), isOneStop: oneStop };
    if (existing) {
      await tx.department.update({ where: { id: existing.id }, data });
      return { id: existing.id, created: false };
    }
    const created = await tx.department.create({ data: { communeId, code, ...data } });
    return { id: created.id, created: true };
  });
}
