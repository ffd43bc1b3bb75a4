import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportData } from "../../src/domain/reports/report-data.js";
import { currentQuarterPeriod } from "../../src/domain/reports/report-period.js";
import { createLinkCode } from "../../src/domain/officials/link-codes.js";
import { projectRoot } from "../../src/paths.js";
import { browserTestsEnabled, launchChromium } from "../support/chromium.js";
import { SAMPLE_EXPORT } from "../support/dossier-commune.js";
import { ZaloHarness } from "../support/zalo-harness.js";

const TOKEN = "console-browser-admin-token-01234";
const LEADER = "zalo-console-browser-leader";
/** Screenshots for the README, only when asked: `npm test` leaves the tree as it was. */
const SHOTS = process.env.WRITE_SCREENSHOTS === "1" ? join(projectRoot, "docs/console") : undefined;

async function screenshot(page: Page, name: string) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, name), fullPage: true });
}

const pct = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

describe.runIf(browserTestsEnabled("console.browser.test.ts"))("the web console in a real browser", () => {
  let zalo: ZaloHarness;
  let browser: Browser;
  const prisma = () => zalo.service.db.prisma;

  beforeAll(async () => {
    zalo = await ZaloHarness.start({ seedDemo: true, env: { ADMIN_API_TOKEN: TOKEN } });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await zalo?.stop();
  });

  it("the operator signs in, uploads a dossier file, runs a job and retries a failed message", async () => {
    const failed = await prisma().outboxMessage.create({
      data: {
        idempotencyKey: "console-browser-failed",
        recipientType: "user",
        recipientId: "zalo-someone",
        kind: "text",
        payload: JSON.stringify({ kind: "text", text: "Tin nhắn thử" }),
        status: "failed",
        attempts: 5,
        lastError: "Zalo -32: gửi quá nhanh",
      },
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${zalo.service.url}/console`);
    expect(new URL(page.url()).pathname).toBe("/console/sign-in");
    await page.fill("#token", TOKEN);
    await page.click("form[action='/console/sign-in'] button");
    await page.waitForURL(/\/console\/operator/);
    expect(await page.locator("#onboarding h2").textContent()).toContain("Tình trạng triển khai");

    // The one-stop system's export, with one row whose date cannot be read.
    const file = Buffer.concat([
      readFileSync(SAMPLE_EXPORT),
      Buffer.from(
        "99,000.00.21.H45-261299-9999,1.001193,Đăng ký khai sinh,Hộ tịch,Ai Đó,,Trực tiếp,,13/45/2026 08:00,,,Đang xử lý,,,,,,,\n",
      ),
    ]);
    await page.setInputFiles("#dossier-file", { name: "ho-so.csv", mimeType: "text/csv", buffer: file });
    await page.click("#dossier-upload button");
    await page.locator("#import-problems").waitFor({ timeout: 20_000 });
    expect(await page.locator("#upload-progress").getAttribute("value")).toBe("100");
    expect(await page.locator("#upload-state").textContent()).toBe("Đã nhập xong.");
    expect(await page.locator("#import-report p").textContent()).toMatch(/^34 dòng: thêm mới \d+/);
    const line37 = page.locator("#import-problems tr", { hasText: "13/45/2026" });
    expect(await line37.locator("td").first().textContent()).toBe("37");
    await screenshot(page, "operator-import.png");

    await page.click("tr[data-job='morning-digest'] button");
    await page.waitForURL(/notice=/);
    expect(await page.locator("#notice").textContent()).toMatch(/^Đã chạy morning-digest: gửi \d+/);
    expect(await prisma().jobRun.count({ where: { job: "morning-digest" } })).toBeGreaterThan(0);
    expect(await page.locator("tr[data-job='morning-digest'] td").nth(2).textContent()).not.toBe("—");

    await page.click(`#outbox tr[data-id='${failed.id}'] button`);
    await page.waitForURL(/#outbox/);
    expect(await page.locator("#notice").textContent()).toBe("Đã xếp tin nhắn để gửi lại.");
    const after = await prisma().outboxMessage.findUniqueOrThrow({ where: { id: failed.id } });
    expect(after.status).not.toBe("failed");
    expect(after.attempts).toBeLessThan(5);
    await page.goto(`${zalo.service.url}/console/operator`);
    await screenshot(page, "operator.png");
    await context.close();
  }, 60_000);

  it("a leader opens the one-time link from chat and sees the report's numbers as charts", async () => {
    const leader = await prisma().official.findFirstOrThrow({ where: { role: "leader" } });
    await zalo.say(
      LEADER,
      `dang ky ${(await createLinkCode(prisma(), leader.id, { now: new Date() })).code}`,
    );
    const reply = await zalo.say(LEADER, "mở bảng điều khiển");
    const path = /\/console\/link\/[\w-]+/.exec(reply.text)![0];

    // A phone's screen.
    const context = await browser.newContext({ viewport: { width: 412, height: 915 }, deviceScaleFactor: 2 });
    const page = await context.newPage();
    await page.goto(`${zalo.service.url}${path}`);
    await page.click("#open");
    await page.waitForURL(/\/console\/leader/);
    await page.waitForFunction(() => {
      const w = globalThis as unknown as { Chart?: { getChart(id: string): unknown } };
      return ["chart-departments", "chart-rates", "chart-trend"].every((id) => w.Chart?.getChart(id));
    });
    const drawn = await page.evaluate(() => {
      const Chart = (
        globalThis as unknown as {
          Chart: { getChart(id: string): { data: { labels: unknown[]; datasets: { data: unknown[] }[] } } };
        }
      ).Chart;
      const of = (id: string) => {
        const c = Chart.getChart(id);
        return { labels: c.data.labels, data: c.data.datasets.map((d) => d.data) };
      };
      return { departments: of("chart-departments"), rates: of("chart-rates"), trend: of("chart-trend") };
    });
    const now = new Date();
    const data = await reportData(prisma(), leader.communeId, currentQuarterPeriod(now), now);
    const d = data.figures.dossiers;
    expect(drawn.rates.data[0]).toEqual([pct(d.onTimeRate), pct(d.digitisationRate), pct(d.paidOnlineRate)]);
    expect(drawn.departments.labels).toEqual(data.figures.byDepartment.map((x) => x.department));
    expect(drawn.departments.data[0]).toEqual(data.figures.byDepartment.map((x) => x.dossiers.overdue));
    expect(drawn.departments.data[1]).toEqual(
      data.figures.byDepartment.map((x) => x.planTasks.overdue + x.districtTasks.overdue),
    );
    expect(drawn.trend.labels.length).toBeGreaterThan(0);
    expect(await page.locator("#kpi-overdue-dossiers .value").textContent()).toBe(String(d.overdue));
    expect(await page.locator("#risks tbody tr").count()).toBe(data.risks.length);
    // Nothing wider than the phone's screen but the tables' own scrolling boxes.
    const overflow = await page.evaluate(() => {
      const w = globalThis as unknown as {
        innerWidth: number;
        document: { documentElement: { scrollWidth: number } };
      };
      return w.document.documentElement.scrollWidth - w.innerWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "leader.png");

    // The link has been used: opening it again in another browser is refused.
    const other = await browser.newContext();
    const again = await other.newPage();
    await again.goto(`${zalo.service.url}${path}`);
    await again.click("#open");
    expect(await again.locator(".error").textContent()).toContain("đã được dùng");
    await other.close();
    await context.close();
  }, 60_000);
});
