import { formatDateTimeVi } from "../../../domain/calendar/format.js";
import {
  type DossierFilter,
  findDossierByReceiptCode,
  isOpenDossierStatus,
  listDossiers,
} from "../../../domain/dossiers/dossier-queries.js";
import { recordApology } from "../../../domain/dossiers/apology.js";
import { publicDossierStatus } from "../../../domain/dossiers/public-status.js";
import { Composer } from "../../composer.js";
import type { BotContext, OfficialContext } from "../../context.js";
import type { DayRange, IntentRecognizer } from "../../intents/intent.js";
import { findReceiptCode } from "../../intents/receipt-code.js";
import { daySpanRange } from "../../../domain/calendar/periods.js";
import type { Feature } from "../feature.js";
import { moreButton, PAGE_SIZE, registerList } from "../lists/index.js";
import {
  apologyRecordedText,
  askReceiptCode,
  dossierDetail,
  dossierList,
  dossierNotFound,
  publicStatusText,
} from "./templates.js";

declare module "../../intents/intent.js" {
  interface FeatureIntents {
    /** "đã xin lỗi HS 261117-0001": the apology letter for a late dossier was sent. */
    apology_recorded: { receiptCode: string };
  }
}

/**
 * "đã xin lỗi HS …", "đã gửi thư xin lỗi hồ sơ …", "xin lỗi xong 261117-0001": saying the
 * letter went out. A bare "xin lỗi" is the polite "excuse me" that opens many a question
 * ("xin lỗi, hồ sơ … đến đâu rồi"), and a question or a denial ("… chưa?", "chưa gửi …")
 * tells nothing was sent: none of them records an apology.
 */
const APOLOGY =
  /(?:^| )(?:(?:da (?:gui )?|gui )(?:thu |van ban )?xin loi|(?:thu|van ban) xin loi|xin loi (?:da (?:gui|xong)|gui (?:xong|roi)|xong|roi))(?= |$)/;
const NOT_DONE = /(?:^| )(?:chua|khong|chang)(?= |$)/;
const recognizeApology: IntentRecognizer = (message) => {
  if (!APOLOGY.test(message.text) || NOT_DONE.test(message.text) || message.original.includes("?")) {
    return undefined;
  }
  const receiptCode = findReceiptCode(message.original);
  return receiptCode ? { name: "apology_recorded", receiptCode } : undefined;
};

async function apology(ctx: OfficialContext, target: { receiptCode: string } | { dossierId: string }) {
  const result = await recordApology(ctx.prisma, target, {
    actor: ctx.official.actor,
    channel: "zalo",
    now: ctx.now,
  });
  if (result.ok) return ctx.reply(apologyRecordedText(result.receiptCode, result.already));
  const code = "receiptCode" in target ? target.receiptCode : "này";
  await ctx.reply(
    result.reason === "not_late"
      ? `Hồ sơ ${code} chưa trễ hạn nên không cần thư xin lỗi.`
      : result.reason === "ambiguous"
        ? `Có nhiều hồ sơ khớp "${code}". Anh/chị gửi đầy đủ mã biên nhận giúp em.`
        : `Không tìm thấy hồ sơ ${code} trong phạm vi của anh/chị.`,
  );
}

/** The filter of a dossier list, serialised into the "xem thêm" flow. */
interface DossierListQuery {
  heading: string;
  filter: { overdueAt?: string; dueFrom?: string; dueTo?: string };
}

function toFilter(q: DossierListQuery["filter"]): DossierFilter {
  return {
    ...(q.overdueAt ? { overdueAt: new Date(q.overdueAt) } : {}),
    ...(q.dueFrom ? { dueFrom: new Date(q.dueFrom) } : {}),
    ...(q.dueTo ? { dueTo: new Date(q.dueTo) } : {}),
  };
}

async function showDossierPage(ctx: OfficialContext, query: DossierListQuery, offset: number): Promise<void> {
  const { items, total } = await listDossiers(ctx.prisma, ctx.official.actor, toFilter(query.filter), {
    offset,
    limit: PAGE_SIZE,
  });
  const buttons = await moreButton(ctx, "dossiers", query, offset + items.length, total);
  await ctx.reply(dossierList(query.heading, items, total, offset, ctx.clock), buttons);
}
registerList("dossiers", (ctx, query, offset) => showDossierPage(ctx, query as DossierListQuery, offset));

function dossiersDue(ctx: OfficialContext, range: DayRange) {
  const { from, to } = daySpanRange(range);
  // Overdue ones are listed separately: "due today" means still on time.
  const start = new Date(Math.max(from.getTime(), ctx.clock.now.getTime()));
  return showDossierPage(
    ctx,
    {
      heading: `Hồ sơ hạn ${range.label}`,
      filter: { dueFrom: start.toISOString(), dueTo: to.toISOString() },
    },
    0,
  );
}

async function dossierLookup(ctx: OfficialContext, code: string): Promise<void> {
  const found = await findDossierByReceiptCode(ctx.prisma, ctx.official.actor, code);
  if (!found.ok) {
    await ctx.reply(
      found.reason === "ambiguous"
        ? `Có nhiều hồ sơ khớp "${code}". Anh/chị gửi đầy đủ mã biên nhận giúp em.`
        : `Không tìm thấy hồ sơ "${code}" trong phạm vi của anh/chị.`,
    );
    return;
  }
  await ctx.reply(dossierDetail(found.dossier, ctx.clock));
}

/** A citizen's receipt code: status and due date, never names or phone numbers. */
async function dossierStatus(ctx: BotContext, code: string): Promise<void> {
  const d = await publicDossierStatus(ctx.prisma, ctx.communeId, code);
  if (!d) return ctx.reply(dossierNotFound(code));
  const state = isOpenDossierStatus(d.status)
    ? `đang giải quyết, hẹn trả ${formatDateTimeVi(d.dueAt, ctx.now)}`
    : d.returnedAt
      ? `đã có kết quả (${formatDateTimeVi(d.returnedAt, ctx.now)})`
      : "đã kết thúc";
  await ctx.reply(publicStatusText(d.receiptCode, d.procedureName, state));
}

/** Dossiers (hồ sơ TTHC): officials' lists and lookups; citizens' status by receipt code. */
const officials = new Composer<OfficialContext>()
  .intent("dossiers_overdue", (ctx) =>
    showDossierPage(ctx, { heading: "Hồ sơ quá hạn", filter: { overdueAt: ctx.clock.now.toISOString() } }, 0),
  )
  .intent("dossiers_due", (ctx) => dossiersDue(ctx, ctx.intent.range))
  .intent("dossier_lookup", (ctx) => dossierLookup(ctx, ctx.intent.receiptCode))
  .intent("apology_recorded", (ctx) => apology(ctx, { receiptCode: ctx.intent.receiptCode }))
  .callback("apology", async (ctx, next) => {
    const dossierId = ctx.callback.args[0];
    return dossierId ? apology(ctx, { dossierId }) : next();
  });

const citizens = new Composer<BotContext>()
  .callback("menu:dossier", (ctx) => ctx.reply(askReceiptCode))
  .on("text", async (ctx, next) => {
    const receipt = findReceiptCode(ctx.update.text.trim());
    return receipt ? dossierStatus(ctx, receipt) : next();
  });

export const dossiers: Feature = { name: "dossiers", recognizers: [recognizeApology], officials, citizens };
