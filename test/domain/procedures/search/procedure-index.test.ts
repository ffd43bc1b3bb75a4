import { beforeAll, describe, expect, it } from "vitest";
import {
  ProcedureIndex,
  type SearchOutcome,
} from "../../../../src/domain/procedures/search/procedure-index.js";
import { realIndex } from "./catalogue.js";

let index: ProcedureIndex;

beforeAll(async () => {
  ({ index } = await realIndex());
});

const top = (outcome: SearchOutcome) => outcome.results[0]?.code;

describe("ProcedureIndex on the real catalogue", () => {
  const cases: Array<[string, string]> = [
    ["làm giấy khai sinh cho con cần gì", "1.001193"],
    ["lam giay khai sinh cho con can gi", "1.001193"],
    ["cho e hỏi làm gks cho bé mới đẻ cần mang theo j ạ", "1.001193"],
    ["sao y bằng tốt nghiệp", "2.000815"],
    ["vo chong e moi cuoi, muon dkkh thi len xa lam dc ko", "1.000894"],
    ["lấy chồng đài loan thì đăng ký kết hôn ở đâu", "2.000806"],
    ["xin giấy xác nhận độc thân", "1.004873"],
    ["bố em mất tuần trước, làm giấy báo tử ở đâu", "1.000656"],
    ["giấy khai sinh bị mất hồi lũ, xin cấp lại được không", "1.004884"],
    ["nhập hộ khẩu cho vợ về nhà chồng", "1.004222"],
    ["chứng thực chữ ký giấy ủy quyền", "2.000884"],
    ["mất căn cước công dân làm lại ở đâu", "1.014064"],
    ["con 15 tuổi làm căn cước lần đầu", "1.014061"],
    // The law: a damaged card is exchanged, a lost one re-issued.
    ["cccd e bị gãy đôi r, đổi lại có mất phí ko ạ", "1.014063"],
    ["thẻ căn cước của vợ bị rách", "1.014063"],
    ["e chuyển vô sg lm lâu dài, đk nvqs chuyển đi ntn ạ", "1.013134"],
    ["chuyển về quê ở hẳn thì đăng ký nghĩa vụ quân sự chuyển đến ở đâu", "1.013137"],
    ["đăng ký hộ kinh doanh bán tạp hóa", "1.001612"],
    ["tranh chấp đất với hàng xóm xã có hòa giải không", "1.012812"],
  ];
  it.each(cases)("%s → %s", (text, code) => {
    const outcome = index.search(text);
    expect(outcome.decision).not.toBe("decline");
    expect(top(outcome)).toBe(code);
  });

  it("answers a clear question outright", () => {
    const outcome = index.search("thủ tục đăng ký khai sinh");
    expect(outcome.decision).toBe("answer");
    expect(outcome.topConfidence).toBeGreaterThan(0.55);
  });

  it.each([
    "sao y bằng đại học",
    "photo công chứng cccd hết bao nhiêu",
    "bản chính bị rách có chứng thực được không",
  ])("answers the everyday certified copy %j outright, not a copy of a certified contract", (text) => {
    const outcome = index.search(text);
    expect(outcome.decision).toBe("answer");
    expect(top(outcome)).toBe("2.000815");
  });

  it("reads the question of a long story on its own when the story would drown it", () => {
    // The story's words (a kitchen, a loan, an ID card to renew) point elsewhere; the question
    // is the last sentence. "căn cước" must not make its clause look like a question ("cần").
    const story =
      "Năm ngoái nhà tôi xây lại bếp, tiền vay ngân hàng chưa trả hết, căn cước của vợ tôi cũng sắp hết hạn phải đi đổi. " +
      "Con gái tôi năm nay vào lớp 10, học giỏi lắm, được thầy cô khen suốt. " +
      "Hồi cháu sinh ra cán bộ viết tên cháu là Thùy chứ không phải Thủy. " +
      "Cho tôi hỏi sửa lại tên trong giấy khai sinh cho cháu thì làm thế nào?";
    const outcome = index.search(story);
    expect(outcome.decision).not.toBe("decline");
    expect(top(outcome)).toBe("1.004859");
  });

  it("offers a choice when two procedures fit", () => {
    const outcome = index.search("làm khai sinh cho con và nhập khẩu cho cháu luôn");
    expect(outcome.decision).toBe("choose");
    const codes = outcome.results.slice(0, 3).map((r) => r.code);
    expect(codes).toContain("1.001193");
  });

  it.each(["alo ad oi", "chào buổi sáng, cảm ơn xã đã hỗ trợ ạ", "ok em cảm ơn nhiều ạ", "👍", ""])(
    "declines small talk: %j",
    (text) => {
      const outcome = index.search(text);
      expect(outcome.decision).toBe("decline");
      expect(outcome.declineReason).toBe("no_content");
    },
  );

  it.each([
    "giá lúa hôm nay bao nhiêu",
    "cúp điện từ sáng tới giờ chưa có lại",
    "đường trước nhà bị ngập, bao giờ xã cho người sửa",
    "đăng ký cho con vào lớp 1 ở đâu",
  ])("declines what no procedure covers: %s", (text) => {
    expect(index.search(text).decision).toBe("decline");
  });

  it("declines topics the catalogue does not hold, saying who handles them", () => {
    const divorce = index.search("thủ tục ly hôn thuận tình nộp ở đâu");
    expect(divorce.decision).toBe("decline");
    expect(divorce.declineReason).toBe("not_in_catalogue");
    expect(divorce.notInCatalogue?.referral).toMatch(/Tòa án/);
    expect(index.search("làm hộ chiếu ở đâu").notInCatalogue?.topic).toBe("cấp hộ chiếu");
    expect(index.search("mấy giờ UBND xã mở cửa").decision).toBe("decline");
  });

  it("still answers about a divorce recorded abroad", () => {
    expect(top(index.search("ghi chú ly hôn ở nước ngoài vào sổ hộ tịch"))).toBe("2.000554");
  });

  it("returns the ten identical 'Hỗ trợ phát triển sản xuất cộng đồng' records as one result", () => {
    const outcome = index.search("hỗ trợ phát triển sản xuất cộng đồng");
    const cluster = outcome.results.filter((r) => r.name.startsWith("Hỗ trợ phát triển sản xuất cộng đồng"));
    expect(cluster).toHaveLength(1);
    expect(cluster[0]!.code).toBe("1.014208");
    expect(cluster[0]!.alternatives).toHaveLength(9);
    expect(cluster[0]!.alternatives).toContain("1.002544");
  });

  it("finds branch-agency procedures but prefers the commune's on a tie", () => {
    const passport = index.search("mất hộ chiếu thì báo ở đâu");
    expect(top(passport)).toBe("1.010386");
    expect(passport.results[0]!.communeService).toBe(true);
    expect(passport.results.map((r) => r.code)).toContain("1.010385");
    const pension = index.search("giải quyết hưởng chế độ thai sản");
    expect(top(pension)).toBe("2.000693");
    expect(pension.results[0]!.communeService).toBe(false);
  });

  it("keeps confidences in 0–1, results in score order, and the limit", () => {
    for (const text of ["khai sinh", "đăng ký kết hôn có yếu tố nước ngoài", "giấy phép xây dựng"]) {
      const outcome = index.search(text, { limit: 3 });
      expect(outcome.results.length).toBeLessThanOrEqual(3);
      for (const r of outcome.results) {
        expect(r.confidence).toBeGreaterThanOrEqual(0);
        expect(r.confidence).toBeLessThanOrEqual(1);
      }
      const scores = outcome.results.map((r) => r.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect(outcome.topConfidence).toBe(outcome.results[0]!.confidence);
    }
  });

  it("survives messages that are not text at all", () => {
    for (const text of ["!!!???", "12345", "x".repeat(5000), "đ".repeat(50)]) {
      expect(() => index.search(text)).not.toThrow();
    }
  });
});

describe("ProcedureIndex.build", () => {
  it("indexes rows with only a code and a name (as the bot loads them from the database)", () => {
    const small = ProcedureIndex.build([
      { code: "1.001193", name: "Thủ tục đăng ký khai sinh", field: "Hộ tịch" },
      { code: "1.000894", name: "Thủ tục đăng ký kết hôn", field: "Hộ tịch" },
      { code: "9.000001", name: "Khai thuế giá trị gia tăng", commune_service: false },
      { code: "9.000002", name: "Khai thuế giá trị gia tăng", commune_service: false },
    ]);
    expect(small.size).toBe(3);
    expect(top(small.search("lấy vợ"))).toBe("1.000894");
    expect(small.search("khai thue gtgt").results[0]).toMatchObject({
      code: "9.000001",
      alternatives: ["9.000002"],
      communeService: false,
    });
  });
});
