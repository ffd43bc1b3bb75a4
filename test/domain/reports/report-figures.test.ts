import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.js";
import { quickStats } from "../../../src/domain/reports/quick-stats.js";
import { reportFigures } from "../../../src/domain/reports/report-figures.js";
import {
  currentQuarterPeriod,
  customPeriod,
  firstMonthsPeriod,
  periodOfDays,
  quarterPeriod,
  yearPeriod,
} from "../../../src/domain/reports/report-period.js";
import { isFeeBearing } from "../../../src/domain/reports/fee-bearing.js";
import { createTestDatabase, providers } from "../../support/test-database.js";
import { createReportCommune, NOW, vn } from "./report-fixture.js";

describe("report periods", () => {
  it("names quarters, 6 and 9 months, the year and custom spans", () => {
    expect(quarterPeriod(2026, 2)).toMatchObject({
      label: "quý II/2026",
      days: { from: "2026-04-01", to: "2026-06-30" },
    });
    expect(firstMonthsPeriod(2026, 6).label).toBe("6 tháng đầu năm 2026");
    expect(firstMonthsPeriod(2026, 9).days).toEqual({ from: "2026-01-01", to: "2026-09-30" });
    expect(yearPeriod(2026).range).toEqual({ from: vn("2026-01-01", 0), to: vn("2027-01-01", 0) });
    expect(customPeriod({ from: "2026-04-15", to: "2026-05-20" }).label).toBe("15/4/2026–20/5/2026");
    expect(currentQuarterPeriod(NOW).label).toBe("quý II/2026");
    expect(periodOfDays({ from: "2026-01-01", to: "2026-06-30" }).kind).toBe("six-months");
  });

  it("tells fee-bearing procedures from free ones", () => {
    expect(isFeeBearing("Lệ phí: 8.000 đồng")).toBe(true);
    expect(isFeeBearing("2.000 đồng/trang")).toBe(true);
    expect(isFeeBearing("Trực tiếp: Không có thông tin")).toBe(false);
    expect(isFeeBearing("Miễn lệ phí")).toBe(false);
    expect(isFeeBearing(null)).toBe(false);
  });
});

describe.each(providers())("report figures on %s", (provider) => {
  let db: Database;
  let c: Awaited<ReturnType<typeof createReportCommune>>;

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    c = await createReportCommune(db.prisma);
  });
  afterAll(async () => {
    await db.close();
  });

  it("counts the dossiers of the quarter so far exactly as counted by hand", async () => {
    const f = await reportFigures(db.prisma, c.communeId, quarterPeriod(2026, 2).range, NOW);
    expect(f.asOf).toEqual(NOW);
    expect(f.dossiers).toEqual({
      // D1 D2 D3 D6 D7 D9 D10 D11 D12 D14
      received: 10,
      receivedOnline: 4, // D1 D3 D6 D11
      receivedDirect: 5, // D2 D7 D9 D10 D12
      receivedPostal: 1, // D14
      carriedOver: 3, // D4 D8 D13
      resolved: 8,
      resolvedEarly: 4, // D1 D4 D12 D14
      resolvedOnTime: 2, // D2 D13: on the due day, by 17:00
      resolvedLate: 2, // D3, D11 (18:00 on the due day)
      onTimeRate: 6 / 8,
      inProgress: 3, // D6 D7 D8
      overdue: 2, // D6 D8
      digitised: 3, // D1 D2 D6
      digitisationRate: 3 / 10,
      electronicResult: 3, // D1 D2 D11
      electronicResultRate: 3 / 8,
      feeDossiers: 7, // P1 and P2: D1 D2 D3 D6 D9 D10 D14
      paidOnline: 1, // D1
      paidOnlineRate: 1 / 7,
      feeProcedures: 2, // P1 P2
      proceduresPaidOnline: 1, // P1
      proceduresPaidOnlineRate: 1 / 2,
      fullyOnline: 3, // D1 D6 D11
      fullyOnlineRate: 3 / 4,
      onlineRate: 4 / 10,
      onlineServicesWithDossiers: 3, // P1 P2 P3
      lateNeedingApology: 4, // D3 D11 late; D6 D8 overdue
      apologised: 2, // D3 D8
      withoutApology: 2, // D6 D11
    });
    expect(f.onlineServicesOffered).toBe(2); // P1 P2 (P4 not served, P3 not online)
    expect(f.pakn).toEqual({ received: 2, answered: 1 });
  });

  it("splits the dossiers by field and by department", async () => {
    const f = await reportFigures(db.prisma, c.communeId, quarterPeriod(2026, 2).range, NOW);
    const byField = Object.fromEntries(
      f.dossiersByField.map((g) => [
        g.field,
        [
          g.dossiers.received,
          g.dossiers.carriedOver,
          g.dossiers.resolvedEarly,
          g.dossiers.resolvedOnTime,
          g.dossiers.resolvedLate,
          g.dossiers.inProgress,
          g.dossiers.overdue,
        ],
      ]),
    );
    expect(f.dossiersByField.map((g) => g.field)).toEqual(["Chứng thực", "Hộ tịch", "Khác", "Lao động"]);
    expect(byField).toEqual({
      "Chứng thực": [3, 1, 2, 0, 1, 0, 0], // D3 D10 D14 in; D4 carried; D4 D14 early; D3 late
      "Hộ tịch": [4, 1, 1, 2, 0, 1, 1], // D1 D2 D6 D9 in; D13 carried; D1 early; D2 D13 on time; D6
      Khác: [1, 0, 1, 0, 0, 0, 0], // D12
      "Lao động": [2, 1, 0, 0, 1, 2, 1], // D7 D11 in; D8 carried; D11 late; D7 D8 open, D8 overdue
    });
    const dept = Object.fromEntries(f.byDepartment.map((d) => [d.department, d]));
    expect(dept["Tư pháp – Hộ tịch"]!.dossiers.received).toBe(7);
    expect(dept["Văn hóa – Xã hội"]!.dossiers.received).toBe(2);
    expect(dept["Chưa giao bộ phận"]!.dossiers.resolvedEarly).toBe(1);
  });

  it("counts tasks by deadline, with Thường xuyên reports and intermediate deadlines", async () => {
    const f = await reportFigures(db.prisma, c.communeId, quarterPeriod(2026, 2).range, NOW);
    // T1 on time, T2 late, T3 overdue, T5 not yet due, T6 (evidence 20/5) on time, T7 not yet
    // due, T8's 30/4 (met 5/5: late) and 30/6 (not yet due). T4 cancelled, T9 due in Q3.
    // Reached by 15/6 10:00: T1 T2 T3 and T8's 30/4; met T1 T2 T8's.
    expect(f.planTasks).toEqual({
      total: 8,
      done: 4,
      doneOnTime: 2,
      doneLate: 2,
      notDone: 4,
      overdue: 1,
      due: 4,
      doneOfDue: 3,
      completion: 0.5,
    });
    // T10 on time, T11 late, T12 overdue.
    expect(f.districtTasks).toEqual({
      total: 3,
      done: 2,
      doneOnTime: 1,
      doneLate: 1,
      notDone: 1,
      overdue: 1,
      due: 3,
      doneOfDue: 2,
      completion: 2 / 3,
    });
    const dept = Object.fromEntries(f.byDepartment.map((d) => [d.department, d]));
    expect(dept["Văn phòng – Thống kê"]!.planTasks).toMatchObject({
      total: 3,
      done: 2,
      notDone: 1,
      overdue: 0,
    });
    expect(dept["Văn phòng – Thống kê"]!.districtTasks).toMatchObject({
      total: 2,
      doneOnTime: 1,
      doneLate: 1,
    });
    expect(dept["Văn hóa – Xã hội"]!.planTasks).toMatchObject({
      total: 3,
      done: 1,
      doneOnTime: 1,
      notDone: 2,
      overdue: 1,
    });
    expect(dept["Tư pháp – Hộ tịch"]!.planTasks).toMatchObject({
      total: 2,
      done: 1,
      doneLate: 1,
      notDone: 1,
    });
    expect(dept["Tư pháp – Hộ tịch"]!.districtTasks).toMatchObject({ total: 1, overdue: 1 });
  });

  it("counts six months with both quarters' deadlines of the same tasks", async () => {
    const f = await reportFigures(db.prisma, c.communeId, firstMonthsPeriod(2026, 6).range, NOW);
    // Q2's 8 plus Q1's: T6 and T7 reports at 31/3 (no evidence then: overdue), T8's 31/3 (on time).
    expect(f.planTasks).toEqual({
      total: 11,
      done: 5,
      doneOnTime: 3,
      doneLate: 2,
      notDone: 6,
      overdue: 3,
      // Reached: Q2's 4 and the three of 31/3; met: Q2's 3 and T8's 31/3.
      due: 7,
      doneOfDue: 4,
      completion: 5 / 11,
    });
    // T13 done on its day.
    expect(f.districtTasks).toMatchObject({ total: 4, done: 3, doneOnTime: 2, doneLate: 1, overdue: 1 });
    // Received in 6 months adds D4 D5 D8 D13; nothing was pending on 1/1.
    expect(f.dossiers).toMatchObject({
      received: 14,
      carriedOver: 0,
      resolved: 9,
      resolvedEarly: 5,
      resolvedOnTime: 2,
      resolvedLate: 2,
    });
    expect(f.pakn).toEqual({ received: 3, answered: 1 });
  });

  it("takes a past quarter as it stood at its end", async () => {
    const f = await reportFigures(db.prisma, c.communeId, quarterPeriod(2026, 1).range, NOW);
    expect(f.asOf).toEqual(vn("2026-04-01", 0));
    // Q1: D4 D5 D8 D13 received; D5 resolved early; D4 D8 D13 pending at the end, D8 overdue.
    expect(f.dossiers).toMatchObject({
      received: 4,
      resolved: 1,
      resolvedEarly: 1,
      inProgress: 3,
      overdue: 1,
    });
    // D8 was overdue at the end of Q1 and its apology came on 1/4: not yet then.
    expect(f.dossiers).toMatchObject({ lateNeedingApology: 1, apologised: 0, withoutApology: 1 });
  });

  it("is what the chat's quick figures show (one source of truth)", async () => {
    const range = quarterPeriod(2026, 2).range;
    const f = await reportFigures(db.prisma, c.communeId, range, NOW);
    const q = await quickStats(db.prisma, c.communeId, range, NOW);
    expect(q.dossiers).toEqual({
      received: f.dossiers.received,
      resolved: f.dossiers.resolved,
      onTimeOrEarly: 6,
      late: 2,
      open: 3,
      overdueOpen: 2,
      online: 4,
      onTimeRate: 0.75,
    });
    expect(q.tasks.bySource.plan).toEqual({ total: 8, done: 4, doneOnTime: 2, doneLate: 2, overdueOpen: 1 });
    expect(q.tasks.total).toBe(11);
  });

  it("gives a leader the whole commune", async () => {
    const actor = {
      officialId: c.leaderId,
      communeId: c.communeId,
      role: "leader" as const,
      departmentId: null,
    };
    const range = customPeriod({ from: "2026-04-01", to: "2026-06-30" }).range;
    const byLeader = await reportFigures(db.prisma, actor, range, NOW);
    const byCommune = await reportFigures(db.prisma, c.communeId, range, NOW);
    expect(byLeader.dossiers).toEqual(byCommune.dossiers);
    expect(byLeader.pakn).toEqual(byCommune.pakn);
  });
});
