import { loadActor } from "../../domain/officials/scope.js";
import type { Middleware } from "../composer.js";
import type { BotContext } from "../context.js";

/**
 * Sets `ctx.official` (and the clock officials' replies need) when the sender's Zalo
 * account is linked to an active official of this commune; everyone else is a citizen.
 */
export const loadOfficial: Middleware<BotContext> = async (ctx, next) => {
  const officialId = ctx.sender.officialId;
  const actor = officialId ? await loadActor(ctx.prisma, officialId) : null;
  if (actor && actor.communeId === ctx.communeId) {
    const { name } = await ctx.prisma.official.findUniqueOrThrow({
      where: { id: actor.officialId },
      select: { name: true },
    });
    ctx.official = { actor, name };
    ctx.clock = { now: ctx.now, calendar: await ctx.calendar() };
  }
  return next();
};
