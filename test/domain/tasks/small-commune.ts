import { randomUUID } from "node:crypto";
import type { Db } from "../../../src/db/client.js";
import { zonedInstant } from "../../../src/domain/calendar/working-days.js";
import type { Actor } from "../../../src/domain/officials/scope.js";

/** 17:00 Vietnam time of a day: how tasks and dossiers fall due. */
export const at17 = (day: string) => zonedInstant(day, 17, 0);
/** Any local wall-clock time of a day in Vietnam. */
export const vn = (day: string, hours = 9, minutes = 0) => zonedInstant(day, hours, minutes);

export type OfficialKey = "leader" | "tp1" | "tp2" | "dc" | "mc" | "vp";
export type TaskKey = "tpLead" | "dcWithTp" | "dcOnly" | "vpToTp2" | "tpContinuous" | "tpDone";

/**
 * A small commune built by hand, so that tests can state exact expectations:
 *
 * departments VP, TP (Tư pháp – Hộ tịch), DCXD, MC (one-stop desk);
 * officials: leader (no department), tp1 and tp2 (TP), dc (DCXD), mc (MC), vp (VP, admin);
 * tasks (codes in brackets):
 * - tpLead [NV1]       TP leads, assigned to tp1, due 2026-07-31
 * - dcWithTp [NV2]     DCXD leads, TP cooperates, due 2026-06-30
 * - dcOnly [NV3]       DCXD leads, assigned to dc, due 2026-06-30
 * - vpToTp2 [NV10]     VP leads, assigned to tp2, due 2026-09-30
 * - tpContinuous [NV4] TP leads, continuous (no due date)
 * - tpDone [NV5]       TP leads, done on 2026-03-20, due 2026-03-31
 */
export async function createSmallCommune(prisma: Db) {
  const tag = randomUUID().slice(0, 8);
  const commune = await prisma.commune.create({
    data: { slug: `test-${tag}`, name: `Xã Thử ${tag}`, kind: "xa" },
  });
  const communeId = commune.id;
  const dept = async (code: string, name: string, aliases: string[], isOneStop = false) =>
    (
      await prisma.department.create({
        data: { communeId, code, name, aliases: aliases.join("|"), isOneStop },
      })
    ).id;
  const departments = {
    VP: await dept("VP", "Văn phòng – Thống kê", ["Văn phòng", "VP UBND"]),
    TP: await dept("TP", "Tư pháp – Hộ tịch", ["Tư pháp"]),
    DCXD: await dept("DCXD", "Địa chính – Xây dựng", ["Địa chính"]),
    MC: await dept("MC", "Bộ phận tiếp nhận và trả kết quả", ["Một cửa", "Bộ phận một cửa"], true),
  };
  const person = async (
    name: string,
    role: "leader" | "officer" | "admin",
    departmentId: string | null,
    phone: string,
  ) =>
    (
      await prisma.official.create({
        data: {
          communeId,
          name,
          title: role === "leader" ? "Chủ tịch UBND xã" : "Công chức",
          role,
          departmentId,
          phone,
        },
      })
    ).id;
  const officials: Record<OfficialKey, string> = {
    leader: await person("Lê Văn Chủ", "leader", null, "0912000001"),
    tp1: await person("Nguyễn Thị Tư", "officer", departments.TP, "0912000002"),
    tp2: await person("Trần Văn Pháp", "officer", departments.TP, "0912000003"),
    dc: await person("Phạm Văn Địa", "officer", departments.DCXD, "0912 000 004"),
    mc: await person("Hoàng Thị Cửa", "officer", departments.MC, "+84912000005"),
    vp: await person("Vũ Văn Phòng", "admin", departments.VP, "0912000006"),
  };
  const task = async (
    code: string,
    title: string,
    fields: {
      lead: string | null;
      assignee?: string | null;
      cooperators?: string[];
      dueAt: Date | null;
      status?: string;
      progress?: number;
      completedAt?: Date | null;
      source?: string;
      product?: string;
    },
  ) => {
    const row = await prisma.task.create({
      data: {
        communeId,
        code,
        title,
        product: fields.product ?? null,
        leadDepartmentId: fields.lead,
        assigneeId: fields.assignee ?? null,
        dueAt: fields.dueAt,
        recurrence: fields.dueAt ? "none" : "continuous",
        status: fields.status ?? "todo",
        progress: fields.progress ?? 0,
        completedAt: fields.completedAt ?? null,
        source: fields.source ?? "plan",
        cooperators: { create: (fields.cooperators ?? []).map((departmentId) => ({ departmentId })) },
        deadlines: fields.dueAt ? { create: [{ dueAt: fields.dueAt, label: "Hạn" }] } : undefined,
      },
    });
    return row.id;
  };
  const tasks: Record<TaskKey, string> = {
    tpLead: await task("NV1", "Niêm yết công khai thủ tục hành chính tại bộ phận một cửa", {
      lead: departments.TP,
      assignee: officials.tp1,
      dueAt: at17("2026-07-31"),
      product: "Bảng niêm yết TTHC",
    }),
    dcWithTp: await task("NV2", "Rà soát hồ sơ đất đai tồn đọng", {
      lead: departments.DCXD,
      cooperators: [departments.TP],
      dueAt: at17("2026-06-30"),
    }),
    dcOnly: await task("NV3", "Cập nhật bản đồ địa chính", {
      lead: departments.DCXD,
      assignee: officials.dc,
      dueAt: at17("2026-06-30"),
    }),
    vpToTp2: await task("NV10", "Báo cáo công tác cải cách hành chính quý", {
      lead: departments.VP,
      assignee: officials.tp2,
      dueAt: at17("2026-09-30"),
    }),
    tpContinuous: await task("NV4", "Tuyên truyền pháp luật thường xuyên", {
      lead: departments.TP,
      dueAt: null,
    }),
    tpDone: await task("NV5", "Kiện toàn tổ hòa giải", {
      lead: departments.TP,
      assignee: officials.tp1,
      dueAt: at17("2026-03-31"),
      status: "done",
      progress: 100,
      completedAt: vn("2026-03-20"),
    }),
  };
  const actor = (key: OfficialKey): Actor => {
    const departmentOf: Record<OfficialKey, string | null> = {
      leader: null,
      tp1: departments.TP,
      tp2: departments.TP,
      dc: departments.DCXD,
      mc: departments.MC,
      vp: departments.VP,
    };
    return {
      officialId: officials[key],
      communeId,
      role: key === "leader" ? "leader" : key === "vp" ? "admin" : "officer",
      departmentId: departmentOf[key],
      oneStopDesk: key === "mc",
    };
  };
  return { communeId, departments, officials, tasks, actor };
}

export type SmallCommune = Awaited<ReturnType<typeof createSmallCommune>>;

/** A dossier of the commune with sensible defaults. */
export async function addDossier(
  prisma: Db,
  communeId: string,
  fields: {
    receiptCode: string;
    receivedAt: Date;
    dueAt: Date;
    status: string;
    returnedAt?: Date | null;
    channel?: string;
    handlerId?: string | null;
    departmentId?: string | null;
  },
) {
  const row = await prisma.dossier.create({
    data: {
      communeId,
      receiptCode: fields.receiptCode,
      procedureName: "Đăng ký khai sinh",
      applicantName: "Nguyễn Văn Dân",
      channel: fields.channel ?? "direct",
      receivedAt: fields.receivedAt,
      processingDays: 3,
      dueAt: fields.dueAt,
      returnedAt: fields.returnedAt ?? null,
      status: fields.status,
      handlerId: fields.handlerId ?? null,
      departmentId: fields.departmentId ?? null,
    },
  });
  return row.id;
}
