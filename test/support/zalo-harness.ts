import nock from "nock";
import request from "supertest";
import { expect } from "vitest";
import { type Config, loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { type RunningService, startService } from "../../src/service.js";
import { freshSqliteUrl } from "./test-database.js";
import { signed, TEST_KEYS, zaloEvents } from "./zalo-events.js";

export const ZALO_API = "https://openapi.zalo.test";
export const ZALO_OAUTH = "https://oauth.zalo.test";

export interface Outgoing {
  to: string;
  text: string;
  buttons: { title: string; type: string; payload: unknown }[];
  group: boolean;
}

/**
 * The whole service in Zalo mode with Zalo mocked by nock: tests post signed webhook
 * events and read what the OA sent back, like a dialogue (BotBuilder's TestFlow idea).
 */
export class ZaloHarness {
  readonly sent: Outgoing[] = [];
  oauthCalls = 0;
  private waiters: (() => void)[] = [];

  private constructor(
    public service: RunningService,
    private readonly config: Config,
  ) {}

  static async start(
    options: { seedDemo?: boolean; env?: Record<string, string> } = {},
  ): Promise<ZaloHarness> {
    nock.disableNetConnect();
    nock.enableNetConnect(/(127\.0\.0\.1|localhost)/);
    const config = loadConfig({
      DATABASE_URL: freshSqliteUrl(),
      PORT: "0",
      SEED_DEMO: options.seedDemo ? "true" : "false",
      ZALO_APP_ID: TEST_KEYS.appId,
      ZALO_APP_SECRET: "test-app-secret",
      ZALO_OA_ID: TEST_KEYS.oaId,
      ZALO_OA_SECRET_KEY: TEST_KEYS.oaSecretKey,
      ZALO_REFRESH_TOKEN: "rt-bootstrap",
      ZALO_API_BASE_URL: ZALO_API,
      ZALO_OAUTH_BASE_URL: ZALO_OAUTH,
      ...options.env,
    });
    const service = await startService(config, createLogger("silent"));
    const harness = new ZaloHarness(service, config);
    harness.mockZalo();
    return harness;
  }

  /** Stops the service and starts a new one on the same database, as a deploy or crash would. */
  async restart(): Promise<void> {
    await this.service.stop();
    this.service = await startService({ ...this.config, seedDemo: false }, createLogger("silent"));
  }

  /** Zalo's side: OAuth hands out a token; every send is recorded and answered with success. */
  private mockZalo() {
    nock(ZALO_OAUTH)
      .persist()
      .post("/v4/oa/access_token")
      .reply(200, () => {
        this.oauthCalls += 1;
        return {
          access_token: `at-${this.oauthCalls}`,
          refresh_token: `rt-${this.oauthCalls}`,
          expires_in: "90000",
        };
      });
    const record = (group: boolean) => (_uri: string, body: Record<string, unknown>) => {
      const b = body as {
        recipient: { user_id?: string; group_id?: string };
        message: { text?: string; attachment?: { payload?: { buttons?: Outgoing["buttons"] } } };
      };
      this.sent.push({
        to: (group ? b.recipient.group_id : b.recipient.user_id) ?? "",
        text: b.message.text ?? "",
        buttons: b.message.attachment?.payload?.buttons ?? [],
        group,
      });
      for (const wake of this.waiters.splice(0)) wake();
      return { error: 0, message: "Success", data: { message_id: `m${this.sent.length}` } };
    };
    nock(ZALO_API).persist().post("/v3.0/oa/message/cs").reply(200, record(false));
    nock(ZALO_API).persist().post("/v3.0/oa/group/message").reply(200, record(true));
  }

  async post(body: Record<string, unknown>, signWith: "app_id" | "oa_id" = "app_id") {
    const { raw, signature } = signed(body, signWith);
    return request(this.service.server)
      .post("/webhooks/zalo")
      .set("Content-Type", "application/json")
      .set("X-ZEvent-Signature", signature)
      .send(raw);
  }

  /** Sends a text as `userId` and waits for the OA's next message to that user. */
  async say(userId: string, text: string, timeoutMs = 5_000): Promise<Outgoing> {
    const before = this.sent.length;
    const res = await this.post(zaloEvents.text(userId, text));
    expect(res.status).toBe(200);
    return this.nextTo(userId, before, timeoutMs);
  }

  async nextTo(userId: string, after: number, timeoutMs = 5_000): Promise<Outgoing> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.sent.slice(after).find((m) => m.to === userId);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`no message to ${userId} within ${timeoutMs} ms; sent: ${JSON.stringify(this.sent)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, Math.min(left, 100));
      });
    }
  }

  /** Presses a button as Zalo would: its payload arrives as the user's text. */
  async press(userId: string, button: { payload: unknown }): Promise<Outgoing> {
    return this.say(userId, String(button.payload));
  }

  async stop(): Promise<void> {
    await this.service.stop();
    nock.cleanAll();
    nock.enableNetConnect();
  }
}
