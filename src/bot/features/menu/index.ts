import { Composer } from "../../composer.js";
import type { BotContext, OfficialContext } from "../../context.js";
import type { Feature } from "../feature.js";
import { remindPendingExtensions } from "../tasks/index.js";
import {
  citizenMenuButtons,
  followWelcome,
  greetingReply,
  staleChoice,
  textOnly,
  thanksReply,
} from "./citizens-templates.js";
import {
  cancelled,
  evidenceHint,
  notUnderstood,
  officialHelp,
  officialMenuButtons,
  officialsThanks,
  staleButton,
} from "./officials-templates.js";

async function communeName(ctx: BotContext): Promise<string> {
  const commune = await ctx.prisma.commune.findUnique({
    where: { id: ctx.communeId },
    select: { name: true },
  });
  return commune?.name ?? "UBND xã";
}

/** A new follower is welcomed (official or not); unfollowing needs no answer. */
const anyone = new Composer<BotContext>()
  .on("follow", async (ctx) => ctx.reply(followWelcome(await communeName(ctx)), citizenMenuButtons))
  .on("unfollow", () => undefined);

/** The officials' menu: help, greetings, thanks, and "hủy" for whatever flow they are in. */
const officials = new Composer<OfficialContext>()
  .intent(["help", "greeting"], async (ctx) => {
    await ctx.reply(officialHelp(ctx.official.name), officialMenuButtons);
    // A leader who was not linked when an extension was asked for never got its buttons.
    await remindPendingExtensions(ctx);
  })
  .intent("thanks", (ctx) => ctx.reply(officialsThanks))
  .callback("cancel", async (ctx, next) => {
    if (!ctx.flow || ctx.flow.nonce !== ctx.callback.args[0]) return next();
    await ctx.clearFlow();
    await ctx.reply(cancelled);
  });

/** Citizens' small talk, before their words are searched as a question. */
const citizens = new Composer<BotContext>()
  .on("attachment", (ctx) => ctx.reply(textOnly, citizenMenuButtons))
  .intent("greeting", async (ctx) => ctx.reply(greetingReply(await communeName(ctx)), citizenMenuButtons))
  .intent("help", async (ctx, next) => {
    // A long message that asks "how do I …" is a question about a procedure, not for the menu.
    if ((ctx.text ?? "").trim().length >= 20) return next();
    await ctx.reply(greetingReply(await communeName(ctx)), citizenMenuButtons);
  })
  .intent("thanks", (ctx) => ctx.reply(thanksReply));

export const menu: Feature = { name: "menu", anyone, officials, citizens };

/** What nothing else handled: stale buttons, files outside a flow, words not understood. */
export const fallback: Feature = {
  name: "fallback",
  officials: new Composer<OfficialContext>()
    .on("callback", (ctx) => ctx.reply(staleButton))
    .on("attachment", (ctx) => ctx.reply(evidenceHint))
    .on("text", (ctx) => ctx.reply(notUnderstood, officialMenuButtons)),
  citizens: new Composer<BotContext>().on("callback", (ctx) => ctx.reply(staleChoice)),
};
