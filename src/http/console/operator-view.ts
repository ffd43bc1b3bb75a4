import type { Response, Router } from "express";
import type { Db } from "../../db/client.js";
import { addHoliday, HolidayEditError, listHolidays, removeHoliday } from "../../domain/calendar/holidays.js";
import { dayKey } from "../../domain/calendar/working-days.js";
import { onboardingStatus } from "../../domain/communes/onboarding-status.js";
import { importDossierFile } from "../../domain/imports/dossier-import.js";
import { importPlan, isPlanInputError } from "../../domain/imports/plan-import.js";
import { isTableInputError } from "../../domain/imports/table.js";
import { importOfficials } from "../../domain/officials/import-officials.js";
import { createLinkCode, revokeLinks } from "../../domain/officials/link-codes.js";
import { listOfficials } from "../../domain/officials/list-officials.js";
import { reminderJob, REMINDER_JOBS } from "../../jobs/index.js";
import type { JobRunner } from "../../jobs/runner.js";
import { slotOf } from "../../jobs/slots.js";
import { jobInfos } from "../../jobs/status.js";
import type { Logger } from "../../logger.js";
import type { InboxStore } from "../../zalo/inbox.js";
import type { OutboxStore } from "../../zalo/outbox.js";
import { rawUpload, uploadedSheet } from "../uploads.js";
import { esc, page } from "./html.js";
import { requireOperator, sessionOf } from "./session.js";

export interface OperatorDeps {
  prisma: Db;
  log: Logger;
  jobs: JobRunner;
  schedules: Readonly<Record<string, string>>;
  timeZone: string;
  inbox: InboxStore;
  outbox: OutboxStore;
  defaultOaId?: string | undefined;
}

const vnTime = (iso: string | Date | null, timeZone: string) =>
  iso === null
    ? "—"
    : new Intl.DateTimeFormat("vi-VN", { timeZone, dateStyle: "short", timeStyle: "short" }).format(
        new Date(iso),
      );

const STATUS_VI: Record<string, string> = {
  failed: "lỗi",
  unreachable: "không gửi được",
  parked: "tạm dừng",
  ok: "xong",
  running: "đang chạy",
};

/** The commune the operator picked (?commune= or the form's), default the first. */
async function pickCommune(prisma: Db, slug: unknown) {
  const communes = await prisma.commune.findMany({
    orderBy: { name: "asc" },
    select: { id: true, slug: true, name: true },
  });
  return { communes, commune: communes.find((c) => c.slug === slug) ?? communes[0] ?? null };
}

/** Back to the operator's page on the same commune, with a notice saying what was done. */
function back(res: Response, slug: unknown, notice: string, anchor = "") {
  const q = new URLSearchParams({ ...(typeof slug === "string" ? { commune: slug } : {}), notice });
  res.redirect(303, `/console/operator?${q.toString()}${anchor}`);
}

export function operatorRoutes(router: Router, deps: OperatorDeps, now: () => Date): void {
  router.use("/console/operator", requireOperator);

  router.get("/console/operator", async (req, res) => {
    const { communes, commune } = await pickCommune(deps.prisma, req.query.commune);
    const notice = typeof req.query.notice === "string" ? req.query.notice : undefined;
    const filter = {
      action: typeof req.query.action === "string" ? req.query.action.trim() : "",
      entity: typeof req.query.entity === "string" ? req.query.entity.trim() : "",
    };
    res.send(await operatorPage(deps, sessionOf(res).csrfToken, commune, communes, notice, filter, now()));
  });

  // The dossiers' export, the year's CCHC plan or the officials' list, as the CLI and admin API import them.
  // The answer streams as NDJSON: {"done": rows} as the import goes, then {"report": …}
  // (or {"error": …}); a file refused before the first row is a plain 4xx.
  router.post("/console/operator/:kind/import", rawUpload, async (req, res) => {
    const kind = req.params.kind;
    if (kind !== "dossiers" && kind !== "plan" && kind !== "officials")
      return res.status(404).json({ error: "Không nhập được loại dữ liệu này." });
    const { commune } = await pickCommune(deps.prisma, req.query.commune);
    if (!commune || commune.slug !== req.query.commune)
      return res.status(404).json({ error: "Không có xã này." });
    const year = Number(req.query.year);
    if (kind === "plan" && !(Number.isInteger(year) && year >= 2000 && year <= 2199))
      return res.status(400).json({ error: "Ghi năm của kế hoạch, ví dụ 2026." });
    const what = {
      plan: "bảng kế hoạch",
      officials: "danh sách cán bộ",
      dossiers: "tệp xuất từ hệ thống một cửa",
    };
    const upload = uploadedSheet(req, what[kind]);
    if (!upload.ok) return res.status(upload.status).json({ error: upload.error });
    const line = (value: unknown) => {
      if (!res.headersSent) res.status(200).type("application/x-ndjson");
      res.write(`${JSON.stringify(value)}\n`);
    };
    const onProgress = (done: number) => line({ done });
    try {
      const report =
        kind === "plan"
          ? await importPlan(
              deps.prisma,
              upload.sheet,
              { communeId: commune.id, year },
              { actor: { label: "operator" }, channel: "console", now: now() },
              { onProgress },
            )
          : kind === "officials"
            ? await importOfficials(deps.prisma, commune.id, upload.sheet, { onProgress })
            : await importDossierFile(deps.prisma, commune.id, upload.sheet, {
                log: deps.log.child({ component: "dossier-import", source: "console" }),
                onProgress,
              });
      line({ report });
      res.end();
    } catch (error) {
      // Nothing is written before the header is found: a file that is not a table is the operator's.
      if (!isTableInputError(error) && !isPlanInputError(error)) throw error;
      if (res.headersSent) {
        line({ error: error.message });
        res.end();
      } else res.status(400).json({ error: error.message });
    }
  });

  router.post("/console/operator/jobs/:name/run", async (req, res) => {
    const job = reminderJob(req.params.name);
    if (!job) return res.status(404).send("Không có việc định kỳ này.");
    const { commune } = await pickCommune(deps.prisma, req.body?.commune);
    const at = now();
    const s = await deps.jobs.run(job, {
      slot: slotOf(at, deps.timeZone),
      now: at,
      force: true,
      ...(commune ? { communeId: commune.id } : {}),
    });
    back(
      res,
      commune?.slug,
      `Đã chạy ${job.name}: gửi ${s.sent}, bỏ qua ${s.skipped}, không gửi được ${s.undeliverable}.`,
      "#jobs",
    );
  });

  router.post("/console/operator/outbox/:id/retry", async (req, res) => {
    const ok = await deps.outbox.retry(req.params.id);
    back(
      res,
      req.body?.commune,
      ok ? "Đã xếp tin nhắn để gửi lại." : "Tin này không còn ở trạng thái lỗi.",
      "#outbox",
    );
  });

  router.post("/console/operator/inbox/:id/replay", async (req, res) => {
    const ok = await deps.inbox.replay(req.params.id);
    back(
      res,
      req.body?.commune,
      ok ? "Đã xếp sự kiện để xử lý lại." : "Sự kiện này không còn tạm dừng.",
      "#inbox",
    );
  });

  router.post("/console/operator/officials/:id/link-code", async (req, res) => {
    const official = await deps.prisma.official.findUnique({
      where: { id: req.params.id },
      select: { active: true, name: true },
    });
    if (!official?.active) return res.status(404).send("Không có cán bộ đang hoạt động này.");
    const issued = await createLinkCode(deps.prisma, req.params.id, {
      now: now(),
      actor: { label: "operator" },
      channel: "console",
    });
    // The code is shown once, in this answer, never in a URL.
    const { communes, commune } = await pickCommune(deps.prisma, req.body?.commune);
    const notice = `Mã liên kết của ${official.name}: ${issued.code} (hết hạn ${vnTime(issued.expiresAt, deps.timeZone)}). Cán bộ nhắn “đăng ký ${issued.code}” cho OA.`;
    res.send(
      await operatorPage(
        deps,
        sessionOf(res).csrfToken,
        commune,
        communes,
        notice,
        { action: "", entity: "" },
        now(),
      ),
    );
  });

  router.post("/console/operator/officials/:id/revoke", async (req, res) => {
    const official = await deps.prisma.official.findUnique({
      where: { id: req.params.id },
      select: { id: true, name: true },
    });
    if (!official) return res.status(404).send("Không có cán bộ này.");
    await revokeLinks(deps.prisma, official.id, { label: "operator" }, { channel: "console" });
    back(res, req.body?.commune, `Đã thu hồi liên kết Zalo của ${official.name}.`, "#officials");
  });

  router.post("/console/operator/holidays", async (req, res) => {
    const body = req.body as Record<string, string | undefined>;
    const { commune } = await pickCommune(deps.prisma, body.commune);
    try {
      await addHoliday(
        deps.prisma,
        {
          date: body.date ?? "",
          name: body.name ?? "",
          kind: body.kind === "working_day" ? "working_day" : "holiday",
          communeId: body.scope === "commune" ? (commune?.id ?? null) : null,
        },
        { actor: { label: "operator" }, channel: "console", now: now() },
      );
      back(res, commune?.slug, `Đã lưu ngày ${body.date}.`, "#holidays");
    } catch (error) {
      if (!(error instanceof HolidayEditError)) throw error;
      back(res, commune?.slug, error.message, "#holidays");
    }
  });

  router.post("/console/operator/holidays/:date/delete", async (req, res) => {
    const { commune } = await pickCommune(deps.prisma, req.body?.commune);
    try {
      await removeHoliday(
        deps.prisma,
        { date: req.params.date, communeId: req.body?.scope === "commune" ? (commune?.id ?? null) : null },
        { actor: { label: "operator" }, channel: "console", now: now() },
      );
      back(res, commune?.slug, `Đã xóa ngày ${req.params.date}.`, "#holidays");
    } catch (error) {
      if (!(error instanceof HolidayEditError)) throw error;
      back(res, commune?.slug, error.message, "#holidays");
    }
  });
}

type Commune = { id: string; slug: string; name: string };

async function operatorPage(
  deps: OperatorDeps,
  csrf: string,
  commune: Commune | null,
  communes: Commune[],
  notice: string | undefined,
  filter: { action: string; entity: string },
  at: Date,
): Promise<string> {
  const session = { who: "Người vận hành", csrfToken: csrf, operator: true };
  if (!commune)
    return page({
      title: "Vận hành",
      body: "<p>Chưa có xã nào: thêm xã bằng lệnh onboarding (README).</p>",
      session,
    });
  const tz = deps.timeZone;
  const year = Number(dayKey(at).slice(0, 4));
  const [status, jobs, outbox, inbox, officials, holidays, audit] = await Promise.all([
    onboardingStatus(deps.prisma, commune.id, { now: at, defaultOaId: deps.defaultOaId }),
    jobInfos(deps.prisma, deps.schedules, tz, at),
    deps.prisma.outboxMessage.findMany({
      where: { status: { in: ["failed", "unreachable"] } },
      orderBy: { createdAt: "desc" },
      take: 50,
      select: {
        id: true,
        kind: true,
        recipientType: true,
        status: true,
        attempts: true,
        lastError: true,
        createdAt: true,
      },
    }),
    deps.prisma.inboxEvent.findMany({
      where: { status: "parked" },
      orderBy: { receivedAt: "desc" },
      take: 50,
      select: { id: true, eventName: true, receivedAt: true, attempts: true, lastError: true },
    }),
    listOfficials(deps.prisma, commune.slug),
    listHolidays(deps.prisma, year, commune.id),
    deps.prisma.auditLog.findMany({
      where: {
        communeId: commune.id,
        ...(filter.action ? { action: { contains: filter.action } } : {}),
        ...(filter.entity ? { entityType: filter.entity } : {}),
      },
      orderBy: { createdAt: "desc" },
      take: 50,
      include: { actor: { select: { name: true } } },
    }),
  ]);
  const hidden = `<input type="hidden" name="_csrf" value="${esc(csrf)}"><input type="hidden" name="commune" value="${esc(commune.slug)}">`;
  const button = (action: string, label: string, extra = "") =>
    `<form method="post" action="${esc(action)}" class="inline">${hidden}${extra}<button type="submit">${esc(label)}</button></form>`;
  const runnable = new Set(REMINDER_JOBS.map((j) => j.name));

  const communeOptions = communes
    .map(
      (c) =>
        `<option value="${esc(c.slug)}"${c.id === commune.id ? " selected" : ""}>${esc(c.name)}</option>`,
    )
    .join("");
  const body = `<h1>Vận hành — ${esc(commune.name)}</h1>
<form method="get" action="/console/operator" class="period"><label>Xã <select name="commune">${communeOptions}</select></label> <button type="submit">Chọn</button></form>
${notice ? `<p class="notice" role="status" id="notice">${esc(notice)}</p>` : ""}
<section id="onboarding" class="card"><h2>Tình trạng triển khai: ${status.ready ? "sẵn sàng" : "chưa sẵn sàng"}</h2>
<ul class="status">${status.items
    .map(
      (i) =>
        `<li class="${i.ok ? "ok" : i.required ? "missing" : "later"}"><span>${i.ok ? "✔" : i.required ? "✘" : "•"}</span> ${esc(i.message)}</li>`,
    )
    .join("")}</ul></section>
<section id="import" class="card"><h2>Nhập dữ liệu từ tệp (CSV, XLSX)</h2>
<form id="dossier-upload" data-commune="${esc(commune.slug)}" data-csrf="${esc(csrf)}">
<label>Loại <select id="import-kind"><option value="dossiers">Hồ sơ TTHC (tệp xuất từ hệ thống một cửa)</option><option value="plan">Kế hoạch CCHC của năm</option><option value="officials">Danh sách cán bộ</option></select></label>
<label>Năm kế hoạch <input type="number" id="import-year" min="2000" max="2199" value="${year}"></label>
<input type="file" id="dossier-file" accept=".csv,.tsv,.txt,.xlsx" required> <button type="submit">Tải lên</button></form>
<progress id="upload-progress" max="100" value="0" hidden></progress> <span id="upload-state"></span>
<div id="import-report"></div></section>
<section id="jobs" class="card"><h2>Việc định kỳ</h2><div class="scroll"><table><thead><tr><th>Việc</th><th>Lịch</th><th>Lần chạy trước</th><th>Lần chạy tới</th><th></th></tr></thead><tbody>
${jobs
  .map(
    (
      j,
    ) => `<tr data-job="${esc(j.name)}"><td>${esc(j.description)}<br><code>${esc(j.name)}</code></td><td><code>${esc(j.schedule)}</code></td>
<td>${esc(vnTime(j.lastRunAt, tz))}${j.lastStatus ? ` (${esc(STATUS_VI[j.lastStatus] ?? j.lastStatus)})` : ""}</td><td>${esc(vnTime(j.nextRunAt, tz))}</td>
<td>${runnable.has(j.name) ? button(`/console/operator/jobs/${j.name}/run`, "Chạy ngay") : ""}</td></tr>`,
  )
  .join("")}</tbody></table></div></section>
<section id="outbox" class="card"><h2>Tin nhắn chưa gửi được (${outbox.length})</h2><div class="scroll"><table><thead><tr><th>Loại</th><th>Người nhận</th><th>Trạng thái</th><th>Lần thử</th><th>Lỗi</th><th>Tạo lúc</th><th></th></tr></thead><tbody>
${outbox
  .map(
    (
      m,
    ) => `<tr data-id="${esc(m.id)}"><td>${esc(m.kind)}</td><td>${esc(m.recipientType)}</td><td>${esc(STATUS_VI[m.status] ?? m.status)}</td><td>${m.attempts}</td>
<td>${esc(m.lastError ?? "")}</td><td>${esc(vnTime(m.createdAt, tz))}</td><td>${button(`/console/operator/outbox/${m.id}/retry`, "Gửi lại")}</td></tr>`,
  )
  .join("")}</tbody></table></div></section>
<section id="inbox" class="card"><h2>Sự kiện Zalo tạm dừng (${inbox.length})</h2><div class="scroll"><table><thead><tr><th>Sự kiện</th><th>Nhận lúc</th><th>Lần thử</th><th>Lỗi</th><th></th></tr></thead><tbody>
${inbox
  .map(
    (
      e,
    ) => `<tr data-id="${esc(e.id)}"><td>${esc(e.eventName)}</td><td>${esc(vnTime(e.receivedAt, tz))}</td><td>${e.attempts}</td><td>${esc(e.lastError ?? "")}</td>
<td>${button(`/console/operator/inbox/${e.id}/replay`, "Xử lý lại")}</td></tr>`,
  )
  .join("")}</tbody></table></div></section>
<section id="officials" class="card"><h2>Cán bộ (${officials.length})</h2><div class="scroll"><table><thead><tr><th>Họ tên</th><th>Chức danh</th><th>Bộ phận</th><th>Zalo</th><th></th></tr></thead><tbody>
${officials
  .map(
    (
      o,
    ) => `<tr data-id="${esc(o.id)}"><td>${esc(o.name)}</td><td>${esc(o.title)}</td><td>${esc(o.department ?? "")}</td><td>${o.linked ? "đã liên kết" : "chưa"}</td>
<td>${button(`/console/operator/officials/${o.id}/link-code`, "Tạo mã liên kết")}${o.linked ? button(`/console/operator/officials/${o.id}/revoke`, "Thu hồi") : ""}</td></tr>`,
  )
  .join("")}</tbody></table></div></section>
<section id="holidays" class="card"><h2>Ngày nghỉ, ngày làm bù năm ${year}</h2>
<form method="post" action="/console/operator/holidays" class="row">${hidden}
<label>Ngày <input type="date" name="date" required></label> <label>Tên <input name="name" required placeholder="Nghỉ bù Tết"></label>
<label>Loại <select name="kind"><option value="holiday">Nghỉ</option><option value="working_day">Làm bù (thứ Bảy)</option></select></label>
<label>Áp dụng <select name="scope"><option value="national">Toàn quốc</option><option value="commune">Riêng xã</option></select></label>
<button type="submit">Lưu</button></form>
<div class="scroll"><table><thead><tr><th>Ngày</th><th>Tên</th><th>Loại</th><th>Phạm vi</th><th></th></tr></thead><tbody>
${holidays
  .map(
    (
      h,
    ) => `<tr><td>${esc(h.date)}</td><td>${esc(h.name)}</td><td>${h.kind === "working_day" ? "làm bù" : "nghỉ"}</td><td>${h.scope === "commune" ? "riêng xã" : "toàn quốc"}</td>
<td>${button(`/console/operator/holidays/${h.date}/delete`, "Xóa", `<input type="hidden" name="scope" value="${h.scope}">`)}</td></tr>`,
  )
  .join("")}</tbody></table></div></section>
<section id="audit" class="card"><h2>Nhật ký thay đổi</h2>
<form method="get" action="/console/operator#audit" class="row"><input type="hidden" name="commune" value="${esc(commune.slug)}">
<label>Hành động <input name="action" value="${esc(filter.action)}" placeholder="link_code_created"></label>
<label>Đối tượng <input name="entity" value="${esc(filter.entity)}" placeholder="task, holiday, official"></label> <button type="submit">Lọc</button></form>
<div class="scroll"><table><thead><tr><th>Lúc</th><th>Ai</th><th>Kênh</th><th>Đối tượng</th><th>Hành động</th></tr></thead><tbody>
${audit
  .map(
    (
      a,
    ) => `<tr><td>${esc(vnTime(a.createdAt, tz))}</td><td>${esc(a.actor?.name ?? a.actorLabel ?? "")}</td><td>${esc(a.channel)}</td>
<td>${esc(a.entityType)}</td><td>${esc(a.action)}</td></tr>`,
  )
  .join("")}</tbody></table></div></section>`;
  return page({ title: "Vận hành", body, session, scripts: ["/console/static/console.js"] });
}
