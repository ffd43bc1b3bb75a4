import { type Logger, pino } from "pino";

export type { Logger };

/**
 * Paths that may carry secrets or citizens' personal data. pino removes them before a
 * line is written, wherever a caller puts them (request headers, error payloads, rows).
 */
const redactPaths = [
  "req.headers.authorization",
  'req.headers["x-admin-token"]',
  'req.headers["x-zevent-signature"]',
  "req.headers.cookie",
  "*.access_token",
  "*.refresh_token",
  "*.accessToken",
  "*.refreshToken",
  "*.secret_key",
  "*.app_secret",
  "*.phone",
  "*.applicantPhone",
  "*.password",
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "tro-ly-xa" },
      redact: { paths: redactPaths, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

const PHONE_PATTERN = /(?<!\d)(?:\+?84|0)(?:[\s.-]?\d){8,10}(?!\d)/g;

/** Masks Vietnamese phone numbers inside free text (chat messages) before it is logged. */
export function maskPhones(text: string): string {
  return text.replace(PHONE_PATTERN, (m) => `${m.slice(0, 3)}***${m.slice(-2)}`);
}
