import { redeemLinkCode, unlinkZaloUser } from "../../../domain/officials/link-codes.js";
import { Composer } from "../../composer.js";
import type { BotContext } from "../../context.js";
import type { Feature } from "../feature.js";
import { officialHelp, officialMenuButtons } from "../menu/officials-templates.js";
import { linkRefusal, linked, unlinked } from "./templates.js";

/** "đăng ký 482913" binds this Zalo account to an official; "hủy liên kết" undoes it. Open to everyone. */
const anyone = new Composer<BotContext>()
  .intent("link", async (ctx) => {
    const result = await redeemLinkCode(ctx.prisma, {
      communeId: ctx.communeId,
      zaloUserId: ctx.sender.zaloUserId,
      code: ctx.intent.code,
      now: ctx.now,
      channel: "zalo",
    });
    if (!result.ok) return ctx.reply(linkRefusal(result.reason));
    await ctx.reply(
      `${linked(result.official.name, result.official.title)}\n\n${officialHelp(result.official.name)}`,
      officialMenuButtons,
    );
  })
  .intent("unlink", async (ctx, next) => {
    // For anyone else "hủy liên kết" is just words: the citizens' handlers answer it.
    if (!ctx.sender.officialId) return next();
    const result = await unlinkZaloUser(ctx.prisma, {
      communeId: ctx.communeId,
      zaloUserId: ctx.sender.zaloUserId,
      channel: "zalo",
      now: ctx.now,
    });
    await ctx.reply(unlinked(result.ok));
  });

export const linking: Feature = { name: "linking", anyone };
