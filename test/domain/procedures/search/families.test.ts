import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { AssetError } from "../../../../src/assets.js";
import { Families, families, type FamiliesFile } from "../../../../src/domain/procedures/search/families.js";
import type { ProcedureIndex } from "../../../../src/domain/procedures/search/procedure-index.js";
import { realIndex } from "./catalogue.js";

let index: ProcedureIndex;
let commune: Map<string, boolean>;

beforeAll(async () => {
  const real = await realIndex();
  index = real.index;
  commune = new Map(real.records.map((r) => [r.code, r.commune_service]));
});

const file = (): FamiliesFile => JSON.parse(readFileSync("assets/qa/families.json", "utf8")) as FamiliesFile;

describe("assets/qa/families.json", () => {
  it("names only commune procedures of the catalogue, each in one family", () => {
    for (const family of families().families)
      for (const v of family.variants) expect(commune.get(v.code), `${family.id} ${v.code}`).toBe(true);
  });

  it("is refused with the family named when a default, option, qualifier or code is wrong", () => {
    const broken = (edit: (f: FamiliesFile) => void) => {
      const f = file();
      edit(f);
      return () => Families.fromFile(f);
    };
    expect(broken((f) => (f.families[0]!.default = "9.999999"))).toThrow(/khai-sinh: default 9.999999/);
    expect(broken((f) => f.families[0]!.variants[1]!.qualifiers.push("nope"))).toThrow(AssetError);
    expect(broken((f) => f.families[1]!.variants.push({ ...f.families[0]!.variants[0]! }))).toThrow(
      /in two families/,
    );
    expect(
      broken((f) => {
        f.families[0]!.default = null;
      }),
    ).toThrow(/no default and no question/);
  });
});

describe("one clarifying answer", () => {
  it("answers the default variant of a family named without qualifier, siblings as buttons", () => {
    const outcome = index.search("làm giấy khai sinh cho con cần gì");
    expect(outcome.decision).toBe("answer");
    expect(outcome.results[0]!.code).toBe("1.001193");
    const options = outcome.clarification!.options;
    expect(options.length).toBeLessThanOrEqual(3);
    expect(options.map((o) => o.code)).toContain("2.000528");
    expect(options.find((o) => o.code === "2.000528")!.when).toBe("có yếu tố nước ngoài");
  });

  it("answers the variant a qualifier calls for", () => {
    expect(index.search("khai sinh cho con, chồng em người Hàn Quốc").results[0]!.code).toBe("2.000528");
    expect(index.search("kết hôn lại quốc tế").results[0]!.code).toBe("2.000513");
    expect(index.search("đăng ký khai tử lưu động cho bố nằm liệt giường").results[0]!.code).toBe("1.000419");
  });

  it("keeps cấp lại and cấp đổi apart", () => {
    const lost = index.search("cap lai cccd o dau");
    expect(lost.decision).toBe("answer");
    expect(lost.results[0]!.code).toBe("1.014064");
    for (const o of lost.clarification?.options ?? []) expect(o.label).toMatch(/Cấp lại/);
  });

  it("asks one short question, at most three buttons, where no variant is the default", () => {
    const outcome = index.search("lam cccd");
    expect(outcome.decision).toBe("choose");
    expect(outcome.clarification).toMatchObject({ kind: "question", family: "can-cuoc" });
    expect(outcome.clarification!.options.map((o) => o.label)).toEqual([
      "Làm lần đầu",
      "Cấp đổi thẻ",
      "Cấp lại thẻ (mất)",
    ]);
  });

  it("leaves declines and procedures outside the families alone", () => {
    expect(index.search("làm hộ chiếu ở đâu").clarification).toBeUndefined();
    expect(index.search("xin giấy xác nhận độc thân").clarification).toBeUndefined();
  });
});

describe("declines that help", () => {
  it("refers a strict topic even when the rest of the message fits a procedure", () => {
    const outcome = index.search("Em muốn thành lập công ty TNHH, đăng ký kinh doanh ở xã được không?");
    expect(outcome.decision).toBe("decline");
    expect(outcome.notInCatalogue).toMatchObject({ kind: "referral", strict: true });
    expect(outcome.notInCatalogue!.referral).toMatch(/Đăng ký kinh doanh/);
    // A household business is the commune's.
    expect(index.search("đăng ký hộ kinh doanh bán tạp hóa").results[0]!.code).toBe("1.001612");
  });

  it("names a personal dispute as such, and leaves a land dispute to its procedure", () => {
    expect(index.search("hàng xóm chửi nhau với nhà tôi suốt").notInCatalogue?.kind).toBe("dispute");
    expect(index.search("tranh chấp đất với hàng xóm xã có hòa giải không").results[0]!.code).toBe(
      "1.012812",
    );
  });
});
