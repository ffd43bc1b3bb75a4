import cron from "node-cron";
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

/** A variable set to an empty string means "not set" (env files often leave `PORT=`). */
const blankAsUnset = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

const httpUrl = z.url({ protocol: /^https?$/ });

/** "07:30" */
const clockTime = (fallback: string) =>
  z.preprocess(
    blankAsUnset,
    z
      .string()
      .trim()
      .default(fallback)
      .refine((t) => /^([01]?\d|2[0-3]):[0-5]\d$/.test(t), "must be HH:MM, e.g. 07:30"),
  );

/** "21:00-07:00", or "off". */
const quietHours = z.preprocess(
  blankAsUnset,
  z
    .string()
    .trim()
    .default("21:00-07:00")
    .refine(
      (v) => v === "off" || /^([01]?\d|2[0-3]):[0-5]\d-([01]?\d|2[0-3]):[0-5]\d$/.test(v),
      'must be "HH:MM-HH:MM" (e.g. 21:00-07:00) or "off"',
    ),
);

const wholeNumber = (fallback: number, min: number, max: number) =>
  z.preprocess(blankAsUnset, z.coerce.number().int().min(min).max(max).default(fallback));

/** JOB_<NAME>_CRON: a job's schedule, replacing the default its module declares. */
const JOB_CRON = /^JOB_([A-Z0-9_]+)_CRON$/;

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
  // Jobs (Asia/Ho_Chi_Minh, see README "Reminders and alerts"). Each job's schedule can be
  // changed with JOB_<NAME>_CRON (JOB_MORNING_DIGEST_CRON …), checked below.
  /** A missed run still happens when the service is back within this many minutes. */
  JOB_CATCH_UP_GRACE_MINUTES: wholeNumber(120, 0, 24 * 60),
  REMINDER_DIGEST_TIME: clockTime("07:30"),
  REMINDER_DAYS_BEFORE: wholeNumber(3, 1, 20),
  DOSSIER_ESCALATE_AFTER_DAYS: wholeNumber(2, 1, 30),
  QUIET_HOURS: quietHours,
  INBOX_RETENTION_DAYS: wholeNumber(30, 1, 3650),
  /**
   * What this process does (README "Processes"): everything (all); the HTTP side only (web);
   * the inbox, the outbox and the jobs only (worker); or the web side here with a worker
   * child process at lower CPU priority (split), so acknowledging webhooks never waits
   * behind handling them.
   */
  SERVICE_ROLE: z.preprocess(blankAsUnset, z.enum(["all", "web", "worker", "split"]).default("all")),
});

/** The Zalo app every commune's OA is linked to: all three, or none (sandbox mode). */
const zaloAppKeys = ["ZALO_APP_ID", "ZALO_APP_SECRET", "ZALO_OA_SECRET_KEY"] as const;
/** A one-commune deployment's OA and its first refresh token: both, or neither. */
const zaloOaKeys = ["ZALO_OA_ID", "ZALO_REFRESH_TOKEN"] as const;
const zaloKeys = [...zaloAppKeys, ...zaloOaKeys] as const;

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
  const problems: string[] = [];
  const jobSchedules: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    const name = JOB_CRON.exec(key)?.[1];
    if (!name || value === undefined || value.trim() === "") continue;
    if (cron.validate(value.trim())) jobSchedules[name.toLowerCase().replace(/_/g, "-")] = value.trim();
    else problems.push(`${key}: not a valid cron expression (e.g. 30 7 * * 1-5)`);
  }
  const anyZalo = zaloKeys.some((k) => e[k] !== undefined);
  const missingApp = zaloAppKeys.filter((k) => e[k] === undefined);
  if (anyZalo && missingApp.length > 0) {
    problems.push(
      `${missingApp.join(", ")}: required when any Zalo credential is set (the app's three, or none)`,
    );
  }
  const oaKeys = zaloOaKeys.filter((k) => e[k] !== undefined);
  if (oaKeys.length === 1) {
    const missing = zaloOaKeys.filter((k) => e[k] === undefined);
    problems.push(
      `${missing.join(", ")}: required with ${oaKeys[0]} (the OA and its first refresh token go together)`,
    );
  }
  const mode = anyZalo && missingApp.length === 0 ? ("zalo" as const) : ("sandbox" as const);
  if (mode === "sandbox" && e.NODE_ENV === "production") {
    problems.push(`${zaloAppKeys.join(", ")}: required in production (the sandbox is refused there)`);
  }
  if (mode === "sandbox" && e.SERVICE_ROLE !== "all") {
    problems.push('SERVICE_ROLE: only "all" in sandbox mode (the sandbox\'s fake Zalo lives in one process)');
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
      /** The deployment's own OA, when ZALO_OA_ID is set; every other commune connects its own. */
      defaultOa: e.ZALO_OA_ID ? { oaId: e.ZALO_OA_ID, refreshToken: e.ZALO_REFRESH_TOKEN } : undefined,
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
    jobs: {
      /** Schedules set in the environment, by job name ("morning-digest"); others keep their default. */
      schedules: jobSchedules,
      catchUpGraceMs: e.JOB_CATCH_UP_GRACE_MINUTES * 60_000,
    },
    reminders: {
      digestTime: e.REMINDER_DIGEST_TIME.padStart(5, "0"),
      daysBefore: e.REMINDER_DAYS_BEFORE,
      escalateAfterDays: e.DOSSIER_ESCALATE_AFTER_DAYS,
      quietHours: parseQuietHours(e.QUIET_HOURS),
    },
    inboxRetentionDays: e.INBOX_RETENTION_DAYS,
    role: e.SERVICE_ROLE,
  };
}

/** Quiet hours as minutes of the day, or null when off; "21:00-07:00" spans midnight. */
function parseQuietHours(value: string): { from: number; to: number } | null {
  if (value === "off") return null;
  const [from, to] = value.split("-").map((t) => {
    const [h, m] = t.split(":").map(Number);
    return h! * 60 + m!;
  });
  return { from: from!, to: to! };
}
