import { describe, expect, it } from "vitest";
import { type Aspect, detectAspects } from "../../../../src/domain/procedures/search/aspects.js";

describe("detectAspects", () => {
  const cases: Array<[string, Aspect[]]> = [
    ["làm giấy khai sinh cần giấy tờ gì", ["documents"]],
    ["hồ sơ gồm những gì", ["documents"]],
    ["đi làm thì mang theo gì", ["documents"]],
    ["làm khai sinh bao lâu thì có", ["time"]],
    ["mấy ngày thì xong", ["time"]],
    ["khi nào có kết quả", ["time"]],
    ["lệ phí chứng thực là bao nhiêu", ["fee"]],
    ["làm căn cước mất phí không", ["fee"]],
    ["bao nhieu tien 1 ban", ["fee"]],
    ["tốn bao nhiêu vậy", ["fee"]],
    ["nộp hồ sơ ở đâu", ["documents", "where"]],
    ["đăng ký kết hôn làm ở đâu", ["where"]],
    ["thủ tục thế nào", ["steps"]],
    ["các bước đăng ký tạm trú", ["steps"]],
    ["trình tự thực hiện", ["steps"]],
    ["làm online được không", ["online"]],
    ["nộp trực tuyến qua dịch vụ công", ["online"]],
    ["ai được đăng ký thường trú", ["eligibility"]],
    ["điều kiện nhận con nuôi", ["eligibility"]],
    ["17 tuổi có được kết hôn không", ["eligibility"]],
    ["lệ phí bao nhiêu, làm online được không", ["fee", "online"]],
    ["thủ tục đăng ký khai sinh", ["general"]],
    ["chào ad", ["general"]],
  ];
  it.each(cases)("%s → %j", (text, aspects) => {
    expect(detectAspects(text)).toEqual(aspects);
  });

  it("drops weak hints once a strong one is there", () => {
    // "được không" hints at eligibility, but "bao lâu" names the question.
    expect(detectAspects("làm khai sinh bao lâu, được không")).toEqual(["time"]);
  });
});
