import { formatDayVi } from "../../domain/calendar/format.js";
import { decideExtension } from "../../domain/tasks/task-updates.js";
import type { StoredFlow } from "../conversation/state-store.js";
import { clip } from "../templates/text.js";
import { type DossierListQuery, showDossierPage } from "./dossier-handlers.js";
import type { OfficialCtx } from "./official-context.js";
import {
  completeTask,
  continueWithTask,
  refusalText,
  showTaskPage,
  type TaskListQuery,
} from "./task-handlers.js";

/** A hidden button payload: `#verb:arg1:arg2`. */
export interface Callback {
  verb: string;
  args: string[];
}

export function parseCallback(text: string | null): Callback | null {
  const m = text?.trim().match(/^#([a-z]+)((?::[^:\s]+)*)$/);
  if (!m?.[1]) return null;
  return { verb: m[1], args: (m[2] ?? "").split(":").filter(Boolean) };
}

export const staleButton =
  "Yêu cầu này đã hết hạn hoặc đã được xử lý. Anh/chị gửi lại lệnh giúp em (ví dụ: “xong NV12”).";

/**
 * Handles an official's button press. Flow buttons carry the flow's nonce: a press that
 * does not match the user's current flow (expired, replaced, already used) is answered as
 * stale instead of acting twice or on the wrong thing.
 */
export async function handleOfficialCallback(
  o: OfficialCtx,
  cb: Callback,
  flow: StoredFlow | null,
): Promise<boolean> {
  const { ctx } = o;
  if (cb.verb === "ext") return decide(o, cb.args[0], cb.args[1]);
  if (cb.verb === "answer") return startAnswer(o, cb.args[0]);
  if (!["ok", "cancel", "pick", "more"].includes(cb.verb)) return false;

  const nonce = cb.args[0];
  if (!flow || flow.nonce !== nonce) {
    await ctx.reply(staleButton);
    return true;
  }
  const clear = () => ctx.clearFlow();
  if (cb.verb === "cancel") {
    await clear();
    await ctx.reply("Đã hủy. Anh/chị cần gì thêm cứ nhắn em.");
    return true;
  }
  if (cb.verb === "ok" && flow.flow === "confirm_done") {
    await clear();
    await completeTask(o, flow.taskId, flow.note);
    return true;
  }
  if (cb.verb === "pick" && flow.flow === "choose_task") {
    const taskId = flow.taskIds[Number(cb.args[1])];
    await clear();
    if (taskId) await continueWithTask(o, flow, taskId);
    return true;
  }
  if (cb.verb === "more" && flow.flow === "list_more") {
    await clear();
    if (flow.list === "tasks") await showTaskPage(o, JSON.parse(flow.filter) as TaskListQuery, flow.offset);
    else await showDossierPage(o, JSON.parse(flow.filter) as DossierListQuery, flow.offset);
    return true;
  }
  await ctx.reply(staleButton);
  return true;
}

async function decide(o: OfficialCtx, requestId: string | undefined, decision: string | undefined) {
  const { ctx } = o;
  if (!requestId || (decision !== "approved" && decision !== "rejected")) return false;
  const result = await decideExtension(
    ctx.prisma,
    requestId,
    { decision },
    { actor: o.actor, channel: "zalo", now: o.clock.now },
  );
  if (!result.ok) {
    await ctx.reply(
      result.reason === "already_decided"
        ? "Đề nghị gia hạn này đã được xử lý trước đó."
        : result.reason === "forbidden"
          ? "Chỉ lãnh đạo UBND mới duyệt được đề nghị gia hạn."
          : refusalText(result.reason),
    );
    return true;
  }
  const { request, task } = result;
  const newDue = formatDayVi(request.requestedDueAt, o.clock.now);
  const verdict = decision === "approved" ? `đồng ý gia hạn đến ${newDue}` : "từ chối gia hạn";
  await ctx.reply(`Đã ${verdict} cho ${task.code}.`);
  const requester = await ctx.prisma.zaloUser.findUnique({
    where: { officialId: request.requestedById },
    select: { zaloUserId: true },
  });
  if (requester) {
    await ctx.notify(
      requester.zaloUserId,
      `${o.name} đã ${verdict} cho ${task.code} · ${clip(task.title, 80)}.`,
      [],
      `ext-decided:${request.id}`,
    );
  }
  return true;
}

/** "Trả lời" on a citizen's handed-over question: the official's next message is the answer. */
async function startAnswer(o: OfficialCtx, feedbackId: string | undefined): Promise<boolean> {
  const { ctx } = o;
  const question = feedbackId
    ? await ctx.prisma.feedback.findFirst({
        where: { id: feedbackId, communeId: ctx.communeId, kind: "question" },
        select: { id: true, status: true, trackingCode: true, question: true },
      })
    : null;
  if (!question) return false;
  if (question.status !== "open") {
    await ctx.reply(`Câu hỏi ${question.trackingCode} đã có cán bộ trả lời.`);
    return true;
  }
  await ctx.startFlow({ flow: "answer_handoff", feedbackId: question.id });
  await ctx.reply(
    `Anh/chị nhắn câu trả lời cho người dân (mã ${question.trackingCode}); em sẽ chuyển nguyên văn.`,
  );
  return true;
}
