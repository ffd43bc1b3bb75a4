import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLinkCode } from "../../src/domain/officials/link-codes.js";
import { loadActor } from "../../src/domain/officials/scope.js";
import { dayKey } from "../../src/domain/calendar/working-days.js";
import { departmentRemaining } from "../../src/domain/reports/department-remaining.js";
import { parRisks } from "../../src/domain/reports/par-risk.js";
import { reportFigures } from "../../src/domain/reports/report-figures.js";
import {
  currentQuarterPeriod,
  firstMonthsPeriod,
  monthPeriod,
  quarterPeriod,
} from "../../src/domain/reports/report-period.js";
import { ZaloHarness } from "../support/zalo-harness.js";

const pct = (rate: number | null) =>
  rate === null ? "chưa có số liệu" : `${(rate * 100).toFixed(1).replace(".", ",")}%`;

/**
 * Leaders asking for the CCHC report in their own words, through the real webhook, inbox,
 * bot and outbox on the demo commune, each phrasing with and without diacritics: the reply
 * carries the figure the report computes, its period and what it counts.
 */
describe("leaders ask for the CCHC report in chat", () => {
  let zalo: ZaloHarness;
  const LEADER = "zalo-report-leader";
  const prisma = () => zalo.service.db.prisma;
  let communeId: string;
  let leaderId: string;

  beforeAll(async () => {
    zalo = await ZaloHarness.start({ seedDemo: true });
    const leader = await prisma().official.findFirstOrThrow({ where: { role: "leader" } });
    leaderId = leader.id;
    communeId = leader.communeId;
    const { code } = await createLinkCode(prisma(), leader.id, { now: new Date() });
    await zalo.say(LEADER, `dang ky ${code}`);
  }, 60_000);
  afterAll(() => zalo.stop());

  const actor = async () => (await loadActor(prisma(), leaderId))!;
  const year = () => Number(dayKey(new Date()).slice(0, 4));

  it.each(["báo cáo quý 1", "bao cao quy 1"])(
    "%s: the first quarter's dossiers, split as the form does",
    async (text) => {
      const reply = await zalo.say(LEADER, text);
      const f = await reportFigures(prisma(), await actor(), quarterPeriod(year(), 1).range, new Date());
      const d = f.dossiers;
      expect(reply.text).toContain(`Báo cáo CCHC quý I/${year()} (1/1–31/3/${year()}):`);
      expect(reply.text).toContain(
        `Đã giải quyết ${d.resolved}: trước hạn ${d.resolvedEarly}, đúng hạn ${d.resolvedOnTime}, trễ hạn ${d.resolvedLate}.`,
      );
      expect(reply.text).toContain(
        `Tỉ lệ đúng hạn ${pct(d.onTimeRate)} — (trước hạn + đúng hạn) ÷ đã giải quyết.`,
      );
    },
  );

  it.each(["báo cáo 6 tháng", "bao cao 6 thang"])("%s: the first six months", async (text) => {
    const reply = await zalo.say(LEADER, text);
    const f = await reportFigures(prisma(), await actor(), firstMonthsPeriod(year(), 6).range, new Date());
    expect(reply.text).toContain(`Báo cáo CCHC 6 tháng đầu năm ${year()} (1/1–30/6/${year()}):`);
    expect(reply.text).toContain(
      `Hồ sơ tiếp nhận mới ${f.dossiers.received} (trực tuyến ${f.dossiers.receivedOnline},`,
    );
    expect(reply.text).toContain(`Kế hoạch: xong ${f.planTasks.done}/${f.planTasks.total} hạn trong kỳ`);
  });

  it.each(["báo cáo", "bao cao"])("%s alone: this quarter so far", async (text) => {
    const reply = await zalo.say(LEADER, text);
    const period = currentQuarterPeriod(new Date());
    const f = await reportFigures(prisma(), await actor(), period.range, new Date());
    expect(f.dossiers.received).toBeGreaterThan(0); // the demo has dossiers this quarter
    expect(reply.text).toMatch(
      new RegExp(`^Báo cáo CCHC ${period.label} \\(1/\\d+–\\d+/\\d+/${year()}, đến nay\\):`),
    );
    expect(reply.text).toContain(`Hồ sơ tiếp nhận mới ${f.dossiers.received} `);
    expect(reply.text).toContain(
      `Đang giải quyết ${f.dossiers.inProgress}, trong đó quá hạn ${f.dossiers.overdue};`,
    );
    expect(reply.text).toContain(
      `Số hóa ${pct(f.dossiers.digitisationRate)} — hồ sơ số hóa ÷ tiếp nhận mới.`,
    );
  });

  it.each(["tỷ lệ hồ sơ trực tuyến tháng này", "ty le ho so truc tuyen thang nay"])(
    "%s: the online share of this month, not a list of dossiers",
    async (text) => {
      const reply = await zalo.say(LEADER, text);
      const today = dayKey(new Date());
      const month = monthPeriod(year(), Number(today.slice(5, 7)));
      const d = (await reportFigures(prisma(), await actor(), month.range, new Date())).dossiers;
      expect(reply.text).toContain(`Tỉ lệ hồ sơ trực tuyến ${month.label} (1/`);
      expect(reply.text).toContain(`: ${pct(d.onlineRate)} (${d.receivedOnline}/${d.received}).`);
      expect(reply.text).toContain("Cách tính: hồ sơ nộp trực tuyến ÷ hồ sơ tiếp nhận mới trong kỳ.");
      expect(reply.buttons).toEqual([]);
    },
  );

  it.each(["tỉ lệ số hóa", "ti le so hoa"])("%s: digitisation this quarter so far", async (text) => {
    const reply = await zalo.say(LEADER, text);
    const period = currentQuarterPeriod(new Date());
    const d = (await reportFigures(prisma(), await actor(), period.range, new Date())).dossiers;
    expect(reply.text).toContain(`Tỉ lệ số hóa thành phần hồ sơ ${period.label} (`);
    expect(reply.text).toContain(`: ${pct(d.digitisationRate)} (${d.digitised}/${d.received}).`);
    expect(reply.text).toContain("Cách tính: hồ sơ đã số hóa ÷ hồ sơ tiếp nhận mới trong kỳ.");
  });

  it.each(["bên văn hóa xã hội còn mấy việc", "ben van hoa xa hoi con may viec"])(
    "%s: the department's open tasks, counted",
    async (text) => {
      const reply = await zalo.say(LEADER, text);
      const vhxh = await prisma().department.findFirstOrThrow({
        where: { communeId, name: { contains: "Văn hóa" } },
      });
      const r = await departmentRemaining(prisma(), await actor(), vhxh.id, new Date());
      expect(r.open).toBeGreaterThan(0);
      expect(reply.text).toContain(`${vhxh.name} còn ${r.open} việc chưa xong (đến `);
      expect(reply.text).toContain(
        "Cách tính: nhiệm vụ kế hoạch và huyện giao do bộ phận chủ trì, chưa hoàn thành.",
      );
    },
  );

  it.each(["rủi ro chỉ số", "rui ro chi so"])("%s: the largest PAR-index risks first", async (text) => {
    const reply = await zalo.say(LEADER, text);
    const { risks } = await parRisks(prisma(), communeId, new Date());
    const top = risks[0]!;
    expect(top.pointsAtRisk).toBeGreaterThan(0);
    expect(reply.text).toContain(`Rủi ro mất điểm chỉ số CCHC năm ${year()} (số liệu từ 1/1 đến `);
    const firstLine = reply.text.split("\n")[1]!;
    expect(firstLine).toMatch(new RegExp(`^• ${top.code.replace(/\./g, "\\.")} `));
    expect(firstLine).toContain(`— ${top.department}`);
    expect(reply.text).toContain("Tổng điểm có nguy cơ mất:");
  });
});
