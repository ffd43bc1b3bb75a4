import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apologyButtons } from "../../src/bot/features/dossiers/templates.js";
import { CLOSED_DOSSIER_STATUSES } from "../../src/domain/dossiers/dossier-queries.js";
import { dossierScopeWhere, loadActor } from "../../src/domain/officials/scope.js";
import { BotHarness } from "../support/bot-harness.js";

interface DossierRow {
  id: string;
  receiptCode: string;
  status: string;
  dueAt: Date;
  returnedAt: Date | null;
  apologyAt: Date | null;
}

/** "261126-0001", the tail officials type, of "000.00.21.H45-261126-0001". */
const tail = (d: { receiptCode: string }) => d.receiptCode.split("-").slice(-2).join("-");

/** Late as the district counts it: open past its due time, or returned after it. */
const isLate = (d: DossierRow, now: Date) =>
  d.status === "returned" || d.status === "completed"
    ? d.returnedAt !== null && d.returnedAt > d.dueAt
    : !(CLOSED_DOSSIER_STATUSES as readonly string[]).includes(d.status) && d.dueAt < now;

/**
 * Recording the apology letter (thư xin lỗi) for a late dossier from chat, by receipt code
 * or with the button under the alert, on the demo commune: once, only for a late dossier,
 * only within the official's scope, with an audit row.
 */
describe("an official recording an apology letter in chat", () => {
  let chat: BotHarness;
  const OFFICER = "zalo-apology-officer";
  let officer: { id: string };
  /** Late, unapologised dossiers in the officer's scope. */
  let late: DossierRow[];
  /** In scope and not late (returned on time). */
  let onTime: DossierRow;
  /** Late, unapologised, and outside the officer's scope. */
  let elsewhere: DossierRow;

  const me = () => chat.as(OFFICER);
  const apologyAt = async (d: { id: string }) =>
    (await chat.prisma.dossier.findUniqueOrThrow({ where: { id: d.id } })).apologyAt;
  const auditsOf = (d: { id: string }) =>
    chat.prisma.auditLog.findMany({
      where: { entityType: "dossier", entityId: d.id, action: "apology_recorded" },
    });

  beforeAll(async () => {
    chat = await BotHarness.start();
    const now = new Date();
    const select = {
      id: true,
      receiptCode: true,
      status: true,
      dueAt: true,
      returnedAt: true,
      apologyAt: true,
    };
    // The officer (not a leader, not the one-stop desk, who see every dossier) with the
    // most late dossiers in their scope.
    const officers = await chat.prisma.official.findMany({
      where: { role: "officer", department: { isOneStop: false } },
      select: { id: true },
    });
    let best: { id: string; late: DossierRow[]; scope: DossierRow[] } | undefined;
    for (const o of officers) {
      const scope = await chat.prisma.dossier.findMany({
        where: dossierScopeWhere((await loadActor(chat.prisma, o.id))!),
        select,
        orderBy: { receiptCode: "asc" },
      });
      const mine = scope.filter((d) => isLate(d, now) && d.apologyAt === null);
      if (!best || mine.length > best.late.length) best = { id: o.id, late: mine, scope };
    }
    expect(best!.late.length).toBeGreaterThanOrEqual(2);
    officer = { id: best!.id };
    late = best!.late;
    onTime = best!.scope.find((d) => d.status === "returned" && d.returnedAt! <= d.dueAt)!;
    expect(onTime).toBeDefined();
    const inScope = new Set(best!.scope.map((d) => d.id));
    elsewhere = (
      await chat.prisma.dossier.findMany({
        where: { apologyAt: null },
        select,
        orderBy: { receiptCode: "asc" },
      })
    ).find((d) => !inScope.has(d.id) && isLate(d, now))!;
    expect(elsewhere).toBeDefined();
    await chat.prisma.zaloUser.create({
      data: { communeId: chat.communeId, zaloUserId: OFFICER, officialId: officer.id, linkedAt: new Date() },
    });
  }, 60_000);
  afterAll(() => chat.stop());

  it('records it from "đã xin lỗi HS <mã>", once; a second time says it was recorded before', async () => {
    const dossier = late[0]!;
    const before = new Date();
    const reply = await me().send(`đã xin lỗi HS ${tail(dossier)}`);
    expect(reply.text).toBe(
      `Đã ghi nhận thư xin lỗi cho hồ sơ ${dossier.receiptCode}. Em sẽ thôi nhắc hồ sơ này.`,
    );
    const recorded = await apologyAt(dossier);
    expect(recorded!.getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect(recorded!.getTime()).toBeLessThanOrEqual(Date.now());

    const again = await me().send(`đã xin lỗi HS ${tail(dossier)}`);
    expect(again.text).toBe(`Hồ sơ ${dossier.receiptCode} đã được ghi nhận thư xin lỗi trước đó.`);
    expect(await apologyAt(dossier)).toEqual(recorded);
    expect(await auditsOf(dossier)).toHaveLength(1);
  });

  it("writes an audit row saying who recorded it, when, from which channel", async () => {
    const dossier = late[0]!;
    const [row] = await auditsOf(dossier);
    expect(row).toMatchObject({
      communeId: chat.communeId,
      actorOfficialId: officer.id,
      channel: "zalo",
      entityType: "dossier",
      entityId: dossier.id,
      action: "apology_recorded",
    });
    expect(JSON.parse(row!.after!)).toEqual({ apologyAt: (await apologyAt(dossier))!.toISOString() });
  });

  it('understands it without diacritics: "da xin loi ho so <mã>"', async () => {
    const dossier = late[1]!;
    const reply = await me().send(`da xin loi ho so ${tail(dossier)}`);
    expect(reply.text).toBe(
      `Đã ghi nhận thư xin lỗi cho hồ sơ ${dossier.receiptCode}. Em sẽ thôi nhắc hồ sơ này.`,
    );
    expect(await apologyAt(dossier)).not.toBeNull();
    expect(await auditsOf(dossier)).toHaveLength(1);
  });

  it("records it with the button under the alert, once", async () => {
    const dossier = late[0]!;
    await chat.prisma.dossier.update({ where: { id: dossier.id }, data: { apologyAt: null } });
    await chat.prisma.auditLog.deleteMany({ where: { entityId: dossier.id, action: "apology_recorded" } });
    // The button the dossier alerts carry ("Đã xin lỗi 261126-0001" → #apology:<id>).
    const [button] = apologyButtons([dossier]);
    expect(button).toMatchObject({ payload: `#apology:${dossier.id}` });
    const reply = await me().press(button!);
    expect(reply.text).toBe(
      `Đã ghi nhận thư xin lỗi cho hồ sơ ${dossier.receiptCode}. Em sẽ thôi nhắc hồ sơ này.`,
    );
    const recorded = await apologyAt(dossier);
    expect(recorded).not.toBeNull();

    const again = await me().send(`#apology:${dossier.id}`);
    expect(again.text).toBe(`Hồ sơ ${dossier.receiptCode} đã được ghi nhận thư xin lỗi trước đó.`);
    expect(await apologyAt(dossier)).toEqual(recorded);
    expect(await auditsOf(dossier)).toHaveLength(1);
  });

  it.each([
    (code: string) => `đã gửi thư xin lỗi hồ sơ ${code}`,
    (code: string) => `Đã gửi văn bản xin lỗi HS ${code}`,
    (code: string) => `xin lỗi xong ${code}`,
    (code: string) => `em da gui thu xin loi hs ${code} roi a`,
  ])("records it from other ways of saying so (%#)", async (message) => {
    const dossier = late[1]!;
    await chat.prisma.dossier.update({ where: { id: dossier.id }, data: { apologyAt: null } });
    expect((await me().send(message(tail(dossier)))).text).toMatch(/^Đã ghi nhận thư xin lỗi cho hồ sơ /);
    expect(await apologyAt(dossier)).not.toBeNull();
  });

  it("refuses a dossier that is not late", async () => {
    const byText = await me().send(`đã xin lỗi HS ${tail(onTime)}`);
    expect(byText.text).toBe(`Hồ sơ ${tail(onTime)} chưa trễ hạn nên không cần thư xin lỗi.`);
    const byButton = await me().send(`#apology:${onTime.id}`);
    expect(byButton.text).toBe("Hồ sơ này chưa trễ hạn nên không cần thư xin lỗi.");
    expect(await apologyAt(onTime)).toBeNull();
    expect(await auditsOf(onTime)).toHaveLength(0);
  });

  it("refuses a dossier that was withdrawn: it was never resolved late", async () => {
    const model = await chat.prisma.dossier.findUniqueOrThrow({ where: { id: late[0]!.id } });
    const { id: _id, createdAt: _c, updatedAt: _u, ...fields } = model;
    const dossier = await chat.prisma.dossier.create({
      data: {
        ...fields,
        receiptCode: `${model.receiptCode}-RUT`,
        status: "withdrawn",
        returnedAt: null,
        apologyAt: null,
      },
    });
    const reply = await me().send(`#apology:${dossier.id}`);
    expect(reply.text).toBe("Hồ sơ này chưa trễ hạn nên không cần thư xin lỗi.");
    expect(await apologyAt(dossier)).toBeNull();
  });

  it("does not find a late dossier outside the official's scope", async () => {
    const byText = await me().send(`đã xin lỗi HS ${tail(elsewhere)}`);
    expect(byText.text).toBe(`Không tìm thấy hồ sơ ${tail(elsewhere)} trong phạm vi của anh/chị.`);
    const byButton = await me().send(`#apology:${elsewhere.id}`);
    expect(byButton.text).toBe("Không tìm thấy hồ sơ này trong phạm vi của anh/chị.");
    expect(await apologyAt(elsewhere)).toBeNull();
    expect(await auditsOf(elsewhere)).toHaveLength(0);
  });

  it.each([
    ["a polite opening", (code: string) => `xin lỗi, cho em hỏi hồ sơ ${code} đến đâu rồi`],
    ["a question", (code: string) => `đã gửi thư xin lỗi hồ sơ ${code} chưa?`],
    ["a question without diacritics", (code: string) => `da xin loi hs ${code} chua`],
    ["a denial", (code: string) => `em chưa gửi thư xin lỗi hồ sơ ${code}`],
  ])("does not take %s for an apology", async (_, message) => {
    const dossier = late[1]!;
    await chat.prisma.dossier.update({ where: { id: dossier.id }, data: { apologyAt: null } });
    const reply = await me().send(message(tail(dossier)));
    expect(reply.text).not.toMatch(/Đã ghi nhận thư xin lỗi|đã được ghi nhận/);
    expect(await apologyAt(dossier)).toBeNull();
  });
});
