import { randomUUID } from "node:crypto";
import type { Db } from "../../src/db/client.js";
import { zonedInstant } from "../../src/domain/calendar/working-days.js";
import { JobLeases } from "../../src/jobs/lease.js";
import { JobRunner } from "../../src/jobs/runner.js";
import { slotOf } from "../../src/jobs/slots.js";
import type { Job, JobSummary } from "../../src/jobs/job.js";
import { createLogger } from "../../src/logger.js";
import { Notifier, type OutboxQueue } from "../../src/messaging/notifier.js";
import { contentOf, OutboxStore } from "../../src/zalo/outbox.js";

/** Vietnam wall-clock time of a day. */
export const vn = (day: string, hours = 9, minutes = 0) => zonedInstant(day, hours, minutes);
/** 17:00 of a day: when tasks and dossiers fall due. */
export const at17 = (day: string) => vn(day, 17, 0);

/** A citizen's phone on every dossier: it must never appear in a group post. */
export const CITIZEN_PHONE = "0912345678";
export const CITIZEN_NAME = "Phan Thị Dân";

/**
 * A small commune built for the reminder jobs, around Monday 7 December 2026 (a working
 * day; Friday 1 January 2027 is a holiday):
 *
 * departments VP, TP, KT (accounts: nothing due) and MC (one-stop desk); groups: leaders,
 * the desk (MC), VP and TP;
 * officials, linked to Zalo and active yesterday unless said: leader; vp (VP); mc (MC);
 * kt (KT); tp (TP, never linked: TP's group gets their alerts); dc (no department, never
 * linked, no group: undeliverable);
 * tasks: NV1 VP/vp due Thu 10/12 (3 working days ahead); NV2 VP unassigned due Mon 7/12;
 * NV3 VP/vp due Fri 4/12 (overdue); NV4 VP continuous; NV5 TP with deadlines 30/9 (met),
 * 7/12 and 31/12; NV6 VP done, due 7/12; NV7 assigned to dc, due 7/12;
 * dossiers (handler mc unless said): D1 due Mon 7/12 17:00; D2 due Wed 2/12 (overdue);
 * D3 due Tue 1/12, returned late 3/12, no apology; D4 returned on time; D5 due Tue 8/12;
 * D6 due Thu 3/12, no handler (department MC).
 */
export async function createReminderCommune(prisma: Db) {
  const tag = randomUUID().slice(0, 8);
  const commune = await prisma.commune.create({
    data: { slug: `nhac-${tag}`, name: "Xã Thử Nghiệm", kind: "xa" },
  });
  const communeId = commune.id;
  const dept = async (code: string, name: string, isOneStop = false) =>
    (await prisma.department.create({ data: { communeId, code, name, isOneStop } })).id;
  const departments = {
    VP: await dept("VP", "Văn phòng – Thống kê"),
    TP: await dept("TP", "Tư pháp – Hộ tịch"),
    KT: await dept("KT", "Tài chính – Kế toán"),
    MC: await dept("MC", "Bộ phận một cửa", true),
  };
  const yesterday = vn("2026-12-06", 10);
  const person = async (
    key: string,
    name: string,
    role: "leader" | "officer",
    departmentId: string | null,
    linked: boolean,
  ) => {
    const official = await prisma.official.create({
      data: {
        communeId,
        name,
        title: role === "leader" ? "Chủ tịch UBND xã" : "Công chức",
        role,
        departmentId,
      },
    });
    if (linked) {
      await prisma.zaloUser.create({
        data: {
          communeId,
          zaloUserId: `zalo-${key}-${tag}`,
          officialId: official.id,
          linkedAt: yesterday,
          lastInteractionAt: yesterday,
        },
      });
    }
    return { id: official.id, name, zaloUserId: linked ? `zalo-${key}-${tag}` : null };
  };
  const officials = {
    leader: await person("leader", "Lê Lãnh Đạo", "leader", null, true),
    vp: await person("vp", "Võ Văn Phòng", "officer", departments.VP, true),
    mc: await person("mc", "Mai Một Cửa", "officer", departments.MC, true),
    kt: await person("kt", "Kim Kế Toán", "officer", departments.KT, true),
    tp: await person("tp", "Tạ Tư Pháp", "officer", departments.TP, false),
    dc: await person("dc", "Đỗ Chưa Liên Kết", "officer", null, false),
  };
  const groups = {
    leaders: `g-lanh-dao-${tag}`,
    desk: `g-mot-cua-${tag}`,
    vp: `g-van-phong-${tag}`,
    tp: `g-tu-phap-${tag}`,
  };
  await prisma.zaloGroup.createMany({
    data: [
      { communeId, groupId: groups.leaders, name: "Lãnh đạo", purpose: "leaders" },
      {
        communeId,
        groupId: groups.desk,
        name: "Một cửa",
        purpose: "one_stop_desk",
        departmentId: departments.MC,
      },
      {
        communeId,
        groupId: groups.vp,
        name: "Văn phòng",
        purpose: "department",
        departmentId: departments.VP,
      },
      { communeId, groupId: groups.tp, name: "Tư pháp", purpose: "department", departmentId: departments.TP },
    ],
  });

  const task = async (
    code: string,
    title: string,
    fields: { lead?: string; assignee?: string; due?: string; status?: string; recurrence?: string },
    deadlines: { day: string; met?: boolean }[] = fields.due ? [{ day: fields.due }] : [],
  ) => {
    const t = await prisma.task.create({
      data: {
        communeId,
        code,
        title,
        leadDepartmentId: fields.lead ?? null,
        assigneeId: fields.assignee ?? null,
        dueAt: fields.due ? at17(fields.due) : null,
        status: fields.status ?? "in_progress",
        progress: fields.status === "done" ? 100 : 30,
        completedAt: fields.status === "done" ? vn("2026-12-04") : null,
        recurrence: fields.recurrence ?? "none",
        deadlineText: fields.recurrence === "continuous" ? "Thường xuyên" : null,
      },
    });
    for (const d of deadlines) {
      await prisma.taskDeadline.create({
        data: { taskId: t.id, dueAt: at17(d.day), label: d.day, metAt: d.met ? vn(d.day) : null },
      });
    }
    return t.id;
  };
  const tasks = {
    NV1: await task("NV1", "Rà soát quy chế làm việc", {
      lead: departments.VP,
      assignee: officials.vp.id,
      due: "2026-12-10",
    }),
    NV2: await task("NV2", "Niêm yết thủ tục hành chính", { lead: departments.VP, due: "2026-12-07" }),
    NV3: await task("NV3", "Báo cáo số hóa hồ sơ", {
      lead: departments.VP,
      assignee: officials.vp.id,
      due: "2026-12-04",
    }),
    NV4: await task("NV4", "Tuyên truyền cải cách hành chính", {
      lead: departments.VP,
      recurrence: "continuous",
    }),
    NV5: await task(
      "NV5",
      "Kiểm tra công tác hộ tịch",
      { lead: departments.TP, due: "2026-12-31", recurrence: "multiple" },
      [{ day: "2026-09-30", met: true }, { day: "2026-12-07" }, { day: "2026-12-31" }],
    ),
    NV6: await task("NV6", "Đã làm xong", { lead: departments.VP, due: "2026-12-07", status: "done" }),
    NV7: await task("NV7", "Việc của người chưa liên kết", { assignee: officials.dc.id, due: "2026-12-07" }),
  };

  const dossier = async (
    code: string,
    fields: {
      due: string;
      received: string;
      returned?: string;
      handler?: string | null;
      department?: string;
    },
  ) =>
    (
      await prisma.dossier.create({
        data: {
          communeId,
          receiptCode: `000.00.21.H45-${code}`,
          procedureName: "Thủ tục đăng ký khai sinh",
          applicantName: CITIZEN_NAME,
          applicantPhone: CITIZEN_PHONE,
          channel: "direct",
          receivedAt: vn(fields.received),
          processingDays: 3,
          dueAt: at17(fields.due),
          returnedAt: fields.returned ? vn(fields.returned) : null,
          status: fields.returned ? "returned" : "processing",
          handlerId: fields.handler === undefined ? officials.mc.id : fields.handler,
          departmentId: fields.department ?? departments.MC,
        },
      })
    ).id;
  const dossiers = {
    D1: await dossier("261202-0001", { received: "2026-12-02", due: "2026-12-07" }),
    D2: await dossier("261127-0002", { received: "2026-11-27", due: "2026-12-02" }),
    D3: await dossier("261126-0003", { received: "2026-11-26", due: "2026-12-01", returned: "2026-12-03" }),
    D4: await dossier("261126-0004", { received: "2026-11-26", due: "2026-12-01", returned: "2026-11-30" }),
    D5: await dossier("261203-0005", { received: "2026-12-03", due: "2026-12-08" }),
    D6: await dossier("261130-0006", { received: "2026-11-30", due: "2026-12-03", handler: null }),
  };
  return { communeId, departments, officials, groups, tasks, dossiers };
}

export type ReminderCommune = Awaited<ReturnType<typeof createReminderCommune>>;

export interface Written {
  key: string;
  to: string;
  group: boolean;
  text: string;
  buttons: string[];
  notBefore: Date;
}

/** A runner on the test database with the default rules: quiet hours 21:00–07:00. */
export function testRunner(
  prisma: Db,
  options: {
    outbox?: OutboxQueue;
    leases?: JobLeases;
    quietHours?: { from: number; to: number } | null;
  } = {},
) {
  return new JobRunner({
    prisma,
    notifier: new Notifier(options.outbox ?? new OutboxStore(prisma)),
    leases: options.leases ?? new JobLeases(prisma),
    log: createLogger("silent"),
    rules: {
      timeZone: "Asia/Ho_Chi_Minh",
      quietHours: options.quietHours === undefined ? { from: 21 * 60, to: 7 * 60 } : options.quietHours,
    },
    settings: { digestTime: "07:30", daysBefore: 3, escalateAfterDays: 2 },
  });
}

/** Runs a job for one commune at a Vietnam wall-clock time, as the scheduler would at that slot. */
export function runAt(runner: JobRunner, job: Job, communeId: string, at: Date): Promise<JobSummary> {
  return runner.run(job, { slot: slotOf(at, "Asia/Ho_Chi_Minh"), now: at, communeId });
}

/** Everything written to the outbox for the commune, oldest first. */
export async function written(prisma: Db, communeId: string): Promise<Written[]> {
  const rows = await prisma.outboxMessage.findMany({
    where: { communeId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => {
    const content = contentOf(r);
    return {
      key: r.idempotencyKey,
      to: r.recipientId,
      group: r.recipientType === "group",
      text: content.kind === "image" ? "" : content.text,
      buttons: content.kind === "buttons" ? content.buttons.map((b) => b.title) : [],
      notBefore: r.nextAttemptAt,
    };
  });
}
