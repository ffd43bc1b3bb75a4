import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createLinkCode } from "../../src/domain/officials/link-codes.js";
import { TEST_KEYS, zaloEvents } from "../support/zalo-events.js";
import { type Outgoing, ZaloHarness } from "../support/zalo-harness.js";

/** Behaviours found wanting in review, each through the real webhook and bot. */
describe("edge cases of the chat", () => {
  let zalo: ZaloHarness;
  const DESK = "zalo-desk-2";
  const OFFICER = "zalo-officer-2";
  const prisma = () => zalo.service.db.prisma;
  const button = (m: Outgoing, title: string) => m.buttons.find((b) => b.title === title)!;

  beforeAll(async () => {
    zalo = await ZaloHarness.start({ seedDemo: true });
    const desk = await prisma().official.findFirstOrThrow({ where: { department: { isOneStop: true } } });
    await zalo.say(DESK, `đăng ký ${(await createLinkCode(prisma(), desk.id, { now: new Date() })).code}`);
    const officer = await prisma().official.findFirstOrThrow({
      where: { role: "officer", department: { code: "VP" } },
    });
    await zalo.say(
      OFFICER,
      `đăng ký ${(await createLinkCode(prisma(), officer.id, { now: new Date() })).code}`,
    );
  }, 60_000);
  afterAll(() => zalo.stop());

  it("greets a user who taps 'Nhắn tin' on the OA page", async () => {
    const before = zalo.sent.length;
    await zalo.post({
      app_id: TEST_KEYS.appId,
      event_name: "user_click_chatnow",
      timestamp: String(Date.now()),
      oa_id: TEST_KEYS.oaId,
      user_id: "zalo-new-1",
    });
    expect((await zalo.nextTo("zalo-new-1", before)).text).toMatch(/em chào anh\/chị/);
  });

  it("files 'kiến nghị …' as a suggestion", async () => {
    const reply = await zalo.say("zalo-citizen-9", "kiến nghị xã sửa lại đường liên thôn 2 đang xuống cấp");
    const code = /Mã theo dõi: (\S+)\./.exec(reply.text)?.[1];
    expect(code).toMatch(/^KN-/);
  });

  it("does not relay a command typed while answering a citizen, and lets the official cancel", async () => {
    const declined = await zalo.say("zalo-citizen-9", "xin hỏi làm bằng lái xe máy ở đâu");
    const before = zalo.sent.length;
    await zalo.press("zalo-citizen-9", button(declined, "Hỏi cán bộ"));
    const ask = await zalo.nextTo(DESK, before);
    await zalo.press(DESK, button(ask, "Trả lời"));
    expect((await zalo.say(DESK, "việc của tôi")).text).toMatch(/đang trả lời câu hỏi của người dân/);
    expect((await zalo.say(DESK, "hủy")).text).toMatch(/Đã thôi trả lời/);
    expect(zalo.sent.some((m) => m.to === "zalo-citizen-9" && m.text.includes("việc của tôi"))).toBe(false);
  });

  it("hands the desk the citizen's own words after 'Chưa đúng'", async () => {
    const answer = await zalo.say("zalo-citizen-8", "thu tuc dang ky khai tu can gi");
    const sorry = await zalo.press("zalo-citizen-8", button(answer, "Chưa đúng"));
    const before = zalo.sent.length;
    await zalo.press("zalo-citizen-8", button(sorry, "Hỏi cán bộ"));
    expect((await zalo.nextTo(DESK, before)).text).toContain("thu tuc dang ky khai tu can gi");
  });

  it("does not store a sticker as evidence", async () => {
    const task = await prisma().task.findFirstOrThrow({
      where: { leadDepartment: { code: "VP" }, status: { not: "done" } },
    });
    await zalo.say(OFFICER, `minh chứng ${task.code}`);
    const sticker = { ...zaloEvents.image(OFFICER), event_name: "user_send_sticker" };
    (sticker.message.attachments[0] as { type: string }).type = "sticker";
    const before = zalo.sent.length;
    await zalo.post(sticker);
    await zalo.nextTo(OFFICER, before);
    expect(await prisma().evidence.count({ where: { taskId: task.id } })).toBe(0);
  });
});

describe("an extension asked before any leader linked", () => {
  it("is shown to a leader when they open the menu later, with the decision buttons", async () => {
    const zalo = await ZaloHarness.start({ seedDemo: true });
    try {
      const prisma = zalo.service.db.prisma;
      const officer = await prisma.official.findFirstOrThrow({
        where: { role: "officer", department: { code: "VP" } },
      });
      await zalo.say(
        "z-off",
        `đăng ký ${(await createLinkCode(prisma, officer.id, { now: new Date() })).code}`,
      );
      const task = await prisma.task.findFirstOrThrow({
        where: { leadDepartment: { code: "VP" }, status: { not: "done" }, dueAt: { gt: new Date() } },
        orderBy: { dueAt: "asc" },
      });
      const later = new Date(task.dueAt!.getTime() + 10 * 86_400_000);
      const [y, m, d] = later.toISOString().slice(0, 10).split("-");
      expect((await zalo.say("z-off", `gia hạn ${task.code} đến ${d}/${m}/${y}`)).text).toMatch(
        /chưa có lãnh đạo nào liên kết/,
      );

      const leader = await prisma.official.findFirstOrThrow({ where: { role: "leader" } });
      await zalo.say(
        "z-lead",
        `đăng ký ${(await createLinkCode(prisma, leader.id, { now: new Date() })).code}`,
      );
      const before = zalo.sent.length;
      await zalo.say("z-lead", "hướng dẫn");
      await new Promise((r) => setTimeout(r, 300));
      const reminder = zalo.sent
        .slice(before)
        .find((m) => m.text.startsWith("Đề nghị gia hạn đang chờ duyệt"));
      expect(reminder?.text).toContain(task.code);
      expect(reminder?.buttons.map((b) => b.title)).toEqual(["Đồng ý", "Từ chối"]);
    } finally {
      await zalo.stop();
    }
  }, 60_000);
});

describe("configuration", () => {
  it("does not seed the fictional demo commune in production unless asked", () => {
    const zaloEnv = {
      ZALO_APP_ID: "1",
      ZALO_APP_SECRET: "2",
      ZALO_OA_ID: "3",
      ZALO_OA_SECRET_KEY: "4",
      ZALO_REFRESH_TOKEN: "5",
      ADMIN_API_TOKEN: "x".repeat(20),
    };
    expect(loadConfig({ ...zaloEnv, NODE_ENV: "production" }).seedDemo).toBe(false);
    expect(loadConfig({ ...zaloEnv, NODE_ENV: "production", SEED_DEMO: "true" }).seedDemo).toBe(true);
  });
});
