import { localNote, type ProcedureCatalogue } from "../../../domain/procedures/procedure-catalogue.js";
import { type Aspect, detectAspects } from "../../../domain/procedures/search/aspects.js";
import { foldVietnamese as fold } from "../../../domain/text/vietnamese.js";
import { encodeCallback } from "../../../messaging/callback-data.js";
import { Composer } from "../../composer.js";
import type { BotContext } from "../../context.js";
import { dialable } from "../../templates/text.js";
import type { Feature } from "../feature.js";
import { handoffButton, handoffButtonFor } from "../handoff/index.js";
import { chooseProcedure, procedureContext } from "./flows.js";
import { type CommuneContact, procedureAnswer, procedureButtons } from "./procedure-answer.js";
import { MAX_CLARIFY_OPTIONS } from "../../../domain/procedures/search/families.js";
import type { Clarification } from "../../../domain/procedures/search/procedure-index.js";
import {
  askProcedureHint,
  choiceTitles,
  chooseProcedure as choiceText,
  contactReply,
  declined,
  procedureButtonTitle,
  procedureWithdrawn,
  referralReply,
  siblingLines,
} from "./templates.js";

const ASPECTS: readonly Aspect[] = [
  "documents",
  "time",
  "fee",
  "where",
  "steps",
  "online",
  "eligibility",
  "general",
];

/** The catalogue the bot answers from; refreshed after imports. */
export interface CatalogueSource {
  current(): Promise<ProcedureCatalogue>;
}

async function contactOf(ctx: BotContext): Promise<CommuneContact> {
  return ctx.prisma.commune.findUniqueOrThrow({
    where: { id: ctx.communeId },
    select: { name: true, address: true, hotline: true, officeHours: true },
  });
}

/**
 * A citizen's question about a procedure, answered from the published catalogue only: a
 * clear winner is answered, close candidates get choice buttons, anything else is declined
 * with the nearest names and a person to ask.
 */
async function answerQuestion(ctx: BotContext, catalogues: CatalogueSource, text: string): Promise<void> {
  const catalogue = await catalogues.current();
  const outcome = catalogue.search(text, 5);
  const aspects = detectAspects(text);
  const top = outcome.results[0];
  if (outcome.decision === "answer" && top)
    return answerProcedure(ctx, catalogue, top.code, aspects, text, outcome.clarification);
  const answered = procedureContext.read(ctx);
  if (answered && isFollowUp(text, aspects, outcome.declineReason)) {
    // "lệ phí thủ tục này bao nhiêu" right after an answer is about that procedure.
    return answerProcedure(ctx, catalogue, answered.code, aspects, answered.question);
  }
  // After the follow-up check: "thủ tục này nộp qua điện thoại được không" is about the procedure.
  if (outcome.notInCatalogue?.aboutTheOffice) return replyContact(ctx, text);

  if (outcome.decision === "choose" && outcome.clarification?.kind === "question") {
    // One short question, at most three buttons, each keeping the words that set it apart.
    const { question, options } = outcome.clarification;
    const nonce = await chooseProcedure.start(ctx, {
      codes: options.map((o) => o.code),
      aspects,
      question: text.slice(0, 500),
    });
    await ctx.reply(question ?? choiceText(outcome.results.slice(0, options.length)), [
      ...options.map((o, i) => ({
        kind: "query" as const,
        title: o.label,
        payload: encodeCallback("pick", nonce, i),
        hidden: true,
      })),
      { ...handoffButtonFor(nonce), title: "Không phải" },
    ]);
    return;
  }

  if (outcome.decision === "choose") {
    // One short question, at most three choices (and "Không phải").
    const options = outcome.results.slice(0, MAX_CLARIFY_OPTIONS);
    const nonce = await chooseProcedure.start(ctx, {
      codes: options.map((o) => o.code),
      aspects,
      question: text.slice(0, 500),
    });
    await ctx.reply(choiceText(options), [
      ...choiceTitles(options.map((o) => o.name)).map((title, i) => ({
        kind: "query" as const,
        title,
        payload: encodeCallback("pick", nonce, i),
        hidden: true,
      })),
      { ...handoffButtonFor(nonce), title: "Không phải" },
    ]);
    return;
  }

  // Declined: never guess. A topic another agency handles gets one line naming it; a
  // personal dispute, the reception hours and a person to ask.
  const handoff = await handoffButton(ctx, text);
  const topic = outcome.notInCatalogue;
  if (topic && topic.kind !== "office") {
    await ctx.reply(referralReply(topic, await contactOf(ctx)), [handoff]);
    return;
  }
  const closest =
    outcome.declineReason === "low_confidence"
      ? outcome.results.filter((r) => r.confidence >= 0.25).slice(0, 2)
      : [];
  await ctx.reply(declined(await contactOf(ctx), closest, null), [
    handoff,
    ...closest.map((c) => ({
      kind: "query" as const,
      title: procedureButtonTitle(c.name),
      payload: encodeCallback("asp", c.code, "general"),
      hidden: true,
    })),
  ]);
}

/** The office's hotline, hours and address, with a person to ask; never an official's own number. */
async function replyContact(ctx: BotContext, text: string): Promise<void> {
  const contact = await contactOf(ctx);
  const handoff = await handoffButton(ctx, text);
  const phone = contact.hotline ? dialable(contact.hotline) : null;
  await ctx.reply(contactReply(contact.name, contact), [
    ...(phone ? [{ kind: "phone" as const, title: "Gọi đường dây nóng", phone }] : []),
    handoff,
  ]);
}

async function answerProcedure(
  ctx: BotContext,
  catalogue: ProcedureCatalogue,
  code: string,
  aspects: Aspect[],
  /** What the citizen asked, kept so "Chưa đúng → Hỏi cán bộ" hands the desk their words. */
  question?: string,
  /** The family's siblings to offer as buttons in the same message. */
  clarification?: Clarification,
) {
  const record = await catalogue.record(code);
  if (!record) return ctx.reply(procedureWithdrawn);
  const contact = await contactOf(ctx);
  const note = await localNote(ctx.prisma, ctx.communeId, code);
  // Remember what was answered, so a follow-up ("còn lệ phí thì sao?") can refer to it.
  await procedureContext.start(ctx, { code, ...(question ? { question: question.slice(0, 500) } : {}) });
  const siblings = clarification?.kind === "siblings" ? clarification.options : [];
  let text = procedureAnswer(record, aspects, contact, siblingLines(siblings));
  if (note && !note.served) {
    text = `${record.name} (mã ${record.code})\n\nUBND xã không tiếp nhận thủ tục này.${note.localNotes ? ` ${note.localNotes}` : ""}\n\n${contactLinesShort(contact)}`;
  } else if (note?.localNotes || note?.localFees) {
    text += `\n\nLưu ý của UBND xã: ${[note.localNotes, note.localFees].filter(Boolean).join(" ")}`;
  }
  if (siblings.length === 0 || !record.commune_service)
    return ctx.reply(text, procedureButtons(record, aspects));
  // Pressing a sibling answers it, about what was asked.
  const aspect = aspects.find((a) => a !== "general") ?? "general";
  await ctx.reply(text, [
    ...siblings.map((o) => ({
      kind: "query" as const,
      title: o.label,
      payload: encodeCallback("asp", o.code, aspect),
      hidden: true,
    })),
    ...procedureButtons(record, aspects).filter((b) => b.title === "Hữu ích" || b.title === "Chưa đúng"),
  ]);
}

function contactLinesShort(c: CommuneContact): string {
  return c.hotline ? `Anh/chị cần hỏi thêm, gọi ${c.hotline}.` : "";
}

/**
 * A follow-up names an aspect but no procedure of its own: "thủ tục này", "cái này", or
 * nothing at all besides the aspect ("mất bao lâu?", "lệ phí bao nhiêu").
 */
function isFollowUp(text: string, aspects: Aspect[], declineReason: string | undefined): boolean {
  if (aspects.every((a) => a === "general")) return false;
  if (declineReason === "no_content") return true;
  return /\b(thu tuc|cai|viec|giay|ho so) (nay|do|kia)\b|\b(vay|the) (thi|con)\b|^con\b/.test(fold(text));
}

/** Citizens' questions about procedures (TTHC), from the published catalogue, never invented. */
export function questions(catalogues: CatalogueSource): Feature {
  const citizens = new Composer<BotContext>()
    .callback("menu:procedures", (ctx) => ctx.reply(askProcedureHint))
    .callback("asp", async (ctx, next) => {
      const [code, aspect] = ctx.callback.args;
      if (!code || !ASPECTS.includes(aspect as Aspect)) return next();
      const answered = procedureContext.read(ctx);
      const asked = answered?.code === code ? answered.question : undefined;
      await answerProcedure(ctx, await catalogues.current(), code, [aspect as Aspect], asked);
    })
    .callback("pick", async (ctx, next) => {
      const flow = chooseProcedure.fromCallback(ctx);
      if (!flow) return next();
      const code = flow.codes[Number(ctx.callback.args[1])];
      await ctx.clearFlow();
      if (code)
        await answerProcedure(ctx, await catalogues.current(), code, flow.aspects as Aspect[], flow.question);
    })
    .on("text", (ctx) => answerQuestion(ctx, catalogues, ctx.update.text.trim()));
  return { name: "questions", citizens };
}
