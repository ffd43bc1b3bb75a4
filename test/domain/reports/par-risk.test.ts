import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.js";
import { dossierFigures } from "../../../src/domain/reports/dossier-figures.js";
import { assessParRisks, parRisks } from "../../../src/domain/reports/par-risk.js";
import { parCriteria, parTargetsSchema } from "../../../src/domain/reports/par-targets.js";
import type { ReportFigures } from "../../../src/domain/reports/report-figures.js";
import { taskFigures } from "../../../src/domain/reports/task-figures.js";
import { createTestDatabase, providers } from "../../support/test-database.js";
import { createReportCommune, NOW, vn } from "./report-fixture.js";

const range = { from: vn("2023-01-01", 0), to: vn("2024-01-01", 0) };

/** Figures with only the counts a test names. */
function figures(over: {
  dossiers?: Partial<ReportFigures["dossiers"]>;
  planTasks?: Partial<ReportFigures["planTasks"]>;
  districtTasks?: Partial<ReportFigures["districtTasks"]>;
  onlineServicesOffered?: number;
}): ReportFigures {
  return {
    communeId: "c",
    communeName: "Thị trấn",
    range,
    asOf: range.to,
    dossiers: { ...dossierFigures([], range, range.to), ...over.dossiers },
    dossiersByField: [],
    byDepartment: [],
    onlineServicesOffered: over.onlineServicesOffered ?? 0,
    pakn: { received: 0, answered: 0 },
    planTasks: { ...taskFigures([], range, range.to), ...over.planTasks },
    districtTasks: { ...taskFigures([], range, range.to), ...over.districtTasks },
  };
}

describe("PAR-index risk", () => {
  it("scores the seed town's 2023 figures as its deduction table did", () => {
    // The deduction table of ../shared/seeds/000: 28/31 tasks → 1.81 of 2; one district task
    // late → 1 of 2; digitisation 49% (< 70%) → 0; procedures paid online 23.33% → 0.23;
    // dossiers paid online 26.24% → 0.87; fully online 84.62% → 0.85; DVCTT 86.67% → 0.87;
    // online dossiers 51.54% → 0.52.
    const f = figures({
      planTasks: { done: 28, overdue: 3 },
      districtTasks: { doneLate: 1 },
      dossiers: {
        received: 10_000,
        digitised: 4_900,
        proceduresPaidOnline: 7,
        feeProcedures: 30,
        paidOnline: 2_624,
        feeDossiers: 10_000,
        receivedOnline: 5_154,
        fullyOnline: 4_361, // 84.62% of 5 154
        onlineServicesWithDossiers: 13,
      },
      onlineServicesOffered: 15,
    });
    const points = Object.fromEntries(assessParRisks(f, parCriteria()).map((r) => [r.code, r.points]));
    expect(points).toMatchObject({
      "1.1.3": 1.81,
      "1.5.1": 1,
      "3.11.1": 0,
      "3.12.1": 0.23,
      "3.12.2": 0.87,
      "3.13.1": 0.85,
      "3.13.2": 0.87,
      "3.13.3": 0.52,
    });
  });

  it("puts the largest risk first and leaves criteria without data at full points", () => {
    const risks = assessParRisks(figures({ districtTasks: { overdue: 3 } }), parCriteria());
    expect(risks[0]).toMatchObject({
      code: "1.5.1",
      value: 3,
      points: 0,
      pointsAtRisk: 2,
      belowTarget: true,
    });
    const digitisation = risks.find((r) => r.code === "3.11.1")!;
    expect(digitisation).toMatchObject({ value: null, points: 1, pointsAtRisk: 0, belowTarget: false });
  });

  it("takes a commune's own targets and rejects a malformed targets file", () => {
    const file = JSON.parse(readFileSync("assets/reports/par-targets.json", "utf8"));
    file.communes = { "xa-a": { "3.11.1": 0.9 } };
    const own = parCriteria("xa-a", parTargetsSchema.parse(file));
    expect(own.find((c) => c.code === "3.11.1")!.target).toBe(0.9);
    expect(parCriteria("xa-b", parTargetsSchema.parse(file)).find((c) => c.code === "3.11.1")!.target).toBe(
      0.8,
    );
    const duplicate = { ...file, criteria: [...file.criteria, file.criteria[0]] };
    expect(parTargetsSchema.safeParse(duplicate).success).toBe(false);
    const badRate = structuredClone(file);
    badRate.criteria[2].target = 80;
    expect(parTargetsSchema.safeParse(badRate).success).toBe(false);
  });
});

describe.each(providers())("PAR-index risk of the report fixture on %s", (provider) => {
  let db: Database;
  let communeId: string;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
    communeId = (await createReportCommune(db.prisma)).communeId;
  });
  afterAll(async () => {
    await db.close();
  });

  it("measures the year so far", async () => {
    const { year, risks } = await parRisks(db.prisma, communeId, NOW);
    expect(year).toBe(2026);
    const by = Object.fromEntries(risks.map((r) => [r.code, r]));
    // Deadlines met 6 (T1 T2 T6-Q2 T8×2 T9) of met-or-passed 9 (T3, T6-Q1, T7-Q1 overdue).
    expect(by["1.1.3"]).toMatchObject({ detail: "6/9", points: 1.33, pointsAtRisk: 0.67 });
    // T11 late, T12 overdue.
    expect(by["1.5.1"]).toMatchObject({ value: 2, points: 0, pointsAtRisk: 2 });
    expect(by["3.11.1"]).toMatchObject({
      detail: "3/14",
      points: 0,
      pointsAtRisk: 1,
      department: "Văn phòng – Thống kê",
    });
    expect(by["3.12.2"]).toMatchObject({ detail: "1/9", points: 0.37 });
    expect(by["3.13.3"]).toMatchObject({ detail: "4/14", pointsAtRisk: 0.71 });
    expect(by["XL"]).toMatchObject({ value: 2, detail: "2/4 hồ sơ trễ", points: 0.5 });
    expect(risks.slice(0, 3).map((r) => r.code)).toEqual(["1.5.1", "3.11.1", "3.13.3"]);
  });
});
