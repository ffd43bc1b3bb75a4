/**
 * A commune built by hand for the report figures, around Q2 2026 (now: Monday 15/6/2026
 * 10:00). Every number the report tests expect is counted by hand in the comments here.
 *
 * Procedures: P1 khai sinh (Hộ tịch, 8.000 đồng, online), P2 chứng thực (Chứng thực,
 * 2.000 đồng/trang, online), P3 xác nhận (Lao động, free, not online), P4 online but marked
 * not served by the commune.
 * Departments: VP, TP (Tư pháp – Hộ tịch), VHXH (Văn hóa – Xã hội), MC (one-stop desk).
 *
 * Dossiers (due at 17:00; returned at 16:00 unless said):
 *  D1  P1 online full, in 2/4, due 7/4, returned 6/4 (early); digitised, e-result, paid online
 *  D2  P1 direct, in 4/5, due 7/5, returned 7/5 16:00 (on the due day); digitised, e-result
 *  D3  P2 online partial, in 11/5, due 14/5, returned 18/5 (late); apology 19/5
 *  D4  P2 postal, in 30/3, due 2/4, returned 1/4 09:00 (carried over, early)
 *  D5  P3 direct, in 20/3, due 25/3, returned 24/3 (all in Q1)
 *  D6  P1 online full, in 10/6, due 12/6, processing (overdue); digitised
 *  D7  P3 direct, in 12/6, due 17/6, processing (not yet due)
 *  D8  P3 direct, in 25/3, due 30/3, supplement (carried over, overdue); apology 1/4
 *  D9  P1 direct, in 1/6, due 4/6, withdrawn 2/6
 *  D10 P2 direct, in 20/5, due 25/5, rejected 21/5
 *  D11 P3 online full, in 3/6, due 8/6, returned 8/6 18:00 (late on the due day); e-result
 *  D12 no procedure, no field, direct, in 5/6, due 10/6, completed 9/6 (early), no department
 *  D13 P1 direct, in 28/3, due 3/4, returned 3/4 10:00 (carried over, on the due day)
 *  D14 P2 postal, in 8/6, due 11/6, returned 10/6 (early)
 *
 * Tasks (plan unless said; due at 17:00):
 *  T1 VP due 29/5 done 28/5 · T2 VP due 15/5 done 20/5 · T3 VHXH due 5/6 in progress ·
 *  T4 VHXH due 5/6 cancelled · T5 VHXH due 30/6 todo · T6 VHXH "Thường xuyên", evidence 20/5 ·
 *  T7 VP "Thường xuyên", no evidence · T8 TP deadlines 31/3 (met 30/3), 30/4 (met 5/5),
 *  30/6, 30/9 · T9 TP due 31/7 done 1/6 ·
 *  district: T10 VP due 10/5 done 8/5 · T11 VP due 20/5 done 25/5 · T12 TP due 1/6 in
 *  progress · T13 VHXH due 31/3 done 31/3.
 *
 * PAKN: a complaint 10/5 answered 12/5, a suggestion 1/6 open, a complaint 20/3 (Q1);
 * a "helpful" rating 2/6 (not a PAKN).
 */
import { randomUUID } from "node:crypto";
import type { Db } from "../../../src/db/client.js";
import { zonedInstant } from "../../../src/domain/calendar/working-days.js";

export const vn = (day: string, hours = 9, minutes = 0) => zonedInstant(day, hours, minutes);
export const at17 = (day: string) => vn(day, 17);
export const NOW = vn("2026-06-15", 10);

export async function createReportCommune(prisma: Db) {
  const tag = randomUUID().slice(0, 8);
  const commune = await prisma.commune.create({
    data: { slug: `bao-cao-${tag}`, name: "Xã Báo Cáo", kind: "xa" },
  });
  const communeId = commune.id;
  const dept = async (code: string, name: string, isOneStop = false) =>
    (await prisma.department.create({ data: { communeId, code, name, isOneStop } })).id;
  const departments = {
    VP: await dept("VP", "Văn phòng – Thống kê"),
    TP: await dept("TP", "Tư pháp – Hộ tịch"),
    VHXH: await dept("VHXH", "Văn hóa – Xã hội"),
    MC: await dept("MC", "Bộ phận một cửa", true),
  };
  const leader = await prisma.official.create({
    data: { communeId, name: "Lê Lãnh Đạo", title: "Chủ tịch UBND xã", role: "leader" },
  });

  const procedure = async (code: string, name: string, field: string, fees: string, online: boolean) =>
    (
      await prisma.procedure.create({
        data: { code: `${code}-${tag}`, name, field, fees, onlineSubmissionListed: online, details: "{}" },
      })
    ).id;
  const P1 = await procedure("1.001193", "Đăng ký khai sinh", "Hộ tịch", "Lệ phí: 8.000 đồng", true);
  const P2 = await procedure("2.000815", "Chứng thực bản sao", "Chứng thực", "2.000 đồng/trang", true);
  const P3 = await procedure("1.000001", "Xác nhận hộ nghèo", "Lao động", "Không", false);
  const P4 = await procedure("1.000002", "Thủ tục không phục vụ", "Khác", "", true);
  await prisma.communeProcedure.create({ data: { communeId, procedureId: P4, served: false } });

  type D = {
    p: string | null;
    channel: "online" | "direct" | "postal";
    received: string;
    receivedHour?: number;
    due: string;
    status: string;
    returned?: Date;
    online?: "full" | "partial";
    digitised?: boolean;
    electronic?: boolean;
    paid?: boolean;
    apology?: string;
    department: string | null;
  };
  const names = new Map([
    [P1, "Đăng ký khai sinh"],
    [P2, "Chứng thực bản sao"],
    [P3, "Xác nhận hộ nghèo"],
  ]);
  const dossier = (n: number, d: D) =>
    prisma.dossier.create({
      data: {
        communeId,
        receiptCode: `H45-2606-${String(n).padStart(4, "0")}`,
        procedureId: d.p,
        procedureName: d.p ? names.get(d.p)! : "Thủ tục khác",
        applicantName: "Người Dân",
        channel: d.channel,
        receivedAt: vn(d.received, d.receivedHour ?? 8),
        processingDays: 3,
        dueAt: at17(d.due),
        returnedAt: d.returned ?? null,
        status: d.status,
        departmentId: d.department,
        onlineLevel: d.online ?? null,
        digitised: d.digitised ?? false,
        electronicResult: d.electronic ?? false,
        paidOnline: d.paid ?? false,
        apologyAt: d.apology ? vn(d.apology) : null,
      },
    });
  const { TP, VHXH } = departments;
  // prettier-ignore
  {
  await dossier(1, { p: P1, channel: "online", online: "full", received: "2026-04-02", due: "2026-04-07", status: "returned", returned: vn("2026-04-06", 16), digitised: true, electronic: true, paid: true, department: TP });
  await dossier(2, { p: P1, channel: "direct", received: "2026-05-04", due: "2026-05-07", status: "returned", returned: vn("2026-05-07", 16), digitised: true, electronic: true, department: TP });
  await dossier(3, { p: P2, channel: "online", online: "partial", received: "2026-05-11", due: "2026-05-14", status: "returned", returned: vn("2026-05-18", 16), apology: "2026-05-19", department: TP });
  await dossier(4, { p: P2, channel: "postal", received: "2026-03-30", due: "2026-04-02", status: "returned", returned: vn("2026-04-01", 9), department: TP });
  await dossier(5, { p: P3, channel: "direct", received: "2026-03-20", due: "2026-03-25", status: "returned", returned: vn("2026-03-24", 16), department: VHXH });
  await dossier(6, { p: P1, channel: "online", online: "full", received: "2026-06-10", due: "2026-06-12", status: "processing", digitised: true, department: TP });
  await dossier(7, { p: P3, channel: "direct", received: "2026-06-12", due: "2026-06-17", status: "processing", department: VHXH });
  await dossier(8, { p: P3, channel: "direct", received: "2026-03-25", due: "2026-03-30", status: "supplement", apology: "2026-04-01", department: VHXH });
  await dossier(9, { p: P1, channel: "direct", received: "2026-06-01", due: "2026-06-04", status: "withdrawn", returned: vn("2026-06-02", 16), department: TP });
  await dossier(10, { p: P2, channel: "direct", received: "2026-05-20", due: "2026-05-25", status: "rejected", returned: vn("2026-05-21", 16), department: TP });
  await dossier(11, { p: P3, channel: "online", online: "full", received: "2026-06-03", due: "2026-06-08", status: "returned", returned: vn("2026-06-08", 18), electronic: true, department: VHXH });
  await dossier(12, { p: null, channel: "direct", received: "2026-06-05", due: "2026-06-10", status: "completed", returned: vn("2026-06-09", 16), department: null });
  await dossier(13, { p: P1, channel: "direct", received: "2026-03-28", due: "2026-04-03", status: "returned", returned: vn("2026-04-03", 10), department: TP });
  await dossier(14, { p: P2, channel: "postal", received: "2026-06-08", due: "2026-06-11", status: "returned", returned: vn("2026-06-10", 16), department: TP });
  }

  const task = async (
    code: string,
    f: {
      lead: string;
      due?: string;
      status?: string;
      done?: string;
      source?: "plan" | "district";
      continuous?: boolean;
      deadlines?: { day: string; met?: string }[];
      evidence?: string;
    },
  ) => {
    const t = await prisma.task.create({
      data: {
        communeId,
        code,
        title: `Nhiệm vụ ${code}`,
        leadDepartmentId: f.lead,
        dueAt: f.due ? at17(f.due) : null,
        status: f.status ?? (f.done ? "done" : "in_progress"),
        progress: f.done ? 100 : 30,
        completedAt: f.done ? vn(f.done, 15) : null,
        source: f.source ?? "plan",
        recurrence: f.continuous ? "continuous" : f.deadlines ? "multiple" : "none",
        deadlineText: f.continuous ? "Thường xuyên" : null,
      },
    });
    for (const d of f.deadlines ?? [])
      await prisma.taskDeadline.create({
        data: { taskId: t.id, dueAt: at17(d.day), label: d.day, metAt: d.met ? vn(d.met, 15) : null },
      });
    if (f.evidence)
      await prisma.evidence.create({
        data: { taskId: t.id, kind: "link", url: "https://x.vn/a", createdAt: vn(f.evidence) },
      });
    return t.id;
  };
  const { VP } = departments;
  await task("T1", { lead: VP, due: "2026-05-29", done: "2026-05-28" });
  await task("T2", { lead: VP, due: "2026-05-15", done: "2026-05-20" });
  await task("T3", { lead: VHXH, due: "2026-06-05" });
  await task("T4", { lead: VHXH, due: "2026-06-05", status: "cancelled" });
  await task("T5", { lead: VHXH, due: "2026-06-30", status: "todo" });
  await task("T6", { lead: VHXH, continuous: true, evidence: "2026-05-20" });
  await task("T7", { lead: VP, continuous: true });
  await task("T8", {
    lead: TP,
    due: "2026-09-30",
    deadlines: [
      { day: "2026-03-31", met: "2026-03-30" },
      { day: "2026-04-30", met: "2026-05-05" },
      { day: "2026-06-30" },
      { day: "2026-09-30" },
    ],
  });
  await task("T9", { lead: TP, due: "2026-07-31", done: "2026-06-01" });
  await task("T10", { lead: VP, due: "2026-05-10", done: "2026-05-08", source: "district" });
  await task("T11", { lead: VP, due: "2026-05-20", done: "2026-05-25", source: "district" });
  await task("T12", { lead: TP, due: "2026-06-01", source: "district" });
  await task("T13", { lead: VHXH, due: "2026-03-31", done: "2026-03-31", source: "district" });

  const feedback = (kind: string, created: string, answered?: string) =>
    prisma.feedback.create({
      data: {
        communeId,
        kind,
        content: "…",
        status: answered ? "answered" : "open",
        answeredAt: answered ? vn(answered) : null,
        createdAt: vn(created),
      },
    });
  await feedback("complaint", "2026-05-10", "2026-05-12");
  await feedback("suggestion", "2026-06-01");
  await feedback("complaint", "2026-03-20");
  await feedback("helpful", "2026-06-02");

  return { communeId, departments, leaderId: leader.id };
}
