import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { createLogger } from "../../src/logger.js";
import { OaClient } from "../../src/zalo/oa-client.js";
import { TokenManager } from "../../src/zalo/token-manager.js";
import { createTestDatabase, providers } from "../support/test-database.js";

const OAUTH = "https://oauth.zalo.test";
const API = "https://zalo.test";
const log = createLogger("silent");

function manager(db: Database, bootstrap = "rt-0") {
  return new TokenManager(
    db.prisma,
    {
      oaId: "oa1",
      appId: "app1",
      appSecret: "app-secret",
      oauthBaseUrl: OAUTH,
      bootstrapRefreshToken: bootstrap,
    },
    log,
  );
}

/** OAuth that rotates pairs: each refresh token works once. */
function rotatingOAuth(start = 0) {
  let current = start;
  const calls: string[] = [];
  const scope = nock(OAUTH, { reqheaders: { secret_key: "app-secret" } })
    .persist()
    .post("/v4/oa/access_token")
    .delay(30)
    .reply(200, (_uri, body) => {
      const params = new URLSearchParams(String(body));
      calls.push(params.get("refresh_token") ?? "");
      if (params.get("refresh_token") !== `rt-${current}` || params.get("grant_type") !== "refresh_token") {
        return { error: -14020, error_description: "Invalid refresh token" };
      }
      current += 1;
      return { access_token: `at-${current}`, refresh_token: `rt-${current}`, expires_in: "90000" };
    });
  return { calls, scope };
}

describe.each(providers())("TokenManager on %s", (provider) => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
    nock.disableNetConnect();
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    await db.prisma.oaToken.deleteMany();
  });
  afterEach(() => {
    nock.cleanAll();
  });

  it("bootstraps from ZALO_REFRESH_TOKEN, stores the new pair, and reuses it while valid", async () => {
    const oauth = rotatingOAuth();
    const tokens = manager(db);
    expect(await tokens.accessToken()).toBe("at-1");
    expect(await tokens.accessToken()).toBe("at-1");
    expect(oauth.calls).toEqual(["rt-0"]);
    const row = await db.prisma.oaToken.findUniqueOrThrow({ where: { oaId: "oa1" } });
    expect(row).toMatchObject({ accessToken: "at-1", refreshToken: "rt-1", state: "ok", lockedUntil: null });
    expect(row.accessExpiresAt!.getTime() - Date.now()).toBeGreaterThan(24 * 3_600_000);
  });

  it("hits the OAuth endpoint once when two callers in one process refresh at once", async () => {
    const oauth = rotatingOAuth();
    const tokens = manager(db);
    const results = await Promise.all([
      tokens.accessToken(),
      tokens.accessToken(),
      tokens.refreshAfterRejection("x"),
    ]);
    expect(new Set(results)).toEqual(new Set(["at-1"]));
    expect(oauth.calls).toHaveLength(1);
  });

  it("hits the OAuth endpoint once when two replicas refresh at once (database lease + re-read)", async () => {
    const oauth = rotatingOAuth();
    const [a, b] = await Promise.all([manager(db).accessToken(), manager(db).accessToken()]);
    expect(a).toBe("at-1");
    expect(b).toBe("at-1");
    expect(oauth.calls).toEqual(["rt-0"]);
  });

  it("refreshes once and retries once when a send meets an expired token (-216)", async () => {
    const oauth = rotatingOAuth();
    const tokens = manager(db);
    await tokens.accessToken(); // at-1 stored
    nock(API, { reqheaders: { access_token: "at-1" } })
      .post("/v3.0/oa/message/cs")
      .reply(200, { error: -216, message: "Access token is invalid" });
    nock(API, { reqheaders: { access_token: "at-2" } })
      .post("/v3.0/oa/message/cs")
      .reply(200, { error: 0, data: { message_id: "m" } });
    expect(await new OaClient(API, tokens).sendText("u", "hi")).toEqual({ messageId: "m" });
    expect(oauth.calls).toEqual(["rt-0", "rt-1"]);
  });

  it("marks the state failed when Zalo refuses the refresh token, and recovers from a new one", async () => {
    rotatingOAuth(5); // only rt-5 is valid
    const tokens = manager(db, "rt-0");
    await expect(tokens.accessToken()).rejects.toThrow(/OAuth refused the refresh: -14020/);
    expect(await tokens.state()).toMatchObject({ token: "failed" });

    // The operator re-authorises and sets a new ZALO_REFRESH_TOKEN.
    const fixed = manager(db, "rt-5");
    expect(await fixed.accessToken()).toBe("at-6");
    expect((await fixed.state()).token).toBe("ok");
  });
});
