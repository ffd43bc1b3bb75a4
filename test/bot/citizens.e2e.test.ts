import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLinkCode } from "../../src/domain/officials/link-codes.js";
import { type Outgoing, ZaloHarness } from "../support/zalo-harness.js";

/** Citizens asking the demo commune's OA, through the real webhook, bot and outbox. */
describe("citizens ask about procedures", () => {
  let zalo: ZaloHarness;
  const CITIZEN = "zalo-citizen-1";
  const DESK = "zalo-desk-officer";
  const prisma = () => zalo.service.db.prisma;
  const button = (m: Outgoing, title: string) => {
    const b = m.buttons.find((x) => x.title === title);
    if (!b) throw new Error(`no button "${title}" in ${JSON.stringify(m.buttons.map((x) => x.title))}`);
    return b;
  };

  beforeAll(async () => {
    zalo = await ZaloHarness.start({ seedDemo: true });
    const desk = await prisma().official.findFirstOrThrow({ where: { department: { isOneStop: true } } });
    const { code } = await createLinkCode(prisma(), desk.id, { now: new Date() });
    await zalo.say(DESK, `đăng ký ${code}`);
  }, 60_000);
  afterAll(() => zalo.stop());

  it("answers a family's default variant with the siblings as buttons; a button answers the sibling", async () => {
    const reply = await zalo.say(CITIZEN, "e muon lam giay khai sinh cho con thi can giay to j a");
    expect(reply.text).toMatch(/^Thủ tục đăng ký khai sinh \(mã 1\.001193\)/);
    const [, firstSection] = reply.text.split("\n\n");
    expect(firstSection).toMatch(/^Giấy tờ cần chuẩn bị:/);
    expect(reply.text).toContain("Nếu có yếu tố nước ngoài, chọn “Có yếu tố nước ngoài”.");
    expect(reply.text).toContain("danh mục thủ tục hành chính đã công bố");
    const titles = reply.buttons.map((b) => b.title);
    expect(titles).toEqual(expect.arrayContaining(["Có yếu tố nước ngoài", "Hữu ích", "Chưa đúng"]));
    expect(titles.length).toBeLessThanOrEqual(5);

    const foreign = await zalo.press(CITIZEN, button(reply, "Có yếu tố nước ngoài"));
    expect(foreign.text).toMatch(/^Thủ tục đăng ký khai sinh có yếu tố nước ngoài \(mã 2\.000528\)/);
    expect(foreign.text.split("\n\n")[1]).toMatch(/^Giấy tờ cần chuẩn bị:/);

    // A follow-up is about the sibling just answered.
    const fee = await zalo.say(CITIZEN, "còn lệ phí?");
    expect(fee.text).toMatch(/\(mã 2\.000528\)/);
    expect(fee.text.split("\n\n")[1]).toMatch(/^Lệ phí:/);
  });

  it("asks one short question with at most three buttons where a family has no default", async () => {
    const question = await zalo.say(CITIZEN, "lam cccd");
    expect(question.text).toBe("Anh/chị làm thẻ căn cước lần đầu, cấp đổi hay cấp lại (bị mất) ạ?");
    expect(question.buttons.map((b) => b.title)).toEqual([
      "Làm lần đầu",
      "Cấp đổi thẻ",
      "Cấp lại thẻ (mất)",
      "Không phải",
    ]);
    const lost = await zalo.press(CITIZEN, button(question, "Cấp lại thẻ (mất)"));
    expect(lost.text).toMatch(/^Cấp lại thẻ căn cước \(mã 1\.014064\)/);

    // Filed at the commune police: "where" names it, not the People's Committee's address.
    const where = await zalo.say(CITIZEN, "nộp ở đâu vậy");
    expect(where.text).toMatch(/\(mã 1\.014064\)/);
    const commune = await prisma().commune.findFirstOrThrow({ select: { address: true } });
    expect(where.text).toMatch(/Nơi nộp: Công an xã/);
    if (commune.address) expect(where.text).not.toContain(commune.address);
  });

  it("answers a personal dispute with the reception hours and a person to ask", async () => {
    const reply = await zalo.say(CITIZEN, "hàng xóm xây lấn sang nhà tôi, họ còn chửi nhau suốt");
    expect(reply.text).toMatch(/^Việc tranh chấp, mâu thuẫn giữa cá nhân không phải thủ tục hành chính/);
    expect(reply.buttons.map((b) => b.title)).toEqual(["Hỏi cán bộ"]);
  });

  it("answers a follow-up about the procedure just answered", async () => {
    await zalo.say(CITIZEN, "thủ tục đăng ký khai tử cần giấy tờ gì");
    const followUp = await zalo.say(CITIZEN, "còn lệ phí thủ tục này bao nhiêu ạ");
    expect(followUp.text).toMatch(/khai tử/i);
    expect(followUp.text.split("\n\n")[1]).toMatch(/^Lệ phí:/);
  });

  it("leads with the time when asked how long", async () => {
    const reply = await zalo.say(CITIZEN, "dang ky ket hon mat bao lau vay");
    expect(reply.text).toMatch(/đăng ký kết hôn/i);
    expect(reply.text.split("\n\n")[1]).toMatch(/^Thời hạn giải quyết:/);
  });

  it("asks which one with buttons when several procedures fit", async () => {
    const reply = await zalo.say(CITIZEN, "thủ tục đất đai");
    expect(reply.text).toMatch(/^Anh\/chị hỏi về thủ tục nào ạ\?/);
    expect(reply.buttons.length).toBeGreaterThanOrEqual(3);
    expect(reply.buttons.at(-1)!.title).toBe("Không phải");
    const chosen = await zalo.press(CITIZEN, reply.buttons[0]!);
    expect(chosen.text).toMatch(/\(mã \d\.\d+\)/);
  });

  it("refers a topic the commune does not handle in one line, with a handoff, and relays the answer both ways", async () => {
    const declined = await zalo.say(CITIZEN, "cho em hỏi làm hộ chiếu ở đâu ạ");
    expect(declined.text).toMatch(
      /^Việc cấp hộ chiếu không làm tại UBND xã; anh\/chị liên hệ .*xuất nhập cảnh/,
    );
    expect(declined.text.split("\n")).toHaveLength(1);
    expect(declined.text).not.toMatch(/\(mã \d/);

    const before = zalo.sent.length;
    const queued = await zalo.press(CITIZEN, button(declined, "Hỏi cán bộ"));
    const code = /mã (HD-\d+)/.exec(queued.text)?.[1];
    expect(code).toBeDefined();
    const toDesk = await zalo.nextTo(DESK, before);
    expect(toDesk.text).toContain(code!);
    expect(toDesk.text).toContain("làm hộ chiếu");
    expect(zalo.sent.slice(before).some((m) => m.group && m.text.includes(code!))).toBe(true);

    expect((await zalo.press(DESK, button(toDesk, "Trả lời"))).text).toMatch(/nhắn câu trả lời/);
    const beforeAnswer = zalo.sent.length;
    const done = await zalo.say(DESK, "Anh/chị liên hệ Công an tỉnh để làm hộ chiếu nhé.");
    expect(done.text).toMatch(/Đã gửi câu trả lời/);
    const relayed = await zalo.nextTo(CITIZEN, beforeAnswer);
    expect(relayed.text).toContain(`trả lời câu hỏi ${code}`);
    expect(relayed.text).toContain("Công an tỉnh");
    const row = await prisma().feedback.findFirstOrThrow({ where: { trackingCode: code } });
    expect(row).toMatchObject({ kind: "question", status: "answered" });
  });

  it("stores answer feedback and complaints with a tracking code", async () => {
    const answer = await zalo.say(CITIZEN, "xin xác nhận tình trạng hôn nhân cần gì");
    expect((await zalo.press(CITIZEN, button(answer, "Hữu ích"))).text).toMatch(
      /Cảm ơn anh\/chị đã đánh giá/,
    );
    expect(await prisma().feedback.count({ where: { kind: "helpful", zaloUserId: CITIZEN } })).toBe(1);

    const pakn = await zalo.say(CITIZEN, "phản ánh: đèn đường thôn 3 hỏng cả tháng nay chưa ai sửa");
    const code = /Mã theo dõi: (PA-\d+)/.exec(pakn.text)?.[1];
    expect(code).toBeDefined();
    expect(await prisma().feedback.findFirstOrThrow({ where: { trackingCode: code } })).toMatchObject({
      kind: "complaint",
      content: expect.stringContaining("đèn đường thôn 3"),
    });

    // Counted in the leader's figures.
    const leader = await prisma().official.findFirstOrThrow({ where: { role: "leader" } });
    const { code: linkCode } = await createLinkCode(prisma(), leader.id, { now: new Date() });
    await zalo.say("zalo-leader-x", `đăng ký ${linkCode}`);
    expect((await zalo.say("zalo-leader-x", "thống kê quý này")).text).toMatch(
      /Người dân qua Zalo: 1 phản ánh, kiến nghị; 1 câu hỏi chuyển cán bộ \(đã trả lời 1\); đánh giá câu trả lời: 1 hữu ích, 0 chưa đúng\./,
    );
  });

  it("greets small talk, and tells a dossier's status by its receipt code without personal data", async () => {
    expect((await zalo.say(CITIZEN, "alo")).text).toMatch(/em chào anh\/chị/);
    expect((await zalo.say(CITIZEN, "cam on nhieu nha")).text).toMatch(/không có gì/);
    const dossier = await prisma().dossier.findFirstOrThrow({
      where: { status: { in: ["received", "processing"] } },
    });
    const status = await zalo.say(CITIZEN, `tra cứu hồ sơ ${dossier.receiptCode}`);
    expect(status.text).toContain(dossier.receiptCode);
    expect(status.text).toContain("đang giải quyết");
    expect(status.text).not.toContain(dossier.applicantName);
  });
});

describe("citizens asking how to reach the office", () => {
  let zalo: ZaloHarness;
  beforeAll(async () => {
    zalo = await ZaloHarness.start({ seedDemo: true });
  }, 60_000);
  afterAll(() => zalo.stop());

  it("gives the commune's hotline, hours and address instead of a procedure", async () => {
    for (const question of [
      "địa chỉ ubnd xã ở đâu",
      "cho xin sdt cán bộ địa chính",
      "xa co lam viec thu 7 khong",
    ]) {
      const reply = await zalo.say("zalo-citizen-contact", question);
      expect(reply.text, question).toMatch(/^Thông tin liên hệ /);
      expect(reply.text, question).toContain("Đường dây nóng: ");
      expect(reply.text, question).not.toMatch(/\(mã \d/);
      expect(reply.buttons.map((b) => b.title)).toContain("Hỏi cán bộ");
      const call = reply.buttons.find((b) => b.type === "oa.open.phone");
      expect(call?.payload).toEqual({ phone_code: expect.stringMatching(/^\+?\d{3,15}$/) });
    }
  });

  it("keeps a question about the procedure just answered about that procedure", async () => {
    await zalo.say("zalo-citizen-follow", "thủ tục đăng ký khai tử cần giấy tờ gì");
    const followUp = await zalo.say("zalo-citizen-follow", "thủ tục này nộp qua điện thoại được không");
    expect(followUp.text).toMatch(/khai tử/i);
    expect(followUp.text).not.toMatch(/^Thông tin liên hệ/);
  });
});
