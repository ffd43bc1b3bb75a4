import { randomInt } from "node:crypto";
import type { Db } from "../../db/client.js";

/**
 * Citizens' feedback: ratings of an answer, complaints and suggestions (phản ánh, kiến
 * nghị) and questions handed to a person (hỏi cán bộ). Each gets a tracking code the
 * citizen can quote; all are counted in the period's figures.
 */
export type FeedbackKind = "helpful" | "not_helpful" | "complaint" | "suggestion" | "question";

const PREFIX: Record<FeedbackKind, string> = {
  helpful: "DG",
  not_helpful: "DG",
  complaint: "PA",
  suggestion: "KN",
  question: "HD",
};

export interface FeedbackInput {
  communeId: string;
  zaloUserId: string;
  kind: FeedbackKind;
  procedureCode?: string | null;
  question?: string | null;
  content?: string | null;
}

export async function recordFeedback(prisma: Db, input: FeedbackInput) {
  if (input.kind === "complaint" || input.kind === "suggestion" || input.kind === "question") {
    // The same message handled twice (a retried event) must not file it twice.
    const same = await prisma.feedback.findFirst({
      where: {
        communeId: input.communeId,
        zaloUserId: input.zaloUserId,
        kind: input.kind,
        question: input.question ?? null,
        content: input.content ?? null,
        createdAt: { gte: new Date(Date.now() - 10 * 60_000) },
      },
    });
    if (same) return same;
  }
  for (let attempt = 0; ; attempt++) {
    const trackingCode = `${PREFIX[input.kind]}-${randomInt(100_000, 1_000_000)}`;
    try {
      return await prisma.feedback.create({
        data: {
          communeId: input.communeId,
          zaloUserId: input.zaloUserId,
          kind: input.kind,
          trackingCode,
          procedureCode: input.procedureCode ?? null,
          question: input.question ?? null,
          content: input.content ?? null,
          status: input.kind === "helpful" || input.kind === "not_helpful" ? "closed" : "open",
        },
      });
    } catch (error) {
      // A tracking-code collision: draw another (a few in a million per commune-year).
      if (attempt < 3 && /Unique constraint/i.test(String((error as Error).message))) continue;
      throw error;
    }
  }
}

/** Records a person's answer to a handed-over question; false when it was already answered. */
export async function answerFeedback(
  prisma: Db,
  feedbackId: string,
  answer: string,
  now: Date,
): Promise<boolean> {
  const { count } = await prisma.feedback.updateMany({
    where: { id: feedbackId, status: "open" },
    data: { status: "answered", answer, answeredAt: now },
  });
  return count === 1;
}

export interface FeedbackFigures {
  helpful: number;
  notHelpful: number;
  complaints: number;
  suggestions: number;
  questions: number;
  answered: number;
}

export async function feedbackFigures(
  prisma: Db,
  communeId: string,
  range: { from: Date; to: Date },
): Promise<FeedbackFigures> {
  const rows = await prisma.feedback.groupBy({
    by: ["kind", "status"],
    where: { communeId, createdAt: { gte: range.from, lt: range.to } },
    _count: { _all: true },
  });
  const count = (pred: (r: { kind: string; status: string }) => boolean) =>
    rows.filter(pred).reduce((n, r) => n + r._count._all, 0);
  return {
    helpful: count((r) => r.kind === "helpful"),
    notHelpful: count((r) => r.kind === "not_helpful"),
    complaints: count((r) => r.kind === "complaint"),
    suggestions: count((r) => r.kind === "suggestion"),
    questions: count((r) => r.kind === "question"),
    answered: count((r) => r.status === "answered"),
  };
}
