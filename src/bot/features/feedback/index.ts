import { recordFeedback } from "../../../domain/feedback/feedback.js";
import { foldVietnamese as fold } from "../../../domain/text/vietnamese.js";
import { Composer } from "../../composer.js";
import type { BotContext } from "../../context.js";
import { defineFlow } from "../../conversation/flow.js";
import type { Feature } from "../feature.js";
import { handoffButton } from "../handoff/index.js";
import { procedureContext } from "../questions/flows.js";
import { askPakn, feedbackSorry, feedbackThanks, paknReceived } from "./templates.js";

/** The next message is a complaint or suggestion (phản ánh, kiến nghị). */
const awaitPakn = defineFlow("await_pakn", {});

const PAKN_PREFIX = /^(phan anh|kien nghi|gop y|khieu nai)\b/;

/** `said` is the whole message: "kiến nghị …" names the kind before the content starts. */
async function storePakn(ctx: BotContext, content: string, said = content): Promise<void> {
  const kind = /^(kien nghi|gop y|de nghi|de xuat)|\b(kien nghi|gop y|de xuat)\b/.test(fold(said))
    ? "suggestion"
    : "complaint";
  const row = await recordFeedback(ctx.prisma, {
    communeId: ctx.communeId,
    zaloUserId: ctx.sender.zaloUserId,
    kind,
    content: content.slice(0, 2000),
  });
  await ctx.reply(paknReceived(row.trackingCode!));
}

async function askForPakn(ctx: BotContext) {
  await awaitPakn.start(ctx, {});
  await ctx.reply(askPakn);
}

/** "Hữu ích / Chưa đúng" under each answer, and complaints and suggestions with a tracking code. */
const citizens = new Composer<BotContext>()
  .callback("fb", async (ctx, next) => {
    const [code, verdict] = ctx.callback.args;
    if (!code || (verdict !== "helpful" && verdict !== "not_helpful")) return next();
    await recordFeedback(ctx.prisma, {
      communeId: ctx.communeId,
      zaloUserId: ctx.sender.zaloUserId,
      kind: verdict,
      procedureCode: code,
    });
    if (verdict === "helpful") return ctx.reply(feedbackThanks);
    const answered = procedureContext.read(ctx);
    const question =
      answered?.code === code && answered.question
        ? `${answered.question} (câu trả lời về thủ tục ${code} chưa đúng)`
        : `(Chưa đúng) câu trả lời về thủ tục ${code}`;
    await ctx.reply(feedbackSorry, [await handoffButton(ctx, question)]);
  })
  .callback("menu:pakn", (ctx) => askForPakn(ctx))
  .on("text", async (ctx, next) => {
    const text = ctx.update.text.trim();
    if (awaitPakn.read(ctx)) {
      await ctx.clearFlow();
      return storePakn(ctx, text);
    }
    if (!PAKN_PREFIX.test(fold(text))) return next();
    const content = text.replace(/^\S+\s+\S+\s*[:,-]?\s*/, "");
    if (content.length >= 15) return storePakn(ctx, content, text);
    await askForPakn(ctx);
  });

export const feedback: Feature = { name: "feedback", citizens };
