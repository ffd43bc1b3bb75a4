import type { Db } from "../db/client.js";
import { isUniqueViolation } from "../db/errors.js";

/**
 * Connects a commune's OA: stores the refresh token its admin's consent produced (the
 * rotating pair lives in the database from then on; refresh tokens are single-use) and
 * records the OA as the commune's. Connecting again (after a re-authorisation) starts over
 * from the new token.
 */
export async function connectOa(
  prisma: Db,
  input: { communeId: string; oaId: string; refreshToken: string },
): Promise<void> {
  const { communeId, oaId, refreshToken } = input;
  try {
    await prisma.$transaction(async (tx) => {
      await tx.commune.update({ where: { id: communeId }, data: { zaloOaId: oaId } });
      // A commune has one OA: a token row it held for another OA is let go.
      await tx.oaToken.deleteMany({ where: { communeId, NOT: { oaId } } });
      const fresh = {
        communeId,
        refreshToken,
        accessToken: null,
        accessExpiresAt: null,
        state: "ok",
        lastError: null,
      };
      await tx.oaToken.upsert({
        where: { oaId },
        create: { oaId, ...fresh },
        update: { ...fresh, lockedUntil: null, lockedBy: null },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new Error(`OA ${oaId} already belongs to another commune`, { cause: error });
    throw error;
  }
}
