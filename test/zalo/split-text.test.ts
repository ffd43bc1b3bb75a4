import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitText } from "../../src/zalo/split-text.js";

describe("splitText", () => {
  it("keeps a short text whole", () => {
    expect(splitText("Xin chào anh/chị.")).toEqual(["Xin chào anh/chị."]);
  });

  it("breaks at a line boundary rather than inside a line", () => {
    const line = `${"a".repeat(30)}\n`;
    const chunks = splitText(line.repeat(10), 100);
    expect(chunks.every((c) => /^(a{30}\n?)+$/.test(c))).toBe(true);
  });

  it("breaks after a sentence when there is no line break", () => {
    const text = "Hồ sơ gồm tờ khai. Bản sao giấy tờ tùy thân. Giấy chứng sinh bản chính. ".repeat(40);
    for (const chunk of splitText(text, 200)) expect(chunk).toMatch(/\.$/);
  });

  it("cuts a single unbroken run hard", () => {
    expect(splitText("x".repeat(450), 200).map((c) => c.length)).toEqual([200, 200, 50]);
  });

  it("never exceeds the limit and loses no non-space character", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000 }), fc.integer({ min: 5, max: 300 }), (text, limit) => {
        const chunks = splitText(text, limit);
        expect(chunks.every((c) => c.length <= limit && c.length > 0)).toBe(true);
        expect(chunks.join("").replace(/\s/g, "")).toBe(text.replace(/\s/g, ""));
      }),
    );
  });
});
