import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { signZaloBody, verifyZaloSignature } from "../../src/zalo/signature.js";

interface Vector {
  name: string;
  app_id: string;
  oa_id: string;
  oa_secret_key: string;
  timestamp: string;
  raw_body: string;
  header: string;
  signed_with: string;
}

// Computed independently from the documented formula (the team's shared vectors, copied into test/fixtures).
const vectors: Vector[] = JSON.parse(
  readFileSync(join(process.cwd(), "test/fixtures/zalo-signature-vectors.json"), "utf8"),
);

describe("verifyZaloSignature against the shared test vectors", () => {
  it.each(vectors)("$name", (v) => {
    const result = verifyZaloSignature(v.header, Buffer.from(v.raw_body, "utf8"), v.timestamp, {
      appId: v.app_id,
      oaId: v.oa_id,
      oaSecretKey: v.oa_secret_key,
    });
    if (v.signed_with === "app_id" || v.signed_with === "oa_id") {
      expect(result).toEqual({ ok: true, signedWith: v.signed_with });
    } else {
      expect(result).toEqual({ ok: false, reason: "mismatch" });
    }
  });

  it("covers both id variants and the HMAC impostor", () => {
    expect(new Set(vectors.map((v) => v.signed_with))).toEqual(new Set(["app_id", "oa_id", "hmac (wrong)"]));
  });
});

describe("verifyZaloSignature", () => {
  const keys = { appId: "111", oaId: "222", oaSecretKey: "s3cret" };
  const body = Buffer.from('{"event_name":"user_send_text","timestamp":"1700000000000"}');

  it("rejects a body changed by one byte (re-serialised JSON never matches)", () => {
    const header = signZaloBody("111", body, "1700000000000", "s3cret");
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(body.toString()), null, 1));
    expect(verifyZaloSignature(header, reserialised, "1700000000000", keys)).toEqual({
      ok: false,
      reason: "mismatch",
    });
  });

  it("rejects a signature made with another secret or timestamp", () => {
    expect(
      verifyZaloSignature(signZaloBody("111", body, "1700000000000", "other"), body, "1700000000000", keys)
        .ok,
    ).toBe(false);
    expect(
      verifyZaloSignature(signZaloBody("111", body, "1700000000001", "s3cret"), body, "1700000000000", keys)
        .ok,
    ).toBe(false);
  });

  it("says why a header is refused", () => {
    expect(verifyZaloSignature(undefined, body, "1", keys)).toEqual({
      ok: false,
      reason: "missing_signature",
    });
    expect(verifyZaloSignature("sha256=abc", body, "1", keys)).toEqual({
      ok: false,
      reason: "malformed_signature",
    });
    expect(verifyZaloSignature(`mac=${"a".repeat(64)}`, body, undefined, keys)).toEqual({
      ok: false,
      reason: "missing_timestamp",
    });
  });

  it("accepts upper-case hex", () => {
    const header = signZaloBody("222", body, "1700000000000", "s3cret").toUpperCase().replace("MAC=", "mac=");
    expect(verifyZaloSignature(header, body, "1700000000000", keys)).toEqual({
      ok: true,
      signedWith: "oa_id",
    });
  });
});
