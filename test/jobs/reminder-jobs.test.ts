import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { recordApology } from "../../src/domain/dossiers/apology.js";
import { loadActor } from "../../src/domain/officials/scope.js";
import { dossierAlertsJob } from "../../src/jobs/dossier-alerts.js";
import { morningDigestJob } from "../../src/jobs/morning-digest.js";
import { taskRemindersJob } from "../../src/jobs/task-reminders.js";
import { weeklyDigestJob } from "../../src/jobs/weekly-digest.js";
import {
  CITIZEN_NAME,
  CITIZEN_PHONE,
  createReminderCommune,
  type ReminderCommune,
  runAt,
  testRunner,
  vn,
  written,
} from "../support/reminder-commune.js";
import { createTestDatabase } from "../support/test-database.js";

/** What each reminder job says, to whom and when, on a commune built for it (see reminder-commune.ts). */
describe("reminder jobs", () => {
  let db: Database;
  let c: ReminderCommune;
  const prisma = () => db.prisma;
  const runner = () => testRunner(prisma());
  const to = async (zaloUserId: string | null) =>
    (await written(prisma(), c.communeId)).filter((m) => m.to === zaloUserId);

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    c = await createReminderCommune(prisma());
  });

  describe("morning digest", () => {
    it("gives each official their own overdue and near-due tasks and dossiers, once a day", async () => {
      expect(await runAt(runner(), morningDigestJob, c.communeId, vn("2026-12-07", 7, 15))).toMatchObject({
        sent: 0,
      });
      const summary = await runAt(runner(), morningDigestJob, c.communeId, vn("2026-12-07", 7, 30));
      const [vp] = await to(c.officials.vp.zaloUserId);
      expect(vp!.text).toMatch(/^Chào Võ Văn Phòng, việc hôm nay \(thứ Hai 7\/12\):/);
      expect(vp!.text).toMatch(
        /Nhiệm vụ quá hạn \(1\):\n• NV3 · Báo cáo số hóa hồ sơ — hạn thứ Sáu 4\/12, quá hạn 1 ngày làm việc/,
      );
      // NV1 is assigned to vp; NV2 is VP's and nobody's: both vp's; NV5 is TP's.
      expect(vp!.text).toMatch(/Nhiệm vụ sắp đến hạn \(2\):\n• NV2 [^\n]*\n• NV1 /);
      expect(vp!.text).not.toMatch(/NV5|NV4|NV6|Hồ sơ/);
      expect(vp!.buttons).toEqual(["Đã nhận"]);

      const [mc] = await to(c.officials.mc.zaloUserId);
      expect(mc!.text).toMatch(/Hồ sơ quá hạn \(2\):\n• H45-261127-0002 [^\n]*\n• H45-261130-0006 /);
      expect(mc!.text).toMatch(
        /Hồ sơ đến hạn hôm nay, ngày làm việc tới \(2\):\n• H45-261202-0001 [^\n]*\n• H45-261203-0005 /,
      );
      const [leader] = await to(c.officials.leader.zaloUserId);
      // NV3 is overdue (NV2 and NV7 are due at 17:00 today); D2 and D6 are, D1 is due today.
      expect(leader!.text).toMatch(/Toàn xã: 1 nhiệm vụ quá hạn, 2 hồ sơ quá hạn, 1 hồ sơ đến hạn hôm nay\./);
      // Nothing due in accounts: no message at all.
      expect(await to(c.officials.kt.zaloUserId)).toEqual([]);
      // Tạ Tư Pháp never linked Zalo: their digest went to Tư pháp's group, by name.
      const [tpGroup] = await to(c.groups.tp);
      expect(tpGroup!.text).toMatch(/^Gửi Tạ Tư Pháp:\nChào Tạ Tư Pháp, việc hôm nay/);
      // NV5's intermediate deadline (today), not its final one, is what the digest shows.
      expect(tpGroup!.text).toMatch(
        /Nhiệm vụ sắp đến hạn \(1\):\n• NV5 · Kiểm tra công tác hộ tịch — hạn thứ Hai 7\/12, hạn hôm nay/,
      );
      expect(summary).toMatchObject({ sent: 4, failed: 0 });

      // Later runs the same morning send nothing more; the next working day's does.
      await runAt(runner(), morningDigestJob, c.communeId, vn("2026-12-07", 8, 0));
      expect(await written(prisma(), c.communeId)).toHaveLength(4);
      await runAt(runner(), morningDigestJob, c.communeId, vn("2026-12-08", 7, 30));
      expect(await to(c.officials.vp.zaloUserId)).toHaveLength(2);
    });

    it("sends nothing on a weekend or a public holiday", async () => {
      await runAt(runner(), morningDigestJob, c.communeId, vn("2026-12-05", 7, 30));
      await runAt(runner(), morningDigestJob, c.communeId, vn("2027-01-01", 7, 30));
      expect(await written(prisma(), c.communeId)).toEqual([]);
    });

    it("honours each official's time, 'tắt nhắc' and 'chỉ nhắc việc quá hạn'", async () => {
      await prisma().official.update({ where: { id: c.officials.vp.id }, data: { digestTime: "06:30" } });
      await prisma().official.update({ where: { id: c.officials.mc.id }, data: { overdueOnly: true } });
      await prisma().official.update({ where: { id: c.officials.leader.id }, data: { remindersOn: false } });
      await runAt(runner(), morningDigestJob, c.communeId, vn("2026-12-07", 6, 30));
      const early = await written(prisma(), c.communeId);
      expect(early.map((m) => m.to)).toEqual([c.officials.vp.zaloUserId]);
      // Their own time is honoured even inside quiet hours (until 07:00): sent at once.
      expect(early[0]!.notBefore.getTime()).toBeLessThanOrEqual(Date.now());

      await runAt(runner(), morningDigestJob, c.communeId, vn("2026-12-07", 7, 30));
      const [mc] = await to(c.officials.mc.zaloUserId);
      expect(mc!.text).toMatch(/Hồ sơ quá hạn \(2\)/);
      expect(mc!.text).not.toMatch(/đến hạn hôm nay/);
      expect(await to(c.officials.leader.zaloUserId)).toEqual([]);
    });
  });

  describe("task deadline reminders", () => {
    it("reminds before, on and after each deadline, to the assignee or the lead department", async () => {
      await runAt(runner(), taskRemindersJob, c.communeId, vn("2026-12-07", 8));
      const messages = await written(prisma(), c.communeId);
      const about = (code: string) => messages.filter((m) => m.text.includes(`${code} · `));
      // NV1 is due in 3 working days, to vp who is assigned to it.
      expect(about("NV1")).toEqual([
        expect.objectContaining({
          to: c.officials.vp.zaloUserId,
          text: expect.stringMatching(
            /^Nhắc việc: NV1 · [^\n]*\nSắp đến hạn: thứ Năm 10\/12 \(còn 3 ngày làm việc\)\.$/,
          ),
        }),
      ]);
      expect(about("NV1")[0]!.buttons).toEqual(["Đã xong", "Xin gia hạn", "Đã nhận"]);
      // NV2 is due today and nobody is assigned: the lead department's officials.
      expect(about("NV2").map((m) => [m.to, m.text.split("\n")[0]])).toEqual([
        [c.officials.vp.zaloUserId, "Hôm nay là hạn của NV2 · Niêm yết thủ tục hành chính."],
      ]);
      // NV3 was due Friday: the first working day after.
      expect(about("NV3")[0]!.text).toMatch(/^NV3 · Báo cáo số hóa hồ sơ đã quá hạn \(thứ Sáu 4\/12\)\./);
      // NV5's intermediate deadline today, to TP: its officer is not linked, so TP's group.
      expect(about("NV5")).toEqual([
        expect.objectContaining({
          to: c.groups.tp,
          group: true,
          text: expect.stringMatching(/^Gửi Tạ Tư Pháp:\nHôm nay là hạn 2026-12-07 của NV5/),
        }),
      ]);
      // Done tasks and continuous tasks outside a report's window are not reminded.
      expect(about("NV6")).toEqual([]);
      expect(about("NV4")).toEqual([]);
    });

    it("reminds a continuous task's quarterly report, and a deadline after a holiday on the next working day", async () => {
      // Everyone linked keeps talking to the OA, so Zalo's 7-day window stays open.
      await prisma().zaloUser.updateMany({
        where: { communeId: c.communeId },
        data: { lastInteractionAt: vn("2026-12-27") },
      });
      await runAt(runner(), taskRemindersJob, c.communeId, vn("2026-12-28", 8));
      const before = await written(prisma(), c.communeId);
      expect(before.find((m) => m.text.includes("NV4 · "))?.text).toMatch(
        /Sắp đến kỳ báo cáo quý: thứ Năm 31\/12 \(còn 3 ngày làm việc\)/,
      );
      // 31/12 is Thursday and 1/1 is New Year's Day: "the day after" is Monday 4/1.
      await runAt(runner(), taskRemindersJob, c.communeId, vn("2027-01-01", 8));
      expect(await written(prisma(), c.communeId)).toHaveLength(before.length);
      await prisma().zaloUser.updateMany({
        where: { communeId: c.communeId },
        data: { lastInteractionAt: vn("2027-01-03") },
      });
      await runAt(runner(), taskRemindersJob, c.communeId, vn("2027-01-04", 8));
      const after = (await written(prisma(), c.communeId)).slice(before.length);
      expect(after.map((m) => m.text.split("\n")[0])).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^NV4 · .* đã quá kỳ báo cáo quý \(thứ Năm 31\/12\/2026\)\.$/),
          // NV5 is TP's, whose officer is not linked: TP's group.
          "Gửi Tạ Tư Pháp:",
        ]),
      );
    });

    it("counts who cannot be reached at all", async () => {
      const summary = await runAt(runner(), taskRemindersJob, c.communeId, vn("2026-12-07", 8));
      // NV7 is dc's: no Zalo link, no department group.
      expect(summary.undeliverable).toBe(1);
      const run = await prisma().jobRun.findFirstOrThrow({
        where: { job: "task-reminders", communeId: c.communeId },
      });
      expect(JSON.parse(run.detail!)).toMatchObject({ unreachable: [{ name: "Đỗ Chưa Liên Kết" }] });
    });
  });

  describe("dossier alerts", () => {
    it("announces a dossier once, as soon as it is overdue, to its handler and the desk's group", async () => {
      await runAt(runner(), dossierAlertsJob, c.communeId, vn("2026-12-07", 16, 59));
      const before = await written(prisma(), c.communeId);
      expect(before.some((m) => m.text.includes("261202-0001"))).toBe(false);
      await runAt(runner(), dossierAlertsJob, c.communeId, vn("2026-12-07", 17, 1));
      const after = (await written(prisma(), c.communeId)).slice(before.length);
      const handler = after.find(
        (m) => m.to === c.officials.mc.zaloUserId && m.text.startsWith("Hồ sơ vừa quá hạn"),
      );
      expect(handler!.text).toMatch(/^Hồ sơ vừa quá hạn \(1\):\n• H45-261202-0001 · /);
      expect(handler!.buttons).toEqual(["Đã xin lỗi 0001", "Đã nhận"]);
      const desk = after.find((m) => m.to === c.groups.desk);
      expect(desk!.text).toMatch(
        /^Hồ sơ vừa quá hạn \(1\):\n• H45-261202-0001 · Thủ tục đăng ký khai sinh — hạn 17:00 thứ Hai 7\/12, cán bộ Mai Một Cửa$/,
      );
      // Announced once: the next run says nothing more about it.
      await runAt(runner(), dossierAlertsJob, c.communeId, vn("2026-12-07", 17, 30));
      expect(
        (await written(prisma(), c.communeId)).filter(
          (m) => m.text.includes("261202-0001") && m.text.startsWith("Hồ sơ vừa"),
        ),
      ).toHaveLength(2);
    });

    it("escalates to the leaders once a dossier is overdue by N working days, counting working days only", async () => {
      // D2 was due Wed 2/12: one working day late on Thu 3/12, two on Fri 4/12.
      await runAt(runner(), dossierAlertsJob, c.communeId, vn("2026-12-03", 9));
      expect(await to(c.officials.leader.zaloUserId)).toEqual([]);
      await runAt(runner(), dossierAlertsJob, c.communeId, vn("2026-12-04", 9));
      const [first] = await to(c.officials.leader.zaloUserId);
      expect(first!.text).toMatch(
        /^Hồ sơ quá hạn kéo dài cần lãnh đạo chỉ đạo \(1\):\n• H45-261127-0002 .* quá hạn 2 ngày làm việc$/,
      );
      // D6 was due Thu 3/12: Fri is one, the weekend none, Mon 7/12 the second.
      await runAt(runner(), dossierAlertsJob, c.communeId, vn("2026-12-05", 9));
      expect(await to(c.officials.leader.zaloUserId)).toHaveLength(1);
      await runAt(runner(), dossierAlertsJob, c.communeId, vn("2026-12-07", 9));
      const escalations = await to(c.officials.leader.zaloUserId);
      expect(escalations).toHaveLength(2);
      expect(escalations[1]!.text).toMatch(/H45-261130-0006 .* quá hạn 2 ngày làm việc$/);
      expect(escalations[1]!.text).not.toMatch(/261127-0002/);
    });

    it("reminds the handler of a missing apology letter daily until one is recorded", async () => {
      const reminders = async () =>
        (await to(c.officials.mc.zaloUserId)).filter((m) =>
          m.text.startsWith("Hồ sơ trễ hạn chưa ghi nhận thư xin lỗi"),
        );
      await runAt(runner(), dossierAlertsJob, c.communeId, vn("2026-12-04", 9));
      await runAt(runner(), dossierAlertsJob, c.communeId, vn("2026-12-04", 9, 30));
      const day1 = await reminders();
      expect(day1).toHaveLength(1);
      // D3 was returned late; D2 and D6 became overdue at this run and were told so already.
      expect(day1[0]!.text).toMatch(/\(1\):\n• H45-261126-0003 · /);
      expect(day1[0]!.buttons).toEqual(["Đã xin lỗi 0003", "Đã nhận"]);

      await runAt(runner(), dossierAlertsJob, c.communeId, vn("2026-12-07", 9));
      const day2 = (await reminders()).slice(1);
      expect(day2).toHaveLength(1);
      expect(day2[0]!.text).toMatch(/261126-0003/);

      const actor = (await loadActor(prisma(), c.officials.mc.id))!;
      await recordApology(
        prisma(),
        { dossierId: c.dossiers.D3 },
        { actor, channel: "zalo", now: vn("2026-12-07", 10) },
      );
      await runAt(runner(), dossierAlertsJob, c.communeId, vn("2026-12-08", 9));
      const day3 = (await reminders()).slice(2);
      expect(day3.every((m) => !m.text.includes("261126-0003"))).toBe(true);
    });

    it("holds alerts in quiet hours until 07:00, but not an escalation", async () => {
      await runAt(runner(), dossierAlertsJob, c.communeId, vn("2026-12-07", 22, 0));
      const messages = await written(prisma(), c.communeId);
      const overdue = messages.find((m) => m.to === c.groups.desk)!;
      expect(overdue.notBefore).toEqual(vn("2026-12-08", 7, 0));
      const escalation = messages.find((m) => m.to === c.officials.leader.zaloUserId)!;
      expect(escalation.notBefore.getTime()).toBeLessThan(vn("2026-12-08", 7, 0).getTime());
    });

    it("still escalates to a leader who turned reminders off", async () => {
      await prisma().official.update({ where: { id: c.officials.leader.id }, data: { remindersOn: false } });
      await runAt(runner(), dossierAlertsJob, c.communeId, vn("2026-12-07", 9));
      expect((await to(c.officials.leader.zaloUserId)).map((m) => m.text.split("\n")[0])).toEqual([
        "Hồ sơ quá hạn kéo dài cần lãnh đạo chỉ đạo (2):",
      ]);
    });
  });

  describe("weekly digest", () => {
    it("gives the leadership group the week's picture, including what could not be delivered", async () => {
      await runAt(runner(), taskRemindersJob, c.communeId, vn("2026-12-07", 8));
      await prisma().outboxMessage.updateMany({
        where: { communeId: c.communeId, recipientId: c.officials.vp.zaloUserId! },
        data: { status: "unreachable" },
      });
      await runAt(runner(), weeklyDigestJob, c.communeId, vn("2026-12-07", 8));
      const [post] = await to(c.groups.leaders);
      expect(post!.text).toMatch(/^Tình hình CCHC Xã Thử Nghiệm, tuần bắt đầu thứ Hai 7\/12:/);
      // Counted by deadline as the report counts them. Reached by Monday 08:00: NV3 (4/12, not
      // done), NV4's "Thường xuyên" reports at 31/3, 30/6, 30/9 (no evidence) and NV5's 30/9
      // (met): 1/5. The year: NV1, NV2, NV3, NV4 ×4, NV5 ×3, NV6, NV7 = 12, met NV5's 30/9 and NV6.
      expect(post!.text).toContain(
        "Kế hoạch: 1/5 hạn đã đến đã hoàn thành (cả năm 2/12; mỗi hạn tính một lần, việc thường xuyên mỗi quý).",
      );
      expect(post!.text).toMatch(/Nhiệm vụ quá hạn: Văn phòng – Thống kê 1\./);
      expect(post!.text).toMatch(/Quá hạn lâu nhất:\n• HS H45-261127-0002 · .* — quá hạn 3 ngày làm việc/);
      expect(post!.text).toMatch(
        /Tin nhắc không gửi được 7 ngày qua: Võ Văn Phòng \(\d\), Đỗ Chưa Liên Kết \(1\)\./,
      );
      // The three largest PAR-index risks of 2026 so far: the plan's deadlines met 2 (NV5's
      // 30/9, NV6) of 6 met or passed (NV3, and NV4's "Thường xuyên" reports at 31/3, 30/6
      // and 30/9 without evidence) → 0,67 of 2 points; no dossier digitised (below the 70%
      // floor) or with an electronic result → 0 of 1 each.
      expect(post!.text).toContain(
        [
          'Rủi ro mất điểm chỉ số CCHC lớn nhất (năm 2026 đến nay; nhắn "rủi ro chỉ số" để xem đủ):',
          "• 1.1.3 Mức độ thực hiện kế hoạch CCHC: 33,3% (2/6), mục tiêu 100,0% → có thể mất 1,33/2 điểm — Các bộ phận liên quan",
          "• 3.11.1 Tỷ lệ số hóa thành phần hồ sơ TTHC: 0,0% (0/6), mục tiêu 80,0% → có thể mất 1/1 điểm — Văn phòng – Thống kê",
          "• 3.11.2 Tỷ lệ hồ sơ TTHC có kết quả giải quyết điện tử: 0,0% (0/2), mục tiêu 100,0% → có thể mất 1/1 điểm — Văn phòng – Thống kê",
        ].join("\n"),
      );
    });
  });

  it("never shows a citizen's name or phone in a group post", async () => {
    for (const [job, at] of [
      [morningDigestJob, vn("2026-12-07", 7, 30)],
      [taskRemindersJob, vn("2026-12-07", 8)],
      [dossierAlertsJob, vn("2026-12-07", 17, 30)],
      [weeklyDigestJob, vn("2026-12-07", 8)],
    ] as const) {
      await runAt(runner(), job, c.communeId, at);
    }
    const groupPosts = (await written(prisma(), c.communeId)).filter((m) => m.group);
    expect(groupPosts.length).toBeGreaterThanOrEqual(4);
    for (const post of groupPosts) {
      expect(post.text).not.toContain(CITIZEN_PHONE);
      expect(post.text).not.toContain(CITIZEN_NAME);
    }
  });
});
