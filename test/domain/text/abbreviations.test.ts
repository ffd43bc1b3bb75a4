import { describe, expect, it } from "vitest";
import { abbreviations, parseAbbreviations } from "../../../src/domain/text/abbreviations.js";

const file = (sections: Record<string, unknown>) =>
  JSON.stringify({ shared: {}, officials: {}, citizens: {}, ...sections });

describe("the shipped abbreviations", () => {
  it("gives each audience the shared short forms, folded", () => {
    for (const audience of ["officials", "citizens"] as const) {
      expect(abbreviations(audience).get("ko")).toEqual(["khong"]);
      expect(abbreviations(audience).get("dk")).toEqual(["dang", "ky"]);
    }
  });

  it("keeps what only one audience means apart", () => {
    expect(abbreviations("officials").get("nv")).toEqual(["nhiem", "vu"]);
    expect(abbreviations("officials").get("tk")).toEqual(["thong", "ke"]);
    expect(abbreviations("citizens").has("nv")).toBe(false);
    expect(abbreviations("citizens").get("c")).toEqual(["chi"]);
    expect(abbreviations("officials").has("c")).toBe(false);
  });
});

describe("parseAbbreviations", () => {
  it("reads groups of short forms in each section", () => {
    const tables = parseAbbreviations(
      file({ shared: { negation: { ko: "không" } }, officials: { tasks: { nv: "nhiệm vụ" } } }),
      "test.json",
    );
    expect([...tables.officials]).toEqual([
      ["ko", ["khong"]],
      ["nv", ["nhiem", "vu"]],
    ]);
    expect([...tables.citizens]).toEqual([["ko", ["khong"]]]);
  });

  it.each([
    ["a key with tone marks", file({ shared: { g: { đk: "đăng ký" } } }), "shared › g › đk: an abbreviation"],
    ["an upper-case key", file({ citizens: { g: { KO: "không" } } }), "citizens › g › KO: an abbreviation"],
    ["words in capitals", file({ shared: { g: { vn: "Việt Nam" } } }), "shared › g › vn: the words are"],
    ["double spaces", file({ shared: { g: { ks: "khai  sinh" } } }), "shared › g › ks: the words are"],
    ["decomposed words", file({ shared: { g: { ms: "mới".normalize("NFD") } } }), "shared › g › ms:"],
    ["a missing section", JSON.stringify({ shared: {}, officials: {} }), "citizens:"],
    ["an unknown section", file({ everyone: {} }), 'Unrecognized key: "everyone"'],
    [
      "a short form twice",
      file({ shared: { g: { ko: "không" } }, officials: { h: { ko: "không" } } }),
      'officials › h › ko: "ko" is also in shared › g',
    ],
    ["broken JSON", '{ "shared": ', "bad.json is not valid JSON"],
  ])("rejects %s, naming the file and the entry", (_what, json, message) => {
    expect(() => parseAbbreviations(json, "bad.json")).toThrow(message);
    expect(() => parseAbbreviations(json, "bad.json")).toThrow(/^bad\.json /);
  });
});
