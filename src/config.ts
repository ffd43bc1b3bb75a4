import { z } from "zod";
import { resolveDatabaseUrl } from "./db/database-url.js";

/** Thrown when the environment is invalid; lists every problem, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

const optionalString = z
  .string()
  .trim()
  .transform((s) => (s === "" ? undefined : s))
  .optional();

const databaseUrl = z
  .string()
  .optional()
  .transform((url, ctx) => {
    try {
      return resolveDatabaseUrl(url);
    } catch (error) {
      ctx.addIssue({
        code: "custom",
        message: `${error instanceof Error ? error.message : String(error)} (leave it unset for the embedded database)`,
      });
      return z.NEVER;
    }
  });

const httpUrl = z.url({ protocol: /^https?$/ });

/** A variable set to an empty string means "not set" (env files often leave `PORT=`). */
const blankAsUnset = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATABASE_URL: databaseUrl,
  // 0 asks the OS for a free port (tests).
  PORT: z.preprocess(blankAsUnset, z.coerce.number().int().min(0).max(65535).default(3000)),
  PUBLIC_BASE_URL: httpUrl.optional(),
  TZ_DISPLAY: z
    .string()
    .default("Asia/Ho_Chi_Minh")
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, "not a known IANA time zone"),
  ZALO_APP_ID: optionalString,
  ZALO_APP_SECRET: optionalString,
  ZALO_OA_ID: optionalString,
  ZALO_OA_SECRET_KEY: optionalString,
  ZALO_REFRESH_TOKEN: optionalString,
  ZALO_API_BASE_URL: httpUrl.default("https://openapi.zalo.me"),
  ZALO_OAUTH_BASE_URL: httpUrl.default("https://oauth.zaloapp.com"),
  ZALO_SITE_VERIFICATION: optionalString,
  /** Outgoing messages per second across all recipients. */
  ZALO_SEND_RATE_PER_SECOND: z.preprocess(blankAsUnset, z.coerce.number().positive().max(1000).default(10)),
  /** Reject webhook events older than this many hours; unset = off (Zalo retries for hours). */
  ZALO_WEBHOOK_MAX_AGE_HOURS: z.preprocess(
    blankAsUnset,
    z.coerce.number().min(24, "must be at least 24: Zalo redelivers for hours").optional(),
  ),
  ADMIN_API_TOKEN: z
    .string()
    .trim()
    .optional()
    .transform((s) => (s === "" ? undefined : s))
    .refine((s) => s === undefined || s.length >= 16, "must be at least 16 characters"),
  /** Default: seed the demo commune into the embedded database only. */
  SEED_DEMO: z.enum(["true", "false", "1", "0", ""]).optional(),
  SHUTDOWN_TIMEOUT_MS: z.preprocess(blankAsUnset, z.coerce.number().int().min(1_000).default(10_000)),
});

const zaloKeys = [
  "ZALO_APP_ID",
  "ZALO_APP_SECRET",
  "ZALO_OA_ID",
  "ZALO_OA_SECRET_KEY",
  "ZALO_REFRESH_TOKEN",
] as const;

export type Config = ReturnType<typeof loadConfig>;

/** Parses the environment once at start-up; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join(".") || "(environment)"}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  const present = zaloKeys.filter((k) => e[k] !== undefined);
  const problems: string[] = [];
  if (present.length > 0 && present.length < zaloKeys.length) {
    const missing = zaloKeys.filter((k) => e[k] === undefined);
    problems.push(`${missing.join(", ")}: required when any Zalo credential is set (set all five or none)`);
  }
  const mode = present.length === zaloKeys.length ? ("zalo" as const) : ("sandbox" as const);
  if (mode === "sandbox" && e.NODE_ENV === "production") {
    problems.push(`${zaloKeys.join(", ")}: required in production (the sandbox is refused there)`);
  }
  if (e.NODE_ENV === "production" && !e.ADMIN_API_TOKEN) {
    problems.push("ADMIN_API_TOKEN: required in production");
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    database: e.DATABASE_URL,
    port: e.PORT,
    publicBaseUrl: e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`,
    displayTimeZone: e.TZ_DISPLAY,
    mode,
    zalo: {
      appId: e.ZALO_APP_ID,
      appSecret: e.ZALO_APP_SECRET,
      oaId: e.ZALO_OA_ID,
      oaSecretKey: e.ZALO_OA_SECRET_KEY,
      refreshToken: e.ZALO_REFRESH_TOKEN,
      apiBaseUrl: e.ZALO_API_BASE_URL.replace(/\/$/, ""),
      oauthBaseUrl: e.ZALO_OAUTH_BASE_URL.replace(/\/$/, ""),
      siteVerification: e.ZALO_SITE_VERIFICATION,
      sendRatePerSecond: e.ZALO_SEND_RATE_PER_SECOND,
      webhookMaxAgeMs:
        e.ZALO_WEBHOOK_MAX_AGE_HOURS === undefined ? undefined : e.ZALO_WEBHOOK_MAX_AGE_HOURS * 3_600_000,
    },
    adminApiToken: e.ADMIN_API_TOKEN,
    seedDemo:
      e.SEED_DEMO === undefined || e.SEED_DEMO === ""
        ? e.DATABASE_URL.provider === "sqlite" && e.NODE_ENV !== "production"
        : e.SEED_DEMO === "true" || e.SEED_DEMO === "1",
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
  };
}
