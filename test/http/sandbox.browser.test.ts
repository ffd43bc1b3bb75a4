import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { type RunningService, startService } from "../../src/service.js";
import { browserTestsEnabled, launchChromium } from "../support/chromium.js";
import { freshSqliteUrl } from "../support/test-database.js";

describe.runIf(browserTestsEnabled("sandbox.browser.test.ts"))("sandbox page in a real browser", () => {
  let service: RunningService;
  let browser: Browser;

  beforeAll(async () => {
    service = await startService(
      loadConfig({ DATABASE_URL: freshSqliteUrl(), PORT: "0", SEED_DEMO: "true" }),
      createLogger("silent"),
    );
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  it("sends a message as a citizen, shows the reply with buttons, and a button press gets answered", async () => {
    const page = await browser.newPage();
    await page.goto(`${service.url}/sandbox`);
    await expect.poll(() => page.locator("#persona option").count()).toBeGreaterThan(10);

    await page.fill("#text", "xin chào");
    await page.click("#composer button[type=submit]");
    const reply = page.locator(".bubble.bot").first();
    await reply.waitFor({ timeout: 10_000 });
    expect(await reply.textContent()).toContain("Em là trợ lý tự động của Xã Hòa An");
    const buttons = reply.locator(".buttons button");
    expect(await buttons.allTextContents()).toEqual([
      "Hỏi thủ tục",
      "Tra cứu hồ sơ",
      "Phản ánh, kiến nghị",
      "Hỏi cán bộ",
    ]);

    // "Hỏi thủ tục" is a hidden-payload button: no user bubble, but the bot answers it.
    await buttons.first().click();
    await expect
      .poll(() => page.locator(".bubble.bot").last().textContent(), { timeout: 10_000 })
      .toContain("nhắn tên thủ tục");
    expect(await page.locator(".bubble.user").count()).toBe(1);
  });

  it("chats as a demo official, whose persona is linked to the official's record", async () => {
    const page = await browser.newPage();
    await page.goto(`${service.url}/sandbox`);
    await expect.poll(() => page.locator("#persona option").count()).toBeGreaterThan(10);
    const value = await page
      .locator("#persona option", { hasText: "Chủ tịch UBND" })
      .first()
      .getAttribute("value");
    await page.selectOption("#persona", value!);
    await page.fill("#text", "menu");
    await page.click("#composer button[type=submit]");
    await page.locator(".bubble.bot").first().waitFor({ timeout: 10_000 });
    const linked = await service.db.prisma.zaloUser.count({ where: { officialId: { not: null } } });
    expect(linked).toBe(1);

    // Evidence as an official would send it: the command, then a photo.
    const task = await service.db.prisma.task.findFirstOrThrow({ where: { status: { not: "done" } } });
    await page.fill("#text", `minh chứng ${task.code}`);
    await page.click("#composer button[type=submit]");
    await expect.poll(() => page.locator(".bubble.bot").count(), { timeout: 10_000 }).toBe(2);
    await page.click("#photo");
    await expect
      .poll(() => page.locator(".bubble.bot").last().textContent(), { timeout: 10_000 })
      .toContain(`Đã lưu minh chứng cho ${task.code}`);
  });
});
