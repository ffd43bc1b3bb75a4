import { z } from "zod";
import type { Db } from "../../db/client.js";
import { OnboardingError } from "./communes.js";

/** What a group chat is for: where digests and alerts are posted. */
export const GROUP_PURPOSES = ["leaders", "one_stop_desk", "department", "all_staff", "none"] as const;
export type GroupPurpose = (typeof GROUP_PURPOSES)[number];

/**
 * Records the commune's group chats as the OA lists them (GMF groups the OA created); a
 * group new to us gets purpose "none" until an operator says what it is for. Names are
 * refreshed; purposes set by the operator are kept.
 */
export async function syncGroups(
  prisma: Db,
  communeId: string,
  groups: readonly { groupId: string; name: string }[],
): Promise<{ added: number; renamed: number }> {
  let added = 0;
  let renamed = 0;
  for (const g of groups) {
    const existing = await prisma.zaloGroup.findUnique({
      where: { communeId_groupId: { communeId, groupId: g.groupId } },
    });
    if (!existing) {
      await prisma.zaloGroup.create({
        data: { communeId, groupId: g.groupId, name: g.name, purpose: "none" },
      });
      added++;
    } else if (existing.name !== g.name) {
      await prisma.zaloGroup.update({ where: { id: existing.id }, data: { name: g.name } });
      renamed++;
    }
  }
  return { added, renamed };
}

const purposeInput = z.object({
  purpose: z.enum(GROUP_PURPOSES, { message: `mục đích là một trong: ${GROUP_PURPOSES.join(", ")}` }),
  departmentCode: z.string().trim().min(1).optional(),
});

/** Says what a group is for; a department's group names its department. */
export async function setGroupPurpose(
  prisma: Db,
  communeId: string,
  groupId: string,
  input: z.input<typeof purposeInput>,
): Promise<void> {
  const parsed = purposeInput.safeParse(input);
  if (!parsed.success) throw new OnboardingError(parsed.error.issues[0]!.message);
  const { purpose, departmentCode } = parsed.data;
  const group = await prisma.zaloGroup.findUnique({ where: { communeId_groupId: { communeId, groupId } } });
  if (!group)
    throw new OnboardingError(`nhóm ${groupId} chưa có: chạy "groups --sync" để lấy danh sách nhóm của OA`);
  let departmentId: string | null = null;
  if (purpose === "department" || (purpose === "one_stop_desk" && departmentCode)) {
    if (!departmentCode) throw new OnboardingError("nhóm của một bộ phận cần --department <mã bộ phận>");
    const department = await prisma.department.findUnique({
      where: { communeId_code: { communeId, code: departmentCode } },
    });
    if (!department) throw new OnboardingError(`không có bộ phận mã ${departmentCode}`);
    departmentId = department.id;
  }
  if (purpose === "one_stop_desk" && !departmentId) {
    departmentId =
      (await prisma.department.findFirst({ where: { communeId, isOneStop: true }, select: { id: true } }))
        ?.id ?? null;
  }
  await prisma.zaloGroup.update({ where: { id: group.id }, data: { purpose, departmentId } });
}
