import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { typedAnswerOf } from "../../src/bot/conversation/typed-answers.js";
import { taskScopeWhere, loadActor } from "../../src/domain/officials/scope.js";
import { BotHarness } from "../support/bot-harness.js";

describe("typed answers", () => {
  it.each([
    ["ok", "yes"],
    ["OK em", "yes"],
    ["đồng ý", "yes"],
    ["dong y nhe", "yes"],
    ["có ạ", "yes"],
    ["Xác nhận", "yes"],
    ["xac nhan!", "yes"],
    ["hủy", "no"],
    ["huỷ", "no"],
    ["huy di", "no"],
    ["không", "no"],
    ["ko", "no"],
    ["thôi", "no"],
    ["thoi em", "no"],
  ])("%s → %s", (text, expected) => {
    expect(typedAnswerOf(text)).toBe(expected);
  });

  it.each(["ok xong NV12", "không biết", "có việc gì", "hủy liên kết", "em", ""])(
    "%s is not an answer",
    (text) => {
      expect(typedAnswerOf(text)).toBeNull();
    },
  );
});

/** Typed words act like the step's buttons, in the bot itself (no HTTP). */
describe("an official answering a step by typing", () => {
  let chat: BotHarness;
  const OFFICER = "zalo-typed-officer";
  let openTasks: { code: string }[];

  beforeAll(async () => {
    chat = await BotHarness.start();
    const vp = await chat.prisma.department.findFirstOrThrow({ where: { code: "VP" } });
    const officer = await chat.prisma.official.findFirstOrThrow({
      where: { departmentId: vp.id, role: "officer" },
    });
    await chat.prisma.zaloUser.create({
      data: { communeId: chat.communeId, zaloUserId: OFFICER, officialId: officer.id, linkedAt: new Date() },
    });
    const actor = (await loadActor(chat.prisma, officer.id))!;
    openTasks = await chat.prisma.task.findMany({
      where: { AND: [taskScopeWhere(actor), { status: { in: ["todo", "in_progress"] } }] },
      orderBy: { code: "asc" },
      select: { code: true },
      take: 4,
    });
    expect(openTasks.length).toBeGreaterThanOrEqual(4);
  }, 60_000);
  afterAll(() => chat.stop());

  const me = () => chat.as(OFFICER);
  const statusOf = async (code: string) =>
    (await chat.prisma.task.findFirstOrThrow({ where: { code, communeId: chat.communeId } })).status;

  it.each(["ok", "đồng ý", "có", "xác nhận", "dong y", "Xac nhan a"])(
    'confirms "xong" with a typed "%s"',
    async (typed) => {
      const task = openTasks[0]!;
      await chat.prisma.task.updateMany({
        where: { code: task.code },
        data: { status: "in_progress", completedAt: null },
      });
      const ask = await me().send(`xong ${task.code}`);
      expect(ask.text).toMatch(new RegExp(`Xác nhận ${task.code} .*đã hoàn thành\\?`));
      const done = await me().send(typed);
      expect(done.toSender[0]!.text).toMatch(new RegExp(`Đã ghi nhận ${task.code} hoàn thành`));
      expect(await statusOf(task.code)).toBe("done");
    },
  );

  it.each(["hủy", "không", "thôi", "huy", "khong a"])('cancels "xong" with a typed "%s"', async (typed) => {
    const task = openTasks[1]!;
    await me().send(`xong ${task.code}`);
    const reply = await me().send(typed);
    expect(reply.text).toBe("Đã hủy. Anh/chị cần gì thêm cứ nhắn em.");
    expect(await statusOf(task.code)).not.toBe("done");
    // The confirmation is gone: the old button is stale now.
    expect((await me().send("ok")).text).toMatch(/^Dạ, anh\/chị cần gì thêm/);
  });

  it("stops waiting for evidence when told to cancel", async () => {
    const task = openTasks[2]!;
    const ask = await me().send(`minh chứng ${task.code}`);
    expect(ask.text).toMatch(/gửi ảnh, tệp hoặc đường link minh chứng/);
    const reply = await me().send("hủy");
    expect(reply.text).toBe("Đã hủy. Anh/chị cần gì thêm cứ nhắn em.");
    // A photo now is not stored as evidence: the flow has ended.
    const photo = await me().sendImage("https://photo.zalo.test/after-cancel.jpg");
    expect(photo.text).toMatch(/Anh\/chị muốn lưu tệp này làm minh chứng\?/);
    expect(
      await chat.prisma.evidence.count({ where: { url: "https://photo.zalo.test/after-cancel.jpg" } }),
    ).toBe(0);
  });

  it("keeps the words of a step that has no such answer as a message", async () => {
    // Outside any flow, "ok" is an acknowledgement, as before.
    await chat.prisma.conversationState.deleteMany();
    expect((await me().send("ok")).text).toBe("Dạ, anh/chị cần gì thêm cứ nhắn em ạ.");
  });
});
