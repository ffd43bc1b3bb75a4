import { answerFeedback, recordFeedback } from "../../domain/feedback/feedback.js";
import type { BotContext } from "../context.js";
import { handoffAnswer, handoffQueued, handoffToDesk } from "../templates/citizens.js";

/**
 * "Hỏi cán bộ": the question goes to the one-stop desk's group and to each linked desk
 * official, whose "Trả lời" button lets them answer; the answer is relayed to the citizen.
 */
export async function startHandoff(ctx: BotContext, question: string): Promise<void> {
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
    await ctx.notifyGroup(
      g.groupId,
      `${text}\nCán bộ Bộ phận một cửa đã liên kết Zalo sẽ nhận tin riêng kèm nút “Trả lời”.`,
      `handoff:${row.id}:group:${g.groupId}`,
    );
  const desk = await ctx.prisma.zaloUser.findMany({
    where: { communeId: ctx.communeId, official: { active: true, department: { isOneStop: true } } },
    select: { zaloUserId: true },
  });
  for (const d of desk) {
    await ctx.notify(
      d.zaloUserId,
      text,
      [{ kind: "query", title: "Trả lời", payload: `#answer:${row.id}`, hidden: true }],
      `handoff:${row.id}:to:${d.zaloUserId}`,
    );
  }
  await ctx.reply(handoffQueued(code));
}

/** Relays an official's answer to the citizen who asked; false when someone already answered. */
export async function relayAnswer(
  ctx: BotContext,
  feedbackId: string,
  officialName: string,
  answer: string,
): Promise<boolean> {
  const question = await ctx.prisma.feedback.findUnique({
    where: { id: feedbackId },
    select: { zaloUserId: true, trackingCode: true, communeId: true },
  });
  if (!question?.zaloUserId || question.communeId !== ctx.communeId) return false;
  if (!(await answerFeedback(ctx.prisma, feedbackId, answer, ctx.now))) return false;
  await ctx.notify(
    question.zaloUserId,
    handoffAnswer(question.trackingCode ?? "", officialName, answer),
    [],
    `handoff-answer:${feedbackId}`,
  );
  return true;
}
