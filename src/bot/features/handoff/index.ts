import { z } from "zod";
import { answerFeedback, recordFeedback } from "../../../domain/feedback/feedback.js";
import { foldVietnamese as fold } from "../../../domain/text/vietnamese.js";
import { encodeCallback } from "../../../messaging/callback-data.js";
import type { Button } from "../../../messaging/outgoing.js";
import { Composer } from "../../composer.js";
import type { BotContext, OfficialContext } from "../../context.js";
import { defineFlow } from "../../conversation/flow.js";
import type { Feature } from "../feature.js";
import {
  alreadyAnswered,
  answerCancelled,
  answeredByOther,
  answerNotACommand,
  answerPrompt,
  answerRelayed,
  askQuestionFirstText,
  handoffAnswer,
  handoffGroupNote,
  handoffQueued,
  handoffToDesk,
} from "./templates.js";

/** A citizen may ask for a person: their question waits for "Hỏi cán bộ". */
export const offerHandoff = defineFlow("offer_handoff", { question: z.string() });
/** An official pressed "Trả lời": their next message goes to the citizen. */
const answerHandoff = defineFlow("answer_handoff", { feedbackId: z.string() });

/** Offers "Hỏi cán bộ" for `question` (the citizen's words, handed to the desk if pressed). */
export async function handoffButton(ctx: BotContext, question: string): Promise<Button> {
  const nonce = await offerHandoff.start(ctx, { question: question.slice(0, 500) });
  return handoffButtonFor(nonce);
}

/** "Hỏi cán bộ" bound to a flow that already keeps the citizen's question. */
export function handoffButtonFor(nonce: string): Button {
  return { kind: "query", title: "Hỏi cán bộ", payload: encodeCallback("handoff", nonce), hidden: true };
}

/**
 * "Hỏi cán bộ": the question goes to the one-stop desk's group and to each linked desk
 * official, whose "Trả lời" button lets them answer; the answer is relayed to the citizen.
 */
async function startHandoff(ctx: BotContext, question: string): Promise<void> {
  const row = await recordFeedback(ctx.prisma, {
    communeId: ctx.communeId,
    zaloUserId: ctx.sender.zaloUserId,
    kind: "question",
    question,
  });
  const code = row.trackingCode!;
  const text = handoffToDesk(code, question);
  const groups = await ctx.prisma.zaloGroup.findMany({
    where: { communeId: ctx.communeId, purpose: "one_stop_desk" },
    select: { groupId: true },
  });
  for (const g of groups)
    await ctx.notifyGroup(g.groupId, `${text}\n${handoffGroupNote}`, `handoff:${row.id}:group:${g.groupId}`);
  const desk = await ctx.prisma.zaloUser.findMany({
    where: { communeId: ctx.communeId, official: { active: true, department: { isOneStop: true } } },
    select: { zaloUserId: true },
  });
  for (const d of desk) {
    await ctx.notify(
      d.zaloUserId,
      text,
      [{ kind: "query", title: "Trả lời", payload: encodeCallback("answer", row.id), hidden: true }],
      `handoff:${row.id}:to:${d.zaloUserId}`,
    );
  }
  await ctx.reply(handoffQueued(code));
}

/** Relays an official's answer to the citizen who asked; false when someone already answered. */
async function relayAnswer(ctx: OfficialContext, feedbackId: string, answer: string): Promise<boolean> {
  const question = await ctx.prisma.feedback.findUnique({
    where: { id: feedbackId },
    select: { zaloUserId: true, trackingCode: true, communeId: true },
  });
  if (!question?.zaloUserId || question.communeId !== ctx.communeId) return false;
  if (!(await answerFeedback(ctx.prisma, feedbackId, answer, ctx.now))) return false;
  await ctx.notify(
    question.zaloUserId,
    handoffAnswer(question.trackingCode ?? "", ctx.official.name, answer),
    [],
    `handoff-answer:${feedbackId}`,
  );
  return true;
}

async function askQuestionFirst(ctx: BotContext) {
  await offerHandoff.start(ctx, { question: "" });
  return ctx.reply(askQuestionFirstText);
}

const officials = new Composer<OfficialContext>()
  .callback("answer", async (ctx, next) => {
    const feedbackId = ctx.callback.args[0];
    const question = feedbackId
      ? await ctx.prisma.feedback.findFirst({
          where: { id: feedbackId, communeId: ctx.communeId, kind: "question" },
          select: { id: true, status: true, trackingCode: true },
        })
      : null;
    if (!question) return next();
    if (question.status !== "open") return ctx.reply(alreadyAnswered(question.trackingCode));
    await answerHandoff.start(ctx, { feedbackId: question.id });
    await ctx.reply(answerPrompt(question.trackingCode));
  })
  .on("text", async (ctx, next) => {
    const flow = answerHandoff.read(ctx);
    if (!flow) return next();
    if (/^(huy|thoi|khong tra loi)\b/i.test(fold(ctx.update.text))) {
      await ctx.clearFlow();
      return ctx.reply(answerCancelled);
    }
    // A command typed by habit must not reach the citizen as the answer.
    if (ctx.intent && !["unknown", "thanks", "greeting"].includes(ctx.intent.name)) {
      return ctx.reply(answerNotACommand);
    }
    await ctx.clearFlow();
    const sent = await relayAnswer(ctx, flow.feedbackId, ctx.update.text);
    await ctx.reply(sent ? answerRelayed : answeredByOther);
  });

const citizens = new Composer<BotContext>()
  .callback("menu:handoff", (ctx) => askQuestionFirst(ctx))
  .callback("handoff", async (ctx) => {
    // The flow that offered the button keeps the citizen's question (a declined answer, a choice).
    const flow = ctx.flow;
    const question =
      flow && flow.nonce === ctx.callback.args[0] && typeof flow.state.question === "string"
        ? flow.state.question
        : null;
    await ctx.clearFlow();
    if (!question) return askQuestionFirst(ctx);
    await startHandoff(ctx, question);
  });

export const handoff: Feature = { name: "handoff", officials, citizens };
