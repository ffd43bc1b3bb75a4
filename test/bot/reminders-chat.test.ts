import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ACKNOWLEDGE } from "../../src/jobs/alerts.js";
import { BotHarness } from "../support/bot-harness.js";

/**
 * An official setting their reminders in chat ("tắt nhắc", "nhắc lúc 6h30" …), in the
 * bot itself: each command changes their Official row, the reply says the new setting,
 * and the change is audited. Anyone not linked is a citizen and changes nothing.
 */
describe("an official setting their reminders in chat", () => {
  let chat: BotHarness;
  const OFFICER = "zalo-reminders-officer";
  const CITIZEN = "zalo-reminders-citizen";
  let officer: { id: string; name: string };

  const me = () => chat.as(OFFICER);
  const prefs = () =>
    chat.prisma.official.findUniqueOrThrow({
      where: { id: officer.id },
      select: { remindersOn: true, digestTime: true, overdueOnly: true },
    });
  const setPrefs = (data: { remindersOn?: boolean; digestTime?: string | null; overdueOnly?: boolean }) =>
    chat.prisma.official.update({ where: { id: officer.id }, data });
  const audits = () =>
    chat.prisma.auditLog.findMany({
      where: { entityType: "official", action: "reminder_preferences" },
      orderBy: { createdAt: "asc" },
    });

  beforeAll(async () => {
    chat = await BotHarness.start();
    const vp = await chat.prisma.department.findFirstOrThrow({ where: { code: "VP" } });
    officer = await chat.prisma.official.findFirstOrThrow({
      where: { departmentId: vp.id, role: "officer" },
      select: { id: true, name: true },
    });
    await chat.prisma.zaloUser.create({
      data: { communeId: chat.communeId, zaloUserId: OFFICER, officialId: officer.id, linkedAt: new Date() },
    });
  }, 60_000);
  afterAll(() => chat.stop());

  // Every test starts from the defaults: reminders on, the commune's time, everything.
  beforeEach(async () => {
    await setPrefs({ remindersOn: true, digestTime: null, overdueOnly: false });
  });

  it.each([
    "tắt nhắc",
    "tat nhac",
    "TẮT NHẮC",
    "Tắt nhắc việc",
    "tat nhac viec",
    "ngừng nhắc",
    "dừng nhắc nhé",
    "không cần nhắc nữa",
    "tắt thông báo nhắc việc",
    "em tắt nhắc nhé",
  ])('"%s" turns reminders off', async (text) => {
    await setPrefs({ digestTime: "06:30", overdueOnly: true });
    const reply = await me().send(text);
    expect(reply.text).toBe('Nhắc việc đang tắt. Nhắn "bật nhắc" để nhận lại.');
    // Only the switch changes: the chosen time and filter are kept for when they turn it back on.
    expect(await prefs()).toEqual({ remindersOn: false, digestTime: "06:30", overdueOnly: true });
  });

  it.each([
    "bật nhắc",
    "bat nhac",
    "Bật nhắc lại",
    "bat nhac lai",
    "mở lại nhắc việc",
    "bật nhắc việc giúp em",
  ])('"%s" turns reminders back on, at the default time', async (text) => {
    await setPrefs({ remindersOn: false });
    const reply = await me().send(text);
    expect(reply.text).toMatch(/^Nhắc việc đang bật: tin tổng hợp buổi sáng lúc 07:30\.\n/);
    expect(reply.text).not.toContain("chỉ việc quá hạn");
    expect(await prefs()).toEqual({ remindersOn: true, digestTime: null, overdueOnly: false });
  });

  it.each([
    "nhắc lúc 6h30",
    "nhac luc 6h30",
    "Nhắc lúc 6:30",
    "nhac toi luc 6g30",
    "Nhắc tôi lúc 6 giờ 30 sáng",
    "nhắc vào 6 giờ rưỡi",
    "nhac viec luc 6h30",
    "đổi giờ nhắc lúc 6h30",
  ])('"%s" sets the digest at 06:30', async (text) => {
    const reply = await me().send(text);
    expect(reply.text).toMatch(/^Nhắc việc đang bật: tin tổng hợp buổi sáng lúc 06:30\.\n/);
    expect(await prefs()).toEqual({ remindersOn: true, digestTime: "06:30", overdueOnly: false });
  });

  it("reads whole hours and the edges of the morning, and a chosen time turns reminders on", async () => {
    await setPrefs({ remindersOn: false });
    expect((await me().send("nhắc việc lúc 7h")).text).toContain("lúc 07:00.");
    expect(await prefs()).toEqual({ remindersOn: true, digestTime: "07:00", overdueOnly: false });
    await me().send("nhắc lúc 5h");
    expect((await prefs()).digestTime).toBe("05:00");
    await me().send("nhắc lúc 10h45");
    expect((await prefs()).digestTime).toBe("10:45");
  });

  it.each([
    "nhắc lúc 17h",
    "nhac luc 17h",
    "nhắc lúc 17 giờ",
    "nhắc lúc 4h",
    "nhắc lúc 11h",
    "nhắc lúc 6h75",
    // The digest job's last look is at 10:55.
    "nhắc lúc 10h56",
  ])('refuses "%s" with the morning range, changing nothing', async (text) => {
    await setPrefs({ digestTime: "06:30" });
    const auditsBefore = (await audits()).length;
    const reply = await me().send(text);
    expect(reply.text).toMatch(/khoảng 5 giờ đến 10 giờ 55/);
    expect(reply.text).toContain("nhắc lúc 6h30");
    expect(await prefs()).toEqual({ remindersOn: true, digestTime: "06:30", overdueOnly: false });
    expect((await audits()).length).toBe(auditsBefore);
  });

  it.each([
    "chỉ nhắc việc quá hạn",
    "chi nhac viec qua han",
    "chỉ nhắc quá hạn thôi",
    "Chỉ nhắc nhiệm vụ quá hạn",
  ])('"%s" keeps to overdue items', async (text) => {
    await setPrefs({ digestTime: "06:30" });
    const reply = await me().send(text);
    expect(reply.text).toMatch(/^Nhắc việc đang bật: tin tổng hợp buổi sáng lúc 06:30, chỉ việc quá hạn\.\n/);
    expect(await prefs()).toEqual({ remindersOn: true, digestTime: "06:30", overdueOnly: true });
  });

  it.each(["nhắc tất cả", "nhac tat ca", "nhắc hết", "nhắc tất cả nhé"])(
    '"%s" goes back to everything due',
    async (text) => {
      await setPrefs({ overdueOnly: true });
      const reply = await me().send(text);
      expect(reply.text).toMatch(/^Nhắc việc đang bật: tin tổng hợp buổi sáng lúc 07:30\.\n/);
      expect(await prefs()).toEqual({ remindersOn: true, digestTime: null, overdueOnly: false });
    },
  );

  it("asks to be reminded of overdue items only after turning reminders off: reminders are on again", async () => {
    await me().send("tắt nhắc");
    const reply = await me().send("chỉ nhắc việc quá hạn");
    expect(reply.text).toMatch(/^Nhắc việc đang bật: .*chỉ việc quá hạn\./);
    expect(await prefs()).toEqual({ remindersOn: true, digestTime: null, overdueOnly: true });

    await me().send("tắt nhắc");
    expect((await me().send("nhắc tất cả")).text).toMatch(/^Nhắc việc đang bật/);
    expect(await prefs()).toEqual({ remindersOn: true, digestTime: null, overdueOnly: false });
  });

  it.each(["cài đặt nhắc", "cai dat nhac", "xem cài đặt nhắc việc", "giờ nhắc"])(
    '"%s" shows the settings and changes nothing',
    async (text) => {
      await setPrefs({ digestTime: "06:45", overdueOnly: true });
      const auditsBefore = (await audits()).length;
      const reply = await me().send(text);
      expect(reply.text).toMatch(/^Nhắc việc đang bật: tin tổng hợp buổi sáng lúc 06:45, chỉ việc quá hạn\./);
      expect(await prefs()).toEqual({ remindersOn: true, digestTime: "06:45", overdueOnly: true });
      expect((await audits()).length).toBe(auditsBefore);

      await setPrefs({ remindersOn: false });
      expect((await me().send(text)).text).toBe('Nhắc việc đang tắt. Nhắn "bật nhắc" để nhận lại.');
    },
  );

  it("writes an audit row with who changed what, before and after", async () => {
    const before = (await audits()).length;
    await me().send("nhắc lúc 6h30");
    const rows = await audits();
    expect(rows.length).toBe(before + 1);
    const row = rows.at(-1)!;
    expect(row).toMatchObject({
      communeId: chat.communeId,
      actorOfficialId: officer.id,
      channel: "zalo",
      entityType: "official",
      entityId: officer.id,
      action: "reminder_preferences",
    });
    expect(JSON.parse(row.before!)).toEqual({ remindersOn: true, digestTime: null, overdueOnly: false });
    expect(JSON.parse(row.after!)).toEqual({ remindersOn: true, digestTime: "06:30", overdueOnly: false });
  });

  it.each(["hướng dẫn", "huong dan"])(
    '"%s" lists the reminder commands and the apology command',
    async (text) => {
      const help = (await me().send(text)).toSender[0]!.text;
      for (const command of [
        "tắt nhắc",
        "bật nhắc",
        "nhắc lúc 6h30",
        "chỉ nhắc việc quá hạn",
        "đã xin lỗi HS <mã>",
      ]) {
        expect(help).toContain(command);
      }
    },
  );

  it('answers the "Đã nhận" button under a reminder with a short acknowledgement', async () => {
    const auditsBefore = (await audits()).length;
    // The button the jobs put under each reminder, and its payload typed as is.
    expect((await me().press(ACKNOWLEDGE)).text).toBe("Dạ, em đã ghi nhận.");
    expect((await me().send("#ack")).text).toBe("Dạ, em đã ghi nhận.");
    expect(await prefs()).toEqual({ remindersOn: true, digestTime: null, overdueOnly: false });
    expect((await audits()).length).toBe(auditsBefore);
  });

  it('answers a citizen\'s "tắt nhắc" as a citizen, changing no official', async () => {
    const snapshot = () =>
      chat.prisma.official.findMany({
        select: { id: true, remindersOn: true, digestTime: true, overdueOnly: true },
        orderBy: { id: "asc" },
      });
    const officialsBefore = await snapshot();
    const auditsBefore = (await audits()).length;
    for (const text of ["tắt nhắc", "nhắc lúc 6h30", "chỉ nhắc việc quá hạn"]) {
      const reply = await chat.as(CITIZEN).send(text);
      expect(reply.text).not.toMatch(/Nhắc việc đang|tin tổng hợp/);
      // The citizens' answer: the catalogue has nothing, so the hotline and "Hỏi cán bộ".
      expect(reply.text).toContain("Hỏi cán bộ");
    }
    expect(await snapshot()).toEqual(officialsBefore);
    expect((await audits()).length).toBe(auditsBefore);
    expect(await chat.prisma.zaloUser.findFirst({ where: { zaloUserId: CITIZEN } })).toMatchObject({
      officialId: null,
    });
  });
});
