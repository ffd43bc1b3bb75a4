import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database, Db } from "../../../src/db/client.js";
import type { Channel } from "../../../src/domain/officials/scope.js";
import {
  attachEvidence,
  cancelExtension,
  decideExtension,
  markTaskDone,
  requestExtension,
  setTaskProgress,
  statusForProgress,
  type UpdateContext,
} from "../../../src/domain/tasks/task-updates.js";
import { createTestDatabase, providers } from "../../support/test-database.js";
import { at17, createSmallCommune, type OfficialKey, type SmallCommune, vn } from "./small-commune.js";

const NOW = vn("2026-06-15", 10);

describe("statusForProgress", () => {
  it("0 is todo, 100 is done, anything between is in progress", () => {
    expect([0, 1, 99, 100].map(statusForProgress)).toEqual(["todo", "in_progress", "in_progress", "done"]);
  });
});

describe.each(providers())("task updates on %s", (provider) => {
  let db: Database;
  let c: SmallCommune;

  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    c = await createSmallCommune(db.prisma);
  });

  const ctx = (key: OfficialKey, now = NOW, channel: Channel = "zalo"): UpdateContext => ({
    actor: c.actor(key),
    channel,
    now,
  });
  const task = (id: string) => db.prisma.task.findUniqueOrThrow({ where: { id } });
  const audits = (taskId: string) =>
    db.prisma.auditLog.findMany({
      where: { entityType: "task", entityId: taskId },
      orderBy: { createdAt: "asc" },
    });
  const json = (text: string | null) => (text === null ? null : (JSON.parse(text) as unknown));

  /** A client whose audit writes fail: the change made before them must not survive. */
  const failingAudit = (): Db =>
    db.prisma.$extends({
      query: {
        auditLog: {
          create() {
            throw new Error("audit store down");
          },
        },
      },
    }) as unknown as Db;

  describe("markTaskDone", () => {
    it("marks done with progress 100 and completedAt, writing one audit row with before/after", async () => {
      const result = await markTaskDone(db.prisma, c.tasks.tpLead, { note: "Đã niêm yết" }, ctx("tp1"));
      expect(result).toEqual({
        ok: true,
        task: expect.objectContaining({
          id: c.tasks.tpLead,
          status: "done",
          progress: 100,
          completedAt: NOW,
        }),
      });
      expect(await task(c.tasks.tpLead)).toMatchObject({ status: "done", progress: 100, completedAt: NOW });
      const rows = await audits(c.tasks.tpLead);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        communeId: c.communeId,
        actorOfficialId: c.officials.tp1,
        channel: "zalo",
        action: "done",
        note: "Đã niêm yết",
        createdAt: NOW,
      });
      expect(json(rows[0]!.before)).toEqual({ status: "todo", progress: 0, completedAt: null });
      expect(json(rows[0]!.after)).toEqual({ status: "done", progress: 100, completedAt: NOW.toISOString() });
    });

    it("is a no-op on a done task", async () => {
      const before = await task(c.tasks.tpDone);
      expect(await markTaskDone(db.prisma, c.tasks.tpDone, {}, ctx("tp1"))).toEqual({
        ok: false,
        reason: "already_done",
      });
      expect(await task(c.tasks.tpDone)).toEqual(before);
      expect(await audits(c.tasks.tpDone)).toHaveLength(0);
    });

    it("refuses officials outside the task and tasks of another commune, changing nothing", async () => {
      expect(await markTaskDone(db.prisma, c.tasks.tpLead, {}, ctx("dc"))).toEqual({
        ok: false,
        reason: "forbidden",
      });
      const other = await createSmallCommune(db.prisma);
      expect(await markTaskDone(db.prisma, other.tasks.tpLead, {}, ctx("leader"))).toEqual({
        ok: false,
        reason: "not_found",
      });
      expect(await markTaskDone(db.prisma, "missing", {}, ctx("leader"))).toEqual({
        ok: false,
        reason: "not_found",
      });
      expect((await task(c.tasks.tpLead)).status).toBe("todo");
      expect(await audits(c.tasks.tpLead)).toHaveLength(0);
    });

    it("lets a cooperating department and a leader update", async () => {
      expect((await markTaskDone(db.prisma, c.tasks.dcWithTp, {}, ctx("tp2"))).ok).toBe(true);
      expect((await markTaskDone(db.prisma, c.tasks.dcOnly, {}, ctx("leader"))).ok).toBe(true);
    });

    it("refuses a cancelled task", async () => {
      await db.prisma.task.update({ where: { id: c.tasks.tpLead }, data: { status: "cancelled" } });
      expect(await markTaskDone(db.prisma, c.tasks.tpLead, {}, ctx("tp1"))).toEqual({
        ok: false,
        reason: "cancelled",
      });
    });

    it("rolls the change back when the audit row cannot be written", async () => {
      await expect(markTaskDone(failingAudit(), c.tasks.tpLead, {}, ctx("tp1"))).rejects.toThrow(
        /audit store down/,
      );
      expect(await task(c.tasks.tpLead)).toMatchObject({ status: "todo", progress: 0, completedAt: null });
      expect(await audits(c.tasks.tpLead)).toHaveLength(0);
    });
  });

  describe("setTaskProgress", () => {
    it("sets the progress and the status it implies", async () => {
      const r = await setTaskProgress(
        db.prisma,
        c.tasks.tpLead,
        { percent: 60, note: "Xong 3/5 bảng" },
        ctx("tp1"),
      );
      expect(r).toMatchObject({ ok: true, changed: true, task: { status: "in_progress", progress: 60 } });
      const rows = await audits(c.tasks.tpLead);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: "progress", note: "Xong 3/5 bảng" });
      expect(json(rows[0]!.before)).toEqual({ status: "todo", progress: 0, completedAt: null });
      expect(json(rows[0]!.after)).toEqual({ status: "in_progress", progress: 60, completedAt: null });
    });

    it("100 means done, with completedAt", async () => {
      const later = vn("2026-06-20", 15);
      const r = await setTaskProgress(db.prisma, c.tasks.tpLead, { percent: 100 }, ctx("tp1", later));
      expect(r).toMatchObject({ ok: true, task: { status: "done", progress: 100, completedAt: later } });
      expect(await markTaskDone(db.prisma, c.tasks.tpLead, {}, ctx("tp1"))).toEqual({
        ok: false,
        reason: "already_done",
      });
    });

    it("less than 100 reopens a done task; 0 is todo", async () => {
      const r = await setTaskProgress(
        db.prisma,
        c.tasks.tpDone,
        { percent: 80, note: "Thiếu quyết định" },
        ctx("tp1"),
      );
      expect(r).toMatchObject({ ok: true, task: { status: "in_progress", progress: 80, completedAt: null } });
      const [row] = await audits(c.tasks.tpDone);
      expect(json(row!.before)).toEqual({
        status: "done",
        progress: 100,
        completedAt: vn("2026-03-20").toISOString(),
      });
      const zero = await setTaskProgress(db.prisma, c.tasks.tpDone, { percent: 0 }, ctx("tp1"));
      expect(zero).toMatchObject({ ok: true, task: { status: "todo", progress: 0 } });
    });

    it("setting the same figure again without a note changes nothing", async () => {
      await setTaskProgress(db.prisma, c.tasks.tpLead, { percent: 30 }, ctx("tp1"));
      const again = await setTaskProgress(db.prisma, c.tasks.tpLead, { percent: 30 }, ctx("tp1"));
      expect(again).toMatchObject({ ok: true, changed: false });
      expect(await audits(c.tasks.tpLead)).toHaveLength(1);
      // With a note it is recorded.
      await setTaskProgress(db.prisma, c.tasks.tpLead, { percent: 30, note: "Vẫn chờ" }, ctx("tp1"));
      expect(await audits(c.tasks.tpLead)).toHaveLength(2);
    });

    it("refuses figures outside 0–100 and officials outside the task", async () => {
      for (const percent of [-1, 101, 12.5, Number.NaN]) {
        expect(await setTaskProgress(db.prisma, c.tasks.tpLead, { percent }, ctx("tp1"))).toEqual({
          ok: false,
          reason: "invalid_percent",
        });
      }
      expect(await setTaskProgress(db.prisma, c.tasks.dcOnly, { percent: 50 }, ctx("tp1"))).toEqual({
        ok: false,
        reason: "forbidden",
      });
      expect(await audits(c.tasks.tpLead)).toHaveLength(0);
      expect(await audits(c.tasks.dcOnly)).toHaveLength(0);
    });

    it("rolls the change back when the audit row cannot be written", async () => {
      await expect(
        setTaskProgress(failingAudit(), c.tasks.tpLead, { percent: 100 }, ctx("tp1")),
      ).rejects.toThrow(/audit store down/);
      expect(await task(c.tasks.tpLead)).toMatchObject({ status: "todo", progress: 0, completedAt: null });
    });
  });

  describe("attachEvidence", () => {
    it("stores evidence once per Zalo message", async () => {
      const evidence = {
        kind: "image" as const,
        url: "https://zalo.example/photo.jpg",
        name: "bang-niem-yet.jpg",
        sizeBytes: 204_800,
        sourceMsgId: "msg-42",
        note: "Ảnh bảng niêm yết",
      };
      const first = await attachEvidence(db.prisma, c.tasks.tpLead, evidence, ctx("tp1"));
      expect(first).toMatchObject({
        ok: true,
        duplicate: false,
        evidence: { kind: "image", sourceMsgId: "msg-42" },
      });
      const again = await attachEvidence(db.prisma, c.tasks.tpLead, evidence, ctx("tp1"));
      expect(again).toMatchObject({ ok: true, duplicate: true });
      if (!first.ok || !again.ok) throw new Error("unreachable");
      expect(again.evidence.id).toBe(first.evidence.id);
      expect(await db.prisma.evidence.count({ where: { taskId: c.tasks.tpLead } })).toBe(1);
      const rows = await audits(c.tasks.tpLead);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: "evidence_added", note: "Ảnh bảng niêm yết" });
      expect(json(rows[0]!.after)).toEqual({
        evidenceId: first.evidence.id,
        kind: "image",
        name: "bang-niem-yet.jpg",
        url: "https://zalo.example/photo.jpg",
        sizeBytes: 204_800,
      });
      // Without a message id, each call stores a new row.
      await attachEvidence(db.prisma, c.tasks.tpLead, { kind: "link", url: "https://a.example" }, ctx("tp1"));
      await attachEvidence(db.prisma, c.tasks.tpLead, { kind: "link", url: "https://a.example" }, ctx("tp1"));
      expect(await db.prisma.evidence.count({ where: { taskId: c.tasks.tpLead } })).toBe(3);
    });

    it("accepts evidence for a done task, refuses bad input and outsiders", async () => {
      expect(
        (await attachEvidence(db.prisma, c.tasks.tpDone, { kind: "text", note: "Biên bản" }, ctx("tp1"))).ok,
      ).toBe(true);
      expect(
        await attachEvidence(db.prisma, c.tasks.tpLead, { kind: "video" as "image", url: "x" }, ctx("tp1")),
      ).toEqual({ ok: false, reason: "invalid_evidence" });
      expect(await attachEvidence(db.prisma, c.tasks.tpLead, { kind: "text" }, ctx("tp1"))).toEqual({
        ok: false,
        reason: "invalid_evidence",
      });
      expect(await attachEvidence(db.prisma, c.tasks.tpLead, { kind: "text", note: "x" }, ctx("dc"))).toEqual(
        {
          ok: false,
          reason: "forbidden",
        },
      );
    });
  });

  describe("extensions", () => {
    const ask = (
      key: OfficialKey,
      taskId: string,
      day: string,
      reason: string | null = "Chờ số liệu huyện",
    ) => requestExtension(db.prisma, taskId, { requestedDueAt: at17(day), reason }, ctx(key));

    it("allows one pending request per task", async () => {
      const first = await ask("tp1", c.tasks.tpLead, "2026-08-15");
      expect(first).toMatchObject({
        ok: true,
        request: { status: "pending", requestedDueAt: at17("2026-08-15"), requestedById: c.officials.tp1 },
      });
      expect(await ask("tp2", c.tasks.tpLead, "2026-08-20")).toEqual({ ok: false, reason: "pending_exists" });
      const rows = await audits(c.tasks.tpLead);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: "extension_requested", note: "Chờ số liệu huyện" });
      expect(json(rows[0]!.before)).toEqual({ dueAt: at17("2026-07-31").toISOString() });
    });

    it("refuses dates not later than the current due date or now, continuous, done and outside tasks", async () => {
      expect(await ask("tp1", c.tasks.tpLead, "2026-07-31")).toEqual({ ok: false, reason: "invalid_date" });
      expect(await ask("tp1", c.tasks.tpLead, "2026-07-01")).toEqual({ ok: false, reason: "invalid_date" });
      expect(await ask("tp1", c.tasks.tpContinuous, "2026-12-31")).toEqual({
        ok: false,
        reason: "no_deadline",
      });
      expect(await ask("tp1", c.tasks.tpDone, "2026-12-31")).toEqual({ ok: false, reason: "already_done" });
      expect(await ask("tp1", c.tasks.dcOnly, "2026-12-31")).toEqual({ ok: false, reason: "forbidden" });
      // Overdue task (due 30/6, now 15/7): a date before now is refused.
      const late = { ...ctx("dc"), now: vn("2026-07-15") };
      expect(
        await requestExtension(db.prisma, c.tasks.dcOnly, { requestedDueAt: at17("2026-07-10") }, late),
      ).toEqual({
        ok: false,
        reason: "invalid_date",
      });
      expect(await db.prisma.taskExtensionRequest.count({ where: { communeId: c.communeId } })).toBe(0);
    });

    it("approving moves the due date and the last deadline; deciding twice is refused", async () => {
      const asked = await ask("tp1", c.tasks.tpLead, "2026-08-15");
      if (!asked.ok) throw new Error(asked.reason);
      const id = asked.request.id;
      expect(await decideExtension(db.prisma, id, { decision: "approved" }, ctx("tp2"))).toEqual({
        ok: false,
        reason: "forbidden",
      });
      expect(await decideExtension(db.prisma, id, { decision: "approved" }, ctx("vp"))).toEqual({
        ok: false,
        reason: "forbidden",
      });

      const decidedAt = vn("2026-06-16", 8);
      const result = await decideExtension(
        db.prisma,
        id,
        { decision: "approved", note: "Đồng ý" },
        ctx("leader", decidedAt),
      );
      expect(result).toMatchObject({
        ok: true,
        request: { status: "approved", decidedById: c.officials.leader, decidedAt, decisionNote: "Đồng ý" },
        task: { dueAt: at17("2026-08-15") },
      });
      expect((await task(c.tasks.tpLead)).dueAt).toEqual(at17("2026-08-15"));
      const deadlines = await db.prisma.taskDeadline.findMany({ where: { taskId: c.tasks.tpLead } });
      expect(deadlines).toEqual([
        expect.objectContaining({
          dueAt: at17("2026-08-15"),
          label: "Hạn (gia hạn đến 15/08/2026)",
          metAt: null,
        }),
      ]);
      const rows = await audits(c.tasks.tpLead);
      expect(rows.map((r) => r.action)).toEqual(["extension_requested", "extension_approved"]);
      expect(rows[1]).toMatchObject({ actorOfficialId: c.officials.leader, note: "Đồng ý" });
      expect(json(rows[1]!.before)).toEqual({
        requestId: id,
        status: "pending",
        dueAt: at17("2026-07-31").toISOString(),
      });
      expect(json(rows[1]!.after)).toMatchObject({
        requestId: id,
        status: "approved",
        dueAt: at17("2026-08-15").toISOString(),
      });

      expect(await decideExtension(db.prisma, id, { decision: "rejected" }, ctx("leader"))).toEqual({
        ok: false,
        reason: "already_decided",
      });
      expect(await decideExtension(db.prisma, id, { decision: "approved" }, ctx("leader"))).toEqual({
        ok: false,
        reason: "already_decided",
      });
      expect((await task(c.tasks.tpLead)).dueAt).toEqual(at17("2026-08-15"));
      expect(await audits(c.tasks.tpLead)).toHaveLength(2);
      // A new request is possible once the earlier one is decided.
      expect((await ask("tp1", c.tasks.tpLead, "2026-09-15")).ok).toBe(true);
    });

    it("rejecting leaves the due date alone", async () => {
      const asked = await ask("dc", c.tasks.dcOnly, "2026-07-31");
      if (!asked.ok) throw new Error(asked.reason);
      const result = await decideExtension(
        db.prisma,
        asked.request.id,
        { decision: "rejected", note: "Không gia hạn" },
        ctx("leader"),
      );
      expect(result).toMatchObject({
        ok: true,
        request: { status: "rejected" },
        task: { dueAt: at17("2026-06-30") },
      });
      expect((await task(c.tasks.dcOnly)).dueAt).toEqual(at17("2026-06-30"));
      const deadlines = await db.prisma.taskDeadline.findMany({ where: { taskId: c.tasks.dcOnly } });
      expect(deadlines.map((d) => d.dueAt)).toEqual([at17("2026-06-30")]);
      expect((await audits(c.tasks.dcOnly)).map((r) => r.action)).toEqual([
        "extension_requested",
        "extension_rejected",
      ]);
    });

    it("approving adds a deadline when the last one is already met", async () => {
      await db.prisma.taskDeadline.updateMany({
        where: { taskId: c.tasks.dcOnly },
        data: { metAt: vn("2026-06-01") },
      });
      const asked = await ask("dc", c.tasks.dcOnly, "2026-07-31");
      if (!asked.ok) throw new Error(asked.reason);
      await decideExtension(db.prisma, asked.request.id, { decision: "approved" }, ctx("leader"));
      const deadlines = await db.prisma.taskDeadline.findMany({
        where: { taskId: c.tasks.dcOnly },
        orderBy: { dueAt: "asc" },
      });
      expect(deadlines.map((d) => [d.dueAt, d.label])).toEqual([
        [at17("2026-06-30"), "Hạn"],
        [at17("2026-07-31"), "Gia hạn đến 31/07/2026"],
      ]);
    });

    it("a leader of another commune cannot decide", async () => {
      const asked = await ask("tp1", c.tasks.tpLead, "2026-08-15");
      if (!asked.ok) throw new Error(asked.reason);
      const other = await createSmallCommune(db.prisma);
      const outsider: UpdateContext = { actor: other.actor("leader"), channel: "zalo", now: NOW };
      expect(await decideExtension(db.prisma, asked.request.id, { decision: "approved" }, outsider)).toEqual({
        ok: false,
        reason: "not_found",
      });
    });

    it("the requester may cancel a pending request; marking the task done cancels it too", async () => {
      const asked = await ask("tp1", c.tasks.tpLead, "2026-08-15");
      if (!asked.ok) throw new Error(asked.reason);
      expect(await cancelExtension(db.prisma, asked.request.id, {}, ctx("dc"))).toEqual({
        ok: false,
        reason: "forbidden",
      });
      expect(
        await cancelExtension(db.prisma, asked.request.id, { note: "Kịp hạn" }, ctx("tp1")),
      ).toMatchObject({
        ok: true,
        request: { status: "cancelled", decisionNote: "Kịp hạn" },
      });
      expect(
        await decideExtension(db.prisma, asked.request.id, { decision: "approved" }, ctx("leader")),
      ).toEqual({
        ok: false,
        reason: "already_decided",
      });

      const again = await ask("tp1", c.tasks.tpLead, "2026-08-20");
      if (!again.ok) throw new Error(again.reason);
      await markTaskDone(db.prisma, c.tasks.tpLead, {}, ctx("tp1"));
      const stored = await db.prisma.taskExtensionRequest.findUniqueOrThrow({
        where: { id: again.request.id },
      });
      expect(stored.status).toBe("cancelled");
      const done = (await audits(c.tasks.tpLead)).at(-1)!;
      expect(done.action).toBe("done");
      expect(json(done.after)).toMatchObject({ extensionCancelled: again.request.id });
    });

    it("rolls a decision back when the audit row cannot be written", async () => {
      const asked = await ask("tp1", c.tasks.tpLead, "2026-08-15");
      if (!asked.ok) throw new Error(asked.reason);
      await expect(
        decideExtension(failingAudit(), asked.request.id, { decision: "approved" }, ctx("leader")),
      ).rejects.toThrow(/audit store down/);
      expect((await task(c.tasks.tpLead)).dueAt).toEqual(at17("2026-07-31"));
      const stored = await db.prisma.taskExtensionRequest.findUniqueOrThrow({
        where: { id: asked.request.id },
      });
      expect(stored.status).toBe("pending");
      expect(await db.prisma.taskDeadline.findMany({ where: { taskId: c.tasks.tpLead } })).toEqual([
        expect.objectContaining({ dueAt: at17("2026-07-31") }),
      ]);
    });
  });

  it("every successful update writes exactly one audit row", async () => {
    const steps: [string, () => Promise<{ ok: boolean }>][] = [
      ["progress", () => setTaskProgress(db.prisma, c.tasks.dcWithTp, { percent: 20 }, ctx("tp1"))],
      [
        "evidence",
        () => attachEvidence(db.prisma, c.tasks.dcWithTp, { kind: "text", note: "a" }, ctx("tp1")),
      ],
      ["request", () => ask2()],
      ["done", () => markTaskDone(db.prisma, c.tasks.dcWithTp, {}, ctx("dc"))],
    ];
    const ask2 = () =>
      requestExtension(db.prisma, c.tasks.dcWithTp, { requestedDueAt: at17("2026-07-30") }, ctx("tp1"));
    let expected = 0;
    for (const [name, step] of steps) {
      expect((await step()).ok, name).toBe(true);
      expected++;
      expect(await audits(c.tasks.dcWithTp), name).toHaveLength(expected);
    }
  });
});
