import type { Middleware } from "../composer.js";
import type { BotContext } from "../context.js";
import { flowDefinition } from "../conversation/flow.js";
import { typedAnswerOf } from "../conversation/typed-answers.js";

/** Loads the person's current multi-step flow once, before any handler asks for it. */
export const loadFlow: Middleware<BotContext> = async (ctx, next) => {
  const kind = ctx.update.kind;
  if (kind !== "follow" && kind !== "unfollow" && kind !== "group_text") {
    ctx.flow = await ctx.services.conversations.get(ctx.communeId, ctx.sender.zaloUserId, ctx.now);
  }
  return next();
};

/**
 * Typed words act like the step's buttons: "ok", "đồng ý" at "Xác nhận … đã hoàn thành?"
 * press "Xác nhận"; "hủy", "thôi", "không" press "Hủy" of any flow that has one (even
 * where the step shows no such button, as while waiting for evidence).
 */
export const typedAnswers: Middleware<BotContext> = (ctx, next) => {
  const text = ctx.text;
  const flow = ctx.flow;
  if (text === null || !flow) return next();
  const answers = flowDefinition(flow.name)?.typedAnswers;
  const said = typedAnswerOf(text);
  const verb = said === "yes" ? answers?.yes : said === "no" ? answers?.no : undefined;
  if (verb) ctx.treatAsPress({ verb, args: [flow.nonce] });
  return next();
};
