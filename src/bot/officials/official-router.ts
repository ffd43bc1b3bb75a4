import { loadActor } from "../../domain/officials/scope.js";
import { foldVietnamese } from "../../domain/tasks/deadline-phrase.js";
import type { Middleware } from "../composer.js";
import { relayAnswer } from "../citizens/handoff.js";
import type { BotContext } from "../context.js";
import { parseOfficialIntent } from "../intents/parse-official-intent.js";
import { notUnderstood, officialHelp, officialMenuButtons } from "../templates/officials.js";
import { handleOfficialCallback, parseCallback, staleButton } from "./callbacks.js";
import { dossierLookup, dossiersDue, dossiersOverdue } from "./dossier-handlers.js";
import { officialCtx } from "./official-context.js";
import { showOnTimeRate, showStats } from "./stats-handlers.js";
import {
  askExtension,
  remindPendingExtensions,
  askMarkDone,
  awaitEvidence,
  departmentTasks,
  myTasks,
  showHistory,
  showTaskDetail,
  storeEvidence,
  tasksDue,
  tasksOverdue,
  updateProgress,
} from "./task-handlers.js";

/**
 * Everything a linked official sends: button presses, the evidence a flow waits for, and
 * Vietnamese commands. Anyone else passes through to the citizens' handlers.
 */
export const officialRouter: Middleware<BotContext> = async (ctx, next) => {
  const officialId = ctx.sender.officialId;
  const actor = officialId ? await loadActor(ctx.prisma, officialId) : null;
  if (!actor || actor.communeId !== ctx.communeId) return next();
  const official = await ctx.prisma.official.findUniqueOrThrow({
    where: { id: actor.officialId },
    select: { name: true },
  });
  const o = await officialCtx(ctx, actor, official.name);
  const flow = await ctx.currentFlow();

  const callback = parseCallback(ctx.text);
  if (callback) {
    if (!(await handleOfficialCallback(o, callback, flow))) await ctx.reply(staleButton);
    return;
  }

  if (flow?.flow === "answer_handoff" && ctx.text) {
    const said = parseOfficialIntent(ctx.text, ctx.now);
    if (/^(huy|thoi|khong tra loi)\b/i.test(foldVietnamese(ctx.text))) {
      await ctx.clearFlow();
      await ctx.reply("Đã thôi trả lời. Câu hỏi vẫn chờ cán bộ khác.");
      return;
    }
    if (!["unknown", "thanks", "greeting"].includes(said.name)) {
      // A command typed by habit must not reach the citizen as the answer.
      await ctx.reply(
        "Anh/chị đang trả lời câu hỏi của người dân: nhắn nội dung trả lời, hoặc “hủy” để thôi.",
      );
      return;
    }
    await ctx.clearFlow();
    const sent = await relayAnswer(ctx, flow.feedbackId, o.name, ctx.text);
    await ctx.reply(
      sent ? "Đã gửi câu trả lời cho người dân. Cảm ơn anh/chị!" : "Câu hỏi này đã có cán bộ khác trả lời.",
    );
    return;
  }
  if (flow?.flow === "await_evidence" && (await storeEvidence(o, flow.taskId))) {
    // Stay in the flow until it expires: several photos often come one after another.
    return;
  }
  if (ctx.text === null) {
    await ctx.reply(
      'Anh/chị muốn lưu tệp này làm minh chứng? Nhắn "minh chứng NV12" trước, rồi gửi lại ảnh/tệp.',
    );
    return;
  }

  const intent = parseOfficialIntent(ctx.text, ctx.now);
  switch (intent.name) {
    case "help":
    case "greeting":
      await ctx.reply(officialHelp(o.name), officialMenuButtons);
      return remindPendingExtensions(o);
    case "thanks":
      return ctx.reply("Dạ, anh/chị cần gì thêm cứ nhắn em ạ.");
    case "my_tasks":
      return myTasks(o);
    case "tasks_due":
      return tasksDue(o, intent.range);
    case "tasks_overdue":
      return tasksOverdue(o);
    case "department_tasks":
      return departmentTasks(o, intent.department);
    case "task_detail":
      return showTaskDetail(o, intent.task);
    case "task_history":
      return showHistory(o, intent.task);
    case "mark_done":
      return askMarkDone(o, intent.task, intent.note);
    case "set_progress":
      return updateProgress(o, intent.task, intent.percent, intent.note);
    case "request_extension":
      return askExtension(o, intent.task, intent.until, intent.reason);
    case "attach_evidence":
      return awaitEvidence(o, intent.task);
    case "dossiers_overdue":
      return dossiersOverdue(o);
    case "dossiers_due":
      return dossiersDue(o, intent.range);
    case "dossier_lookup":
      return dossierLookup(o, intent.receiptCode);
    case "stats":
      return showStats(o, intent.range);
    case "on_time_rate":
      return showOnTimeRate(o, intent.range);
    case "more":
      if (flow?.flow === "list_more") {
        await handleOfficialCallback(o, { verb: "more", args: [flow.nonce] }, flow);
        return;
      }
      return ctx.reply("Không còn danh sách nào đang xem dở. Anh/chị gửi lại lệnh giúp em.");
    case "link":
    case "unlink":
    case "unknown":
      return ctx.reply(notUnderstood, officialMenuButtons);
  }
};
