import { formatDateTimeVi } from "../../domain/calendar/format.js";
import { foldVietnamese } from "../../domain/tasks/deadline-phrase.js";
import { isOpenDossierStatus } from "../../domain/dossiers/dossier-queries.js";
import { publicDossierStatus } from "../../domain/dossiers/public-status.js";
import { recordFeedback } from "../../domain/feedback/feedback.js";
import { localNote, type ProcedureCatalogue } from "../../domain/procedures/procedure-catalogue.js";
import { type Aspect, detectAspects } from "../../domain/procedures/search/aspects.js";
import type { Middleware } from "../composer.js";
import type { BotContext } from "../context.js";
import type { StoredFlow } from "../conversation/state-store.js";
import { parseOfficialIntent } from "../intents/parse-official-intent.js";
import { findReceiptCode } from "../intents/receipt-code.js";
import { parseCallback } from "../officials/callbacks.js";
import {
  askPakn,
  askProcedureHint,
  askReceiptCode,
  chooseProcedure,
  choiceTitles,
  contactReply,
  citizenMenuButtons,
  declined,
  feedbackSorry,
  feedbackThanks,
  greetingReply,
  paknReceived,
  procedureButtonTitle,
  thanksReply,
} from "../templates/citizens.js";
import { type CommuneContact, procedureAnswer, procedureButtons } from "../templates/procedure-answer.js";
import { dialable } from "../templates/text.js";
import { startHandoff } from "./handoff.js";

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
  const c = await ctx.prisma.commune.findUniqueOrThrow({
    where: { id: ctx.communeId },
    select: { name: true, address: true, hotline: true, officeHours: true },
  });
  return c;
}

/**
 * Citizens (anyone not linked to an official): small talk, procedure questions answered
 * from the published catalogue only, dossier status by receipt code, complaints and
 * suggestions, and handing a question to a person.
 */
export function citizenRouter(catalogues: CatalogueSource): Middleware<BotContext> {
  return async (ctx) => {
    const flow = await ctx.currentFlow();
    const callback = parseCallback(ctx.text);
    if (callback) return handleCallback(ctx, catalogues, callback.verb, callback.args, flow);

    if (ctx.text === null) {
      await ctx.reply(
        "Trợ lý hiện chỉ đọc được tin nhắn chữ. Anh/chị vui lòng gõ câu hỏi ạ.",
        citizenMenuButtons,
      );
      return;
    }
    const text = ctx.text.trim();
    if (flow?.flow === "await_pakn") {
      await ctx.clearFlow();
      return storePakn(ctx, text);
    }

    const receipt = findReceiptCode(text);
    if (receipt) return dossierStatus(ctx, receipt);

    const intent = parseOfficialIntent(text, ctx.now);
    if (intent.name === "greeting" || (intent.name === "help" && text.length < 20)) {
      return ctx.reply(greetingReply((await contactOf(ctx)).name), citizenMenuButtons);
    }
    if (intent.name === "thanks") return ctx.reply(thanksReply);
    if (/^(phan anh|kien nghi|gop y|khieu nai)\b/.test(foldVietnamese(text))) {
      const content = text.replace(/^\S+\s+\S+\s*[:,-]?\s*/, "");
      if (content.length >= 15) return storePakn(ctx, content, text);
      await ctx.startFlow({ flow: "await_pakn" });
      return ctx.reply(askPakn);
    }
    return answerQuestion(ctx, catalogues, text, flow);
  };
}

async function answerQuestion(
  ctx: BotContext,
  catalogues: CatalogueSource,
  text: string,
  flow: StoredFlow | null,
): Promise<void> {
  const catalogue = await catalogues.current();
  const outcome = catalogue.search(text, 5);
  const aspects = detectAspects(text);
  const top = outcome.results[0];
  if (outcome.decision === "answer" && top) return answerProcedure(ctx, catalogue, top.code, aspects, text);
  if (flow?.flow === "procedure_context" && isFollowUp(text, aspects, outcome.declineReason)) {
    // "lệ phí thủ tục này bao nhiêu" right after an answer is about that procedure.
    return answerProcedure(ctx, catalogue, flow.code, aspects, flow.question);
  }
  // After the follow-up check: "thủ tục này nộp qua điện thoại được không" is about the procedure.
  if (outcome.notInCatalogue?.aboutTheOffice) return replyContact(ctx, text);

  if (outcome.decision === "choose") {
    const options = outcome.results.slice(0, 4);
    const nonce = await ctx.startFlow({
      flow: "choose_procedure",
      codes: options.map((o) => o.code),
      aspects,
      question: text.slice(0, 500),
    });
    await ctx.reply(chooseProcedure(options), [
      ...choiceTitles(options.map((o) => o.name)).map((title, i) => ({
        kind: "query" as const,
        title,
        payload: `#pick:${nonce}:${i}`,
        hidden: true,
      })),
      { kind: "query" as const, title: "Không phải", payload: `#handoff:${nonce}`, hidden: true },
    ]);
    return;
  }

  // Declined: never guess. Offer the nearest names only when they are at least plausible.
  const nonce = await ctx.startFlow({ flow: "offer_handoff", question: text.slice(0, 500) });
  const closest =
    outcome.declineReason === "low_confidence"
      ? outcome.results.filter((r) => r.confidence >= 0.25).slice(0, 2)
      : [];
  await ctx.reply(declined(await contactOf(ctx), closest, outcome.notInCatalogue?.referral ?? null), [
    { kind: "query", title: "Hỏi cán bộ", payload: `#handoff:${nonce}`, hidden: true },
    ...closest.map((c) => ({
      kind: "query" as const,
      title: procedureButtonTitle(c.name),
      payload: `#asp:${c.code}:general`,
      hidden: true,
    })),
  ]);
}

/** The office's hotline, hours and address, with a person to ask; never an official's own number. */
async function replyContact(ctx: BotContext, text: string): Promise<void> {
  const contact = await contactOf(ctx);
  const nonce = await ctx.startFlow({ flow: "offer_handoff", question: text.slice(0, 500) });
  const phone = contact.hotline ? dialable(contact.hotline) : null;
  await ctx.reply(contactReply(contact.name, contact), [
    ...(phone ? [{ kind: "phone" as const, title: "Gọi đường dây nóng", phone }] : []),
    { kind: "query", title: "Hỏi cán bộ", payload: `#handoff:${nonce}`, hidden: true },
  ]);
}

async function answerProcedure(
  ctx: BotContext,
  catalogue: ProcedureCatalogue,
  code: string,
  aspects: Aspect[],
  /** What the citizen asked, kept so "Chưa đúng → Hỏi cán bộ" hands the desk their words. */
  question?: string,
) {
  const record = catalogue.record(code);
  if (!record) {
    await ctx.reply("Thủ tục này không còn trong danh mục đang áp dụng. Anh/chị hỏi lại giúp em.");
    return;
  }
  const contact = await contactOf(ctx);
  const note = await localNote(ctx.prisma, ctx.communeId, code);
  // Remember what was answered, so a follow-up ("còn lệ phí thì sao?") can refer to it.
  await ctx.startFlow({
    flow: "procedure_context",
    code,
    ...(question ? { question: question.slice(0, 500) } : {}),
  });
  let text = procedureAnswer(record, aspects, contact);
  if (note && !note.served) {
    text = `${record.name} (mã ${record.code})\n\nUBND xã không tiếp nhận thủ tục này.${note.localNotes ? ` ${note.localNotes}` : ""}\n\n${contactLinesShort(contact)}`;
  } else if (note?.localNotes || note?.localFees) {
    text += `\n\nLưu ý của UBND xã: ${[note.localNotes, note.localFees].filter(Boolean).join(" ")}`;
  }
  await ctx.reply(text, procedureButtons(record, aspects));
}

function contactLinesShort(c: CommuneContact): string {
  return c.hotline ? `Anh/chị cần hỏi thêm, gọi ${c.hotline}.` : "";
}

async function handleCallback(
  ctx: BotContext,
  catalogues: CatalogueSource,
  verb: string,
  args: string[],
  flow: StoredFlow | null,
): Promise<void> {
  const clear = () => ctx.clearFlow();
  switch (verb) {
    case "asp": {
      const [code, aspect] = args;
      if (!code || !ASPECTS.includes(aspect as Aspect)) break;
      const asked = flow?.flow === "procedure_context" && flow.code === code ? flow.question : undefined;
      return answerProcedure(ctx, await catalogues.current(), code, [aspect as Aspect], asked);
    }
    case "fb": {
      const [code, verdict] = args;
      if (!code || (verdict !== "helpful" && verdict !== "not_helpful")) break;
      await recordFeedback(ctx.prisma, {
        communeId: ctx.communeId,
        zaloUserId: ctx.sender.zaloUserId,
        kind: verdict,
        procedureCode: code,
      });
      if (verdict === "helpful") return ctx.reply(feedbackThanks);
      const nonce = await ctx.startFlow({
        flow: "offer_handoff",
        question:
          flow?.flow === "procedure_context" && flow.code === code && flow.question
            ? `${flow.question} (câu trả lời về thủ tục ${code} chưa đúng)`
            : `(Chưa đúng) câu trả lời về thủ tục ${code}`,
      });
      return ctx.reply(feedbackSorry, [
        { kind: "query", title: "Hỏi cán bộ", payload: `#handoff:${nonce}`, hidden: true },
      ]);
    }
    case "pick": {
      if (flow?.flow !== "choose_procedure" || flow.nonce !== args[0]) return staleChoice(ctx);
      const code = flow.codes[Number(args[1])];
      await clear();
      if (code)
        return answerProcedure(
          ctx,
          await catalogues.current(),
          code,
          flow.aspects as Aspect[],
          flow.question,
        );
      return;
    }
    case "handoff": {
      const question =
        flow && flow.nonce === args[0] && (flow.flow === "offer_handoff" || flow.flow === "choose_procedure")
          ? flow.question
          : null;
      await clear();
      if (!question) return askQuestionFirst(ctx);
      return startHandoff(ctx, question);
    }
    case "menu":
      switch (args[0]) {
        case "procedures":
          return ctx.reply(askProcedureHint);
        case "dossier":
          return ctx.reply(askReceiptCode);
        case "pakn":
          await ctx.startFlow({ flow: "await_pakn" });
          return ctx.reply(askPakn);
        case "handoff":
          return askQuestionFirst(ctx);
      }
      break;
  }
  return staleChoice(ctx);
}

async function askQuestionFirst(ctx: BotContext) {
  await ctx.startFlow({ flow: "offer_handoff", question: "" });
  return ctx.reply(
    "Anh/chị nhắn câu hỏi, em sẽ tìm trong danh mục thủ tục; nếu chưa có, em chuyển cho cán bộ trả lời.",
  );
}

function staleChoice(ctx: BotContext) {
  return ctx.reply("Lựa chọn này đã hết hạn. Anh/chị nhắn lại câu hỏi giúp em.");
}

/** `said` is the whole message: "kiến nghị …" names the kind before the content starts. */
async function storePakn(ctx: BotContext, content: string, said = content): Promise<void> {
  const kind = /^(kien nghi|gop y|de nghi|de xuat)|\b(kien nghi|gop y|de xuat)\b/.test(foldVietnamese(said))
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

async function dossierStatus(ctx: BotContext, code: string): Promise<void> {
  const d = await publicDossierStatus(ctx.prisma, ctx.communeId, code);
  if (!d) {
    await ctx.reply(
      `Em không tìm thấy hồ sơ có mã "${code}". Anh/chị kiểm tra lại mã trên giấy biên nhận giúp em.`,
    );
    return;
  }
  const state = isOpenDossierStatus(d.status)
    ? `đang giải quyết, hẹn trả ${formatDateTimeVi(d.dueAt, ctx.now)}`
    : d.returnedAt
      ? `đã có kết quả (${formatDateTimeVi(d.returnedAt, ctx.now)})`
      : "đã kết thúc";
  await ctx.reply(`Hồ sơ ${d.receiptCode} (${d.procedureName}): ${state}.`);
}

/**
 * A follow-up names an aspect but no procedure of its own: "thủ tục này", "cái này", or
 * nothing at all besides the aspect ("mất bao lâu?", "lệ phí bao nhiêu").
 */
function isFollowUp(text: string, aspects: Aspect[], declineReason: string | undefined): boolean {
  if (aspects.every((a) => a === "general")) return false;
  if (declineReason === "no_content") return true;
  return /\b(thu tuc|cai|viec|giay|ho so) (nay|do|kia)\b|\b(vay|the) (thi|con)\b|^con\b/.test(
    foldVietnamese(text),
  );
}
