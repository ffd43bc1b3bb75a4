import { createHash, timingSafeEqual } from "node:crypto";

export interface SignatureKeys {
  appId: string;
  /** The OA whose id may stand first in the MAC instead of the app id (community reports). */
  oaId?: string | undefined;
  oaSecretKey: string;
}

export type SignatureCheck =
  | { ok: true; signedWith: "app_id" | "oa_id" }
  | { ok: false; reason: "missing_signature" | "malformed_signature" | "missing_timestamp" | "mismatch" };

/**
 * Zalo's webhook MAC: `mac=` + sha256 hex of (first id + raw body + timestamp + OA secret
 * key). Plain SHA-256, not HMAC; the timestamp comes from the JSON body; the body must be
 * the exact bytes received. Docs say the first id is the app id, community reports say
 * the OA id: both are accepted and the caller logs which one matched.
 */
export function verifyZaloSignature(
  header: string | undefined,
  rawBody: Buffer,
  timestamp: string | undefined,
  keys: SignatureKeys,
): SignatureCheck {
  if (!header) return { ok: false, reason: "missing_signature" };
  const match = /^mac=([0-9a-f]{64})$/i.exec(header.trim());
  if (!match?.[1]) return { ok: false, reason: "malformed_signature" };
  if (!timestamp) return { ok: false, reason: "missing_timestamp" };
  const received = Buffer.from(match[1].toLowerCase(), "hex");
  for (const [signedWith, id] of [
    ["app_id", keys.appId],
    ["oa_id", keys.oaId],
  ] as const) {
    if (!id) continue;
    const expected = macOf(id, rawBody, timestamp, keys.oaSecretKey);
    if (timingSafeEqual(expected, received)) return { ok: true, signedWith };
  }
  return { ok: false, reason: "mismatch" };
}

function macOf(id: string, rawBody: Buffer, timestamp: string, secret: string): Buffer {
  return createHash("sha256").update(id).update(rawBody).update(timestamp).update(secret).digest();
}

/** Signs a body the way Zalo does: for tests, the sandbox and a fake Zalo. */
export function signZaloBody(
  id: string,
  rawBody: Buffer | string,
  timestamp: string,
  secret: string,
): string {
  const body = typeof rawBody === "string" ? Buffer.from(rawBody) : rawBody;
  return `mac=${macOf(id, body, timestamp, secret).toString("hex")}`;
}
