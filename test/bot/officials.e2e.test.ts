import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLinkCode } from "../../src/domain/officials/link-codes.js";
import { taskScopeWhere } from "../../src/domain/officials/scope.js";
import { loadActor } from "../../src/domain/officials/scope.js";
import { zaloEvents } from "../support/zalo-events.js";
import { type Outgoing, ZaloHarness } from "../support/zalo-harness.js";

/**
 * Officials chatting through the real webhook, inbox, bot and outbox, with Zalo mocked:
 * each test reads like a dialogue on the demo commune.
 */
describe("officials chat with their tasks and dossiers", () => {
  let zalo: ZaloHarness;
  const OFFICER = "zalo-officer-1";
  const LEADER = "zalo-leader-1";
  const STRANGER = "zalo-stranger-1";
  let officer: { id: string; name: string; departmentId: string | null };
  let leader: { id: string; name: string };
  let ownTask: { id: string; code: string };
  let otherTask: { code: string };

  const prisma = () => zalo.service.db.prisma;
  const buttonTitled = (m: Outgoing, title: string) => {
    const b = m.buttons.find((x) => x.title === title);
    if (!b) throw new Error(`no button "${title}" in ${JSON.stringify(m.buttons)}`);
    return b;
  };
  async function link(zaloUserId: string, officialId: string) {
    const { code } = await createLinkCode(prisma(), officialId, { now: new Date() });
    return zalo.say(zaloUserId, `dang ky ${code}`);
  }

  beforeAll(async () => {
    zalo = await ZaloHarness.start({ seedDemo: true });
    const db = prisma();
    // An officer of Văn phòng with an open task that has a deadline, and a task of another department.
    const vp = await db.department.findFirstOrThrow({ where: { code: "VP" } });
    officer = await db.official.findFirstOrThrow({
      where: { departmentId: vp.id, role: "officer" },
      select: { id: true, name: true, departmentId: true },
    });
    leader = await db.official.findFirstOrThrow({
      where: { role: "leader" },
      select: { id: true, name: true },
    });
    const actor = (await loadActor(db, officer.id))!;
    ownTask = await db.task.findFirstOrThrow({
      where: {
        AND: [taskScopeWhere(actor), { status: { in: ["todo", "in_progress"] }, dueAt: { gt: new Date() } }],
      },
      orderBy: { dueAt: "asc" },
      select: { id: true, code: true },
    });
    otherTask = await db.task.findFirstOrThrow({
      where: { NOT: taskScopeWhere(actor), leadDepartmentId: { not: null } },
      select: { code: true },
    });
  }, 60_000);
  afterAll(() => zalo.stop());

  it("links a Zalo account with a good code, and refuses wrong, expired and reused codes", async () => {
    expect((await zalo.say(STRANGER, "dk 000000")).text).toMatch(/Mã liên kết không đúng/);

    const expired = await createLinkCode(prisma(), officer.id, {
      now: new Date(Date.now() - 2 * 86_400_000),
    });
    expect((await zalo.say(STRANGER, `đăng ký ${expired.code}`)).text).toMatch(/hết hạn/);

    const welcome = await link(OFFICER, officer.id);
    expect(welcome.text).toContain(`Đã liên kết tài khoản Zalo với ${officer.name}`);
    const bound = await prisma().zaloUser.findFirstOrThrow({ where: { zaloUserId: OFFICER } });
    expect(bound.officialId).toBe(officer.id);

    const { code } = await createLinkCode(prisma(), leader.id, { now: new Date() });
    expect((await zalo.say(LEADER, `DK${code}`)).text).toContain(leader.name);
    expect((await zalo.say(STRANGER, `dang ky ${code}`)).text).toMatch(/đã được dùng/);
  });

  it("lists the officer's tasks, shows one, and updates its progress with a note", async () => {
    const list = await zalo.say(OFFICER, "viec cua toi");
    expect(list.text).toMatch(/^Việc của anh\/chị \(\d+\):/);
    expect(list.text).toMatch(/NV\d+ · /);

    const detail = await zalo.say(OFFICER, ownTask.code.toLowerCase());
    expect(detail.text).toContain(`${ownTask.code} · `);
    expect(detail.text).toMatch(/Hạn: thứ \S+ \d+\/\d+/);
    expect(detail.buttons.map((b) => b.title)).toContain("Đã xong");

    const updated = await zalo.say(OFFICER, `${ownTask.code} 60% da gui du thao`);
    expect(updated.text).toContain(`Đã cập nhật ${ownTask.code}: tiến độ 60%`);
    const task = await prisma().task.findUniqueOrThrow({ where: { id: ownTask.id } });
    expect(task.progress).toBe(60);
  });

  it("stores an image sent after 'minh chứng' as the task's evidence, once even if redelivered", async () => {
    expect((await zalo.say(OFFICER, `minh chung ${ownTask.code}`)).text).toMatch(/gửi ảnh, tệp/);
    const before = zalo.sent.length;
    const image = zaloEvents.image(OFFICER, "https://photo.zalo.test/bien-ban.jpg");
    await zalo.post(image);
    await zalo.post(image); // Zalo retries
    expect((await zalo.nextTo(OFFICER, before)).text).toMatch(/Đã lưu minh chứng cho .*\(1 minh chứng\)/);
    const evidence = await prisma().evidence.findMany({ where: { taskId: ownTask.id } });
    expect(evidence.filter((e) => e.url === "https://photo.zalo.test/bien-ban.jpg")).toHaveLength(1);
  });

  it("politely refuses a task outside the officer's scope", async () => {
    const reply = await zalo.say(OFFICER, `xong ${otherTask.code}`);
    expect(reply.text).toMatch(new RegExp(`Nhiệm vụ ${otherTask.code} không thuộc phạm vi của anh/chị`));
  });

  it("sends an extension request to the leader, who approves it with a button; the officer is told", async () => {
    const due = await prisma().task.findUniqueOrThrow({ where: { id: ownTask.id }, select: { dueAt: true } });
    const later = new Date(due.dueAt!.getTime() + 20 * 86_400_000);
    const dd = later.toISOString().slice(8, 10);
    const mm = later.toISOString().slice(5, 7);
    const yyyy = later.toISOString().slice(0, 4);
    const before = zalo.sent.length;
    const ack = await zalo.say(
      OFFICER,
      `gia hạn ${ownTask.code} đến ${dd}/${mm}/${yyyy} vì chờ số liệu huyện`,
    );
    expect(ack.text).toMatch(/Đã gửi đề nghị gia hạn/);
    const ask = await zalo.nextTo(LEADER, before);
    expect(ask.text).toContain(`Đề nghị gia hạn ${ownTask.code}`);
    expect(ask.text).toContain("Lý do: chờ số liệu huyện");

    const beforeDecision = zalo.sent.length;
    const approved = await zalo.press(LEADER, buttonTitled(ask, "Đồng ý"));
    expect(approved.text).toMatch(new RegExp(`Đã đồng ý gia hạn đến .* cho ${ownTask.code}`));
    expect((await zalo.nextTo(OFFICER, beforeDecision)).text).toMatch(/đã đồng ý gia hạn/);
    const task = await prisma().task.findUniqueOrThrow({ where: { id: ownTask.id } });
    expect(task.dueAt!.getTime()).toBeGreaterThan(due.dueAt!.getTime());

    // A second press of the same button is answered, not applied twice.
    expect((await zalo.press(LEADER, buttonTitled(ask, "Từ chối"))).text).toMatch(/đã được xử lý trước đó/);
  });

  it("keeps a confirmation across a restart between the question and the answer", async () => {
    const question = await zalo.say(OFFICER, `xong ${ownTask.code} đã nộp báo cáo`);
    expect(question.text).toMatch(/Xác nhận .* đã hoàn thành\?/);
    await zalo.restart();
    const done = await zalo.press(OFFICER, buttonTitled(question, "Xác nhận"));
    expect(done.text).toContain(`Đã ghi nhận ${ownTask.code} hoàn thành`);
    // The same button again is stale.
    expect((await zalo.press(OFFICER, buttonTitled(question, "Xác nhận"))).text).toMatch(
      /đã hết hạn hoặc đã được xử lý/,
    );
  });

  it("records every update in the audit log, shown as the task's history", async () => {
    const rows = await prisma().auditLog.findMany({ where: { entityType: "task", entityId: ownTask.id } });
    expect(rows.map((r) => r.action).sort()).toEqual(
      ["done", "evidence_added", "extension_approved", "extension_requested", "progress"].sort(),
    );
    expect(rows.every((r) => r.channel === "zalo")).toBe(true);
    const history = await zalo.say(OFFICER, `lich su ${ownTask.code}`);
    expect(history.text).toMatch(/^Lịch sử NV\d+:/);
    expect(history.text).toContain("cập nhật tiến độ");
    expect(history.text).toContain("hoàn thành");
  });

  it("answers dossier and figure questions, and a menu for what it cannot place", async () => {
    expect((await zalo.say(LEADER, "hs qua han")).text).toMatch(/^Hồ sơ quá hạn/);
    expect((await zalo.say(LEADER, "thống kê quý này")).text).toMatch(/Tỉ lệ giải quyết đúng hạn: [\d,]+%/);
    expect((await zalo.say(LEADER, "ty le dung han quy nay")).text).toMatch(
      /^Tỉ lệ hồ sơ giải quyết đúng hạn/,
    );
    const fallback = await zalo.say(OFFICER, "con mèo nhà ai");
    expect(fallback.text).toMatch(/Em chưa hiểu ý anh\/chị/);
    expect(fallback.buttons.length).toBeGreaterThan(2);
  });
});
