/**
 * Zalo answers most errors with HTTP 200 and `error != 0`. These classes say what the
 * caller should do, not what Zalo called it: retry later, give up on this recipient,
 * refresh the token, or fix the request.
 */
export class ZaloError extends Error {
  constructor(
    message: string,
    readonly code: number | null,
    readonly endpoint: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Network failure, timeout, HTTP 5xx: try again later. */
export class ZaloTransientError extends ZaloError {}

/** -32 or HTTP 429: slow down, then try again. */
export class ZaloRateLimitError extends ZaloError {
  constructor(
    message: string,
    code: number | null,
    endpoint: string,
    readonly retryAfterMs: number,
  ) {
    super(message, code, endpoint);
  }
}

/** -216 / -220 / HTTP 401: the access token is invalid or expired. */
export class ZaloTokenError extends ZaloError {}

/**
 * The recipient cannot be reached by this kind of message: outside the 7-day window
 * (-230, -232), not following (-213), blocked (-217), inactive (-227), restricted (-244).
 * Permanent for this message: route it elsewhere (a group, the desk), never retry.
 */
export class ZaloUnreachableError extends ZaloError {}

/** Anything else Zalo refused (invalid field, missing permission, package): fix, don't retry. */
export class ZaloPermanentError extends ZaloError {}

const UNREACHABLE = new Set([-213, -217, -227, -230, -232, -244, -403]);
const TOKEN = new Set([-216, -220]);
const RATE_LIMIT = new Set([-32]);
const TRANSIENT = new Set([-1, -2, -3]);

export function errorForCode(code: number, message: string, endpoint: string): ZaloError {
  const text = `Zalo ${endpoint}: ${code} ${message}`;
  if (TOKEN.has(code)) return new ZaloTokenError(text, code, endpoint);
  if (RATE_LIMIT.has(code)) return new ZaloRateLimitError(text, code, endpoint, 60_000);
  if (UNREACHABLE.has(code)) return new ZaloUnreachableError(text, code, endpoint);
  if (TRANSIENT.has(code)) return new ZaloTransientError(text, code, endpoint);
  return new ZaloPermanentError(text, code, endpoint);
}
