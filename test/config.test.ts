import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

const zalo = {
  ZALO_APP_ID: "1234567890",
  ZALO_APP_SECRET: "app-secret",
  ZALO_OA_ID: "9876543210",
  ZALO_OA_SECRET_KEY: "oa-secret",
  ZALO_REFRESH_TOKEN: "refresh",
};

describe("loadConfig", () => {
  it("defaults to the embedded database, port 3000, Vietnam time and sandbox mode", () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ provider: "sqlite", url: "file:./data/tro-ly-xa.db", embedded: true });
    expect(config.port).toBe(3000);
    expect(config.displayTimeZone).toBe("Asia/Ho_Chi_Minh");
    expect(config.mode).toBe("sandbox");
    expect(config.zalo.apiBaseUrl).toBe("https://openapi.zalo.me");
    expect(config.zalo.oauthBaseUrl).toBe("https://oauth.zaloapp.com");
    expect(config.seedDemo).toBe(true);
  });

  it("names PORT when it is not a number", () => {
    expect(problemsOf({ PORT: "abc" })).toEqual([expect.stringMatching(/^PORT: /)]);
  });

  it("names DATABASE_URL when it is malformed, with what is expected", () => {
    const [problem] = problemsOf({ DATABASE_URL: "mysql://localhost/x" });
    expect(problem).toMatch(/^DATABASE_URL: must start with file:, postgres:\/\/ or postgresql:\/\//);
    expect(problemsOf({ DATABASE_URL: "postgresql://localhost" })[0]).toMatch(
      /^DATABASE_URL: needs a database name/,
    );
  });

  it("lists every bad variable at once", () => {
    const problems = problemsOf({
      PORT: "70000",
      DATABASE_URL: "nope",
      TZ_DISPLAY: "Mars/Olympus",
      ZALO_API_BASE_URL: "ftp://x",
    });
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual([
      "DATABASE_URL",
      "PORT",
      "TZ_DISPLAY",
      "ZALO_API_BASE_URL",
    ]);
  });

  it("accepts PostgreSQL and does not seed demo data there unless asked", () => {
    const config = loadConfig({ DATABASE_URL: "postgresql://u:p@db.example:5432/xa" });
    expect(config.database.provider).toBe("postgres");
    expect(config.seedDemo).toBe(false);
    expect(loadConfig({ DATABASE_URL: "postgresql://u:p@db/xa", SEED_DEMO: "true" }).seedDemo).toBe(true);
    expect(loadConfig({ SEED_DEMO: "false" }).seedDemo).toBe(false);
  });

  it("switches to Zalo mode only with all five credentials, and names the missing ones", () => {
    expect(loadConfig(zalo).mode).toBe("zalo");
    const { ZALO_OA_SECRET_KEY: _omit, ...partial } = zalo;
    expect(problemsOf(partial)).toEqual([expect.stringContaining("ZALO_OA_SECRET_KEY")]);
  });

  it("refuses the sandbox in production and requires an admin token there", () => {
    const problems = problemsOf({ NODE_ENV: "production" });
    expect(problems.join("\n")).toMatch(/ZALO_APP_ID.*required in production/);
    expect(problems.join("\n")).toMatch(/ADMIN_API_TOKEN: required in production/);
    expect(loadConfig({ ...zalo, NODE_ENV: "production", ADMIN_API_TOKEN: "x".repeat(32) }).mode).toBe(
      "zalo",
    );
  });

  it("runs everything in one process unless SERVICE_ROLE says otherwise, and splits only with Zalo", () => {
    expect(loadConfig({}).role).toBe("all");
    expect(loadConfig({ ...zalo, SERVICE_ROLE: "split" }).role).toBe("split");
    expect(loadConfig({ ...zalo, SERVICE_ROLE: "" }).role).toBe("all");
    expect(problemsOf({ ...zalo, SERVICE_ROLE: "both" })).toEqual([expect.stringMatching(/^SERVICE_ROLE: /)]);
    // The sandbox's fake Zalo lives in the web process: a worker elsewhere could not reach it.
    expect(problemsOf({ SERVICE_ROLE: "split" })).toEqual([
      expect.stringMatching(/^SERVICE_ROLE: only "all" in sandbox mode/),
    ]);
  });

  it("keeps the webhook age limit off by default and refuses one shorter than Zalo's retries", () => {
    expect(loadConfig({}).zalo.webhookMaxAgeMs).toBeUndefined();
    expect(loadConfig({ ZALO_WEBHOOK_MAX_AGE_HOURS: "48" }).zalo.webhookMaxAgeMs).toBe(48 * 3_600_000);
    expect(problemsOf({ ZALO_WEBHOOK_MAX_AGE_HOURS: "1" })[0]).toMatch(
      /^ZALO_WEBHOOK_MAX_AGE_HOURS: must be at least 24/,
    );
  });

  it("never echoes a secret value in its messages", () => {
    const problems = problemsOf({ ...zalo, ADMIN_API_TOKEN: "short-secret", PORT: "x" });
    expect(problems.join("\n")).not.toContain("short-secret");
  });
});

describe("blank variables", () => {
  it("treat an empty value as unset rather than as zero", () => {
    const config = loadConfig({
      PORT: "",
      SHUTDOWN_TIMEOUT_MS: " ",
      ZALO_WEBHOOK_MAX_AGE_HOURS: "",
      ZALO_SEND_RATE_PER_SECOND: "",
    });
    expect(config.port).toBe(3000);
    expect(config.shutdownTimeoutMs).toBe(10_000);
    expect(config.zalo.webhookMaxAgeMs).toBeUndefined();
    expect(config.zalo.sendRatePerSecond).toBe(10);
  });
});
