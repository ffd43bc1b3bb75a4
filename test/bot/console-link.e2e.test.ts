import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashConsoleToken } from "../../src/domain/console/console-access.js";
import { createLinkCode } from "../../src/domain/officials/link-codes.js";
import { ZaloHarness } from "../support/zalo-harness.js";

/** "mở bảng điều khiển" in chat: a leader gets a one-time link to the web console; others do not. */
describe("a leader asks for the web console in chat", () => {
  let zalo: ZaloHarness;
  const LEADER = "zalo-console-leader";
  const OFFICER = "zalo-console-officer";
  const prisma = () => zalo.service.db.prisma;

  beforeAll(async () => {
    zalo = await ZaloHarness.start({ seedDemo: true, env: { PUBLIC_BASE_URL: "https://xa.example.vn" } });
    const leader = await prisma().official.findFirstOrThrow({ where: { role: "leader" } });
    const officer = await prisma().official.findFirstOrThrow({ where: { role: "officer" } });
    await zalo.say(
      LEADER,
      `dang ky ${(await createLinkCode(prisma(), leader.id, { now: new Date() })).code}`,
    );
    await zalo.say(
      OFFICER,
      `dang ky ${(await createLinkCode(prisma(), officer.id, { now: new Date() })).code}`,
    );
  }, 60_000);
  afterAll(() => zalo.stop());

  it.each(["mở bảng điều khiển", "mo bang dieu khien"])(
    "%s: a one-time link on the public URL",
    async (text) => {
      const reply = await zalo.say(LEADER, text);
      const token = /https:\/\/xa\.example\.vn\/console\/link\/([\w-]+)/.exec(reply.text)?.[1];
      expect(token).toBeDefined();
      expect(reply.text).toContain("một lần");
      const link = await prisma().consoleLink.findUniqueOrThrow({
        where: { tokenHash: hashConsoleToken(token!) },
      });
      expect(link.usedAt).toBeNull();
      expect(link.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(10 * 60_000);
    },
  );

  it("an officer is told the console is for leaders, with no link", async () => {
    const reply = await zalo.say(OFFICER, "mở bảng điều khiển");
    expect(reply.text).toContain("dành cho lãnh đạo");
    expect(reply.text).not.toContain("/console/link/");
  });
});
