import { Composer } from "../../composer.js";
import type { OfficialContext } from "../../context.js";
import type { Feature } from "../feature.js";
import {
  askExtension,
  askMarkDone,
  awaitEvidence,
  chooseTask,
  completeTask,
  confirmDone,
  continueWithTask,
  decideExtensionRequest,
  departmentTasks,
  myTasks,
  showHistory,
  showTaskDetail,
  startEvidence,
  storeEvidence,
  tasksDue,
  tasksOverdue,
  updateProgress,
} from "./handlers.js";

/**
 * Plan tasks (nhiệm vụ CCHC): lists, detail and history, marking done (with a
 * confirmation), progress, evidence (minh chứng) and extension requests a leader decides.
 */
const officials = new Composer<OfficialContext>()
  .callback("ok", async (ctx, next) => {
    const flow = confirmDone.fromCallback(ctx);
    if (!flow) return next();
    await ctx.clearFlow();
    await completeTask(ctx, flow.taskId, flow.note);
  })
  .callback("pick", async (ctx, next) => {
    const flow = chooseTask.fromCallback(ctx);
    if (!flow) return next();
    const taskId = flow.taskIds[Number(ctx.callback.args[1])];
    await ctx.clearFlow();
    if (taskId) await continueWithTask(ctx, flow, taskId);
  })
  .callback("ext", async (ctx, next) => {
    const [requestId, decision] = ctx.callback.args;
    if (!(await decideExtensionRequest(ctx, requestId, decision))) return next();
  })
  // While a task waits for evidence, photos, files and links are stored; several often come
  // one after another, so the flow stays until it expires.
  .flow(awaitEvidence.name, async (ctx, next) => {
    const flow = awaitEvidence.read(ctx);
    if (!flow || ctx.callback || !(await storeEvidence(ctx, flow.taskId))) return next();
  })
  .intent("my_tasks", (ctx) => myTasks(ctx))
  .intent("tasks_due", (ctx) => tasksDue(ctx, ctx.intent.range))
  .intent("tasks_overdue", (ctx) => tasksOverdue(ctx))
  .intent("department_tasks", (ctx) => departmentTasks(ctx, ctx.intent.department))
  .intent("task_detail", (ctx) => showTaskDetail(ctx, ctx.intent.task))
  .intent("task_history", (ctx) => showHistory(ctx, ctx.intent.task))
  .intent("mark_done", (ctx) => askMarkDone(ctx, ctx.intent.task, ctx.intent.note))
  .intent("set_progress", (ctx) => updateProgress(ctx, ctx.intent.task, ctx.intent.percent, ctx.intent.note))
  .intent("request_extension", (ctx) =>
    askExtension(ctx, ctx.intent.task, ctx.intent.until, ctx.intent.reason),
  )
  .intent("attach_evidence", (ctx) => startEvidence(ctx, ctx.intent.task));

export const tasks: Feature = { name: "tasks", officials };

export { remindPendingExtensions } from "./handlers.js";
