import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, maskPhones } from "../src/logger.js";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger("info", stream), text: () => lines.join("") };
}

describe("logger", () => {
  it("removes tokens, secrets and phone numbers wherever a caller puts them", () => {
    const { log, text } = capture();
    log.info(
      {
        token: { access_token: "AT-123", refresh_token: "RT-456" },
        dossier: { applicantPhone: "0912345678", receiptCode: "H45-1" },
        official: { phone: "0987654321", name: "Lê Văn A" },
        req: { headers: { authorization: "Bearer admin-secret", "x-zevent-signature": "mac=abc" } },
      },
      "event",
    );
    const out = text();
    for (const secret of ["AT-123", "RT-456", "0912345678", "0987654321", "admin-secret", "mac=abc"]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain("H45-1");
    expect(out).toContain("Lê Văn A");
  });

  it("masks phone numbers inside free text", () => {
    expect(maskPhones("gọi em 0912 345 678 nhé, hoặc +84987654321")).not.toMatch(/345 678|87654321/);
    expect(maskPhones("hồ sơ số 000.00.21.H45-260213-0001")).toBe("hồ sơ số 000.00.21.H45-260213-0001");
  });
});
