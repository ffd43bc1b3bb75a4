import { randomBytes } from "node:crypto";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { openMigratedDatabase } from "../../src/db/migrate.js";
import { upsertCommune } from "../../src/domain/communes/communes.js";
import { upsertDepartment } from "../../src/domain/communes/departments.js";
import { syncGroups, setGroupPurpose } from "../../src/domain/communes/groups.js";
import { createLinkCode } from "../../src/domain/officials/link-codes.js";
import { importCatalogueFile } from "../../src/domain/procedures/import-catalogue.js";
import { createLogger } from "../../src/logger.js";
import { type RunningService, startService } from "../../src/service.js";
import { connectOa } from "../../src/zalo/connect-oa.js";
import { signZaloBody } from "../../src/zalo/signature.js";
import { startFakeZaloServer } from "../support/fake-zalo-server.js";
import { freshSqliteUrl } from "../support/test-database.js";

/**
 * One instance serving two communes, each with its own OA: whatever comes in through one
 * OA is answered through that OA, about that commune only.
 */
describe("two communes on one instance", () => {
  const OA_A = "1110000000000000001";
  const OA_B = "2220000000000000002";
  const APP = { id: "555000111", secret: "app-secret", oaSecretKey: "oa-secret-key" };
  let zalo: Awaited<ReturnType<typeof startFakeZaloServer>>;
  let service: RunningService;
  let officialA: { id: string };
  let officialB: { id: string };
  let clock = Date.now();

  async function post(oaId: string, userId: string, text: string) {
    const body = JSON.stringify({
      app_id: APP.id,
      event_name: "user_send_text",
      timestamp: String((clock += 1000)),
      sender: { id: userId },
      recipient: { id: oaId },
      message: { msg_id: randomBytes(10).toString("hex"), text },
    });
    const res = await request(service.server)
      .post("/webhooks/zalo")
      .set("Content-Type", "application/json")
      .set("X-ZEvent-Signature", signZaloBody(APP.id, body, String(clock), APP.oaSecretKey))
      .send(body);
    expect(res.status).toBe(200);
  }

  /** Says something through an OA and returns the OA's next reply to that user. */
  async function say(oaId: string, userId: string, text: string) {
    const before = zalo.fake.messages.length;
    await post(oaId, userId, text);
    return zalo.waitFor((m) => m.seq > before && m.recipient.id === userId);
  }

  beforeAll(async () => {
    zalo = await startFakeZaloServer({
      appId: APP.id,
      appSecret: APP.secret,
      oas: [
        { oaId: OA_A, groups: [{ groupId: "group-a-desk", name: "Một cửa A" }] },
        { oaId: OA_B, groups: [{ groupId: "group-b-desk", name: "Một cửa B" }] },
      ],
    });
    const config = loadConfig({
      NODE_ENV: "production",
      ADMIN_API_TOKEN: "x".repeat(32),
      DATABASE_URL: freshSqliteUrl(),
      PORT: "0",
      SEED_DEMO: "false",
      ZALO_APP_ID: APP.id,
      ZALO_APP_SECRET: APP.secret,
      ZALO_OA_SECRET_KEY: APP.oaSecretKey,
      ZALO_API_BASE_URL: zalo.url,
      ZALO_OAUTH_BASE_URL: `${zalo.url}/oauth`,
    });
    // The national catalogue first, as an operator would (the service reads it at start).
    const setup = await openMigratedDatabase(config.database);
    await importCatalogueFile(setup.prisma, "assets/tthc/procedures.jsonl");
    await setup.close();
    service = await startService(config, createLogger("silent"));
    const prisma = service.db.prisma;
    const onboard = async (slug: string, name: string, oaId: string, desk: string) => {
      const commune = await upsertCommune(prisma, { slug, name, oaId, hotline: `0233 000 ${slug.length}` });
      await connectOa(prisma, { communeId: commune.id, oaId, refreshToken: zalo.fake.refreshTokenOf(oaId) });
      await upsertDepartment(prisma, commune.id, { code: "VP", name: "Văn phòng" });
      await upsertDepartment(prisma, commune.id, { code: "MC", name: "Bộ phận một cửa", oneStop: true });
      await syncGroups(prisma, commune.id, [{ groupId: desk, name: "Một cửa" }]);
      await setGroupPurpose(prisma, commune.id, desk, { purpose: "one_stop_desk" });
      const vp = await prisma.department.findFirstOrThrow({ where: { communeId: commune.id, code: "VP" } });
      const official = await prisma.official.create({
        data: {
          communeId: commune.id,
          name: `Cán bộ ${name}`,
          title: "Công chức",
          role: "officer",
          departmentId: vp.id,
          phone: "0912000999",
        },
      });
      await prisma.task.create({
        data: {
          communeId: commune.id,
          code: "NV1",
          title: `Nhiệm vụ riêng của ${name}`,
          leadDepartmentId: vp.id,
          status: "todo",
          dueAt: new Date(Date.now() + 5 * 86_400_000),
        },
      });
      return { commune, official };
    };
    const a = await onboard("xa-a", "Xã An", OA_A, "group-a-desk");
    const b = await onboard("xa-b", "Xã Bình", OA_B, "group-b-desk");
    officialA = a.official;
    officialB = b.official;
    await prisma.dossier.create({
      data: {
        communeId: a.commune.id,
        receiptCode: "000.00.21.H45-261201-0001",
        procedureName: "Đăng ký khai sinh",
        applicantName: "Người dân A",
        channel: "direct",
        receivedAt: new Date(),
        processingDays: 3,
        dueAt: new Date(Date.now() + 3 * 86_400_000),
        status: "processing",
      },
    });
  }, 60_000);
  afterAll(async () => {
    await service?.stop();
    await zalo?.close();
  });

  it("answers a citizen through the OA they wrote to, naming that commune", async () => {
    const viaA = await say(OA_A, "citizen-1", "xin chào");
    expect(viaA.oaId).toBe(OA_A);
    expect(viaA.text).toMatch(/Xã An/);
    const viaB = await say(OA_B, "citizen-1", "xin chào");
    expect(viaB.oaId).toBe(OA_B);
    expect(viaB.text).toMatch(/Xã Bình/);
    expect(viaB.text).not.toMatch(/Xã An/);
    const answer = await say(OA_B, "citizen-2", "làm giấy khai sinh cần giấy tờ gì");
    expect(answer.oaId).toBe(OA_B);
    expect(answer.text).toMatch(/khai sinh/i);
  });

  it("does not let a commune's citizens look up another commune's dossier", async () => {
    expect((await say(OA_A, "citizen-3", "261201-0001")).text).toMatch(/^Hồ sơ 000\.00\.21\.H45-261201-0001/);
    const viaB = await say(OA_B, "citizen-3", "261201-0001");
    expect(viaB.oaId).toBe(OA_B);
    expect(viaB.text).toMatch(/không tìm thấy hồ sơ/);
  });

  it("links an official only through their own commune's OA, and shows only that commune's tasks", async () => {
    const { code } = await createLinkCode(service.db.prisma, officialA.id, { now: new Date() });
    // The code is commune A's: sent to commune B's OA it is not a code at all.
    expect((await say(OA_B, "official-a", `đăng ký ${code}`)).text).toMatch(/Mã liên kết không đúng/);
    const linked = await say(OA_A, "official-a", `đăng ký ${code}`);
    expect(linked.oaId).toBe(OA_A);
    expect(linked.text).toMatch(/^Đã liên kết tài khoản Zalo với Cán bộ Xã An/);
    const tasks = await say(OA_A, "official-a", "việc của tôi");
    expect(tasks.text).toMatch(/NV1 · Nhiệm vụ riêng của Xã An/);
    expect(tasks.text).not.toMatch(/Xã Bình/);

    const codeB = (await createLinkCode(service.db.prisma, officialB.id, { now: new Date() })).code;
    await say(OA_B, "official-b", `đăng ký ${codeB}`);
    const tasksB = await say(OA_B, "official-b", "việc của tôi");
    expect(tasksB.oaId).toBe(OA_B);
    expect(tasksB.text).toMatch(/NV1 · Nhiệm vụ riêng của Xã Bình/);
    expect(tasksB.text).not.toMatch(/Xã An/);
  });

  it("hands a question to the desk of the commune it was asked in, through that commune's OA", async () => {
    const declined = await say(OA_B, "citizen-4", "đường làng bị ngập nước ai xử lý");
    const handoff = declined.buttons.find((b) => b.title === "Hỏi cán bộ");
    expect(handoff).toBeDefined();
    const before = zalo.fake.messages.length;
    await post(OA_B, "citizen-4", String(handoff!.payload));
    const posted = await zalo.waitFor((m) => m.seq > before && m.recipient.type === "group");
    expect(posted).toMatchObject({ oaId: OA_B, recipient: { id: "group-b-desk" } });
    expect(zalo.fake.messages.some((m) => m.recipient.id === "group-a-desk")).toBe(false);
  });
});
