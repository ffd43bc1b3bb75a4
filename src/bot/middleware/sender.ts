import { recordInteraction } from "../../domain/users/zalo-users.js";
import type { Middleware } from "../composer.js";
import type { BotContext } from "../context.js";

/**
 * Records that the person interacted with the OA (Zalo only lets the OA message someone
 * within 7 days of their last interaction) and who they are: the official their Zalo
 * account is linked to, if any.
 */
export const recordSender: Middleware<BotContext> = async (ctx, next) => {
  const { update } = ctx;
  if (update.kind === "group_text") return next();
  const following = update.kind === "follow" ? true : update.kind === "unfollow" ? false : undefined;
  const user = await recordInteraction(ctx.prisma, ctx.communeId, update.userId, update.at, following);
  ctx.sender = { zaloUserId: user.zaloUserId, officialId: user.officialId };
  return next();
};
