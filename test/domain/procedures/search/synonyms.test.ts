import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { normalizeText, tokensOf } from "../../../../src/domain/procedures/search/normalize.js";
import {
  COMMON_PROCEDURES,
  compilePhrase,
  findNotInCatalogue,
  findSynonyms,
  NOT_IN_CATALOGUE,
  SYNONYMS,
} from "../../../../src/domain/procedures/search/synonyms.js";
import { realIndex } from "./catalogue.js";

const meansOf = (text: string) => findSynonyms(normalizeText(text)).map((m) => m.means);
const n = (text: string) => normalizeText(text, { repairSpelling: false });

describe("findSynonyms", () => {
  const cases: Array<[string, string]> = [
    ["làm giấy khai sinh cho con", "đăng ký khai sinh"],
    ["làm khai sinh cho con", "đăng ký khai sinh"],
    ["con mới đẻ được 1 tuần", "đăng ký khai sinh"],
    ["lấy vợ thì làm giấy gì", "đăng ký kết hôn"],
    ["sắp lấy chồng", "đăng ký kết hôn"],
    ["tháng sau cưới", "đăng ký kết hôn"],
    ["sao y bằng tốt nghiệp", "chứng thực bản sao từ bản chính giấy tờ văn bản"],
    ["công chứng bản sao học bạ", "chứng thực bản sao từ bản chính giấy tờ văn bản"],
    ["photo công chứng cccd", "chứng thực bản sao từ bản chính giấy tờ văn bản"],
    ["nhập hộ khẩu cho vợ", "đăng ký thường trú"],
    ["nhap hk cho con", "đăng ký thường trú"],
    ["bố em mất hôm qua", "đăng ký khai tử"],
    ["ông nội qua đời", "đăng ký khai tử"],
    ["xác nhận độc thân", "xác nhận tình trạng hôn nhân"],
    ["nhận con nuôi", "đăng ký nuôi con nuôi"],
    ["chứng chữ ký giấy ủy quyền", "chứng thực chữ ký"],
    ["ký tên xác nhận", "chứng thực chữ ký"],
    ["mất giấy khai sinh", "đăng ký lại khai sinh"],
    ["lấy chồng hàn quốc", "có yếu tố nước ngoài"],
    ["tách hộ khẩu ra ở riêng", "tách hộ"],
    ["sửa lại tên trong giấy khai sinh", "thay đổi cải chính bổ sung thông tin hộ tịch"],
    ["cán bộ ghi nhầm tên con", "thay đổi cải chính bổ sung thông tin hộ tịch"],
    ["con đi làm xa cả năm có phải khai báo không", "khai báo tạm vắng"],
    ["họ hàng ra chơi ở lại mấy đêm có phải báo không", "thông báo lưu trú"],
    ["mún xin vô hộ cận nghèo", "công nhận hộ nghèo hộ cận nghèo"],
    ["chuyển đất vườn thành đất ở", "chuyển mục đích sử dụng đất"],
    ["quán đóng hẳn rồi, hủy giấy phép hkd", "chấm dứt hoạt động hộ kinh doanh"],
    ["heo bị dịch tả châu phi phải tiêu hủy", "hỗ trợ thiệt hại do dịch bệnh động vật"],
    ["nhà khoan giếng lấy nước tưới", "đăng ký khai thác nước dưới đất"],
    ["ông để lại thanh kiếm cổ để thờ", "khai báo vũ khí thô sơ"],
    [
      "bố mẹ chưa đăng ký kết hôn, làm khai sinh cho cháu",
      "đăng ký khai sinh kết hợp đăng ký nhận cha mẹ con",
    ],
    ["xin trích lục khai sinh", "cấp bản sao trích lục hộ tịch"],
    ["mất trích lục nhận cha con, xin lại ở đâu", "cấp bản sao trích lục hộ tịch"],
    ["làm giấy khai sinh có tên bố cho con", "đăng ký khai sinh kết hợp đăng ký nhận cha mẹ con"],
    [
      "làm khai sinh với thẻ bhyt cho bé",
      "liên thông đăng ký khai sinh cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
    ],
    [
      "tôi bán mảnh đất cho người trong xóm, hợp đồng xong rồi, giờ thuế thu nhập cá nhân khai ở đâu",
      "khai thuế thu nhập cá nhân đối với cá nhân có thu nhập từ chuyển nhượng bất động sản nhận thừa kế",
    ],
    [
      "cho thuê căn nhà mặt đường 15 triệu một tháng thì tự khai thuế",
      "khai thuế đối với cá nhân cho thuê bất động sản",
    ],
    [
      "lương hưu đang lĩnh ở tỉnh khác giờ muốn chuyển về đây",
      "giải quyết chuyển hưởng sang địa bàn khác đối với người đang hưởng lương hưu",
    ],
    [
      "mang quà từ nhật về quá định mức",
      "thủ tục hải quan đối với hành lý của người nhập cảnh vượt quá định mức miễn thuế",
    ],
    [
      "làm sổ đỏ lần đầu",
      "đăng ký đất đai cấp giấy chứng nhận quyền sử dụng đất lần đầu hộ gia đình cá nhân",
    ],
  ];
  it.each(cases)("%s → %s", (text, means) => {
    expect(meansOf(text)).toContain(n(means));
  });

  // Folding makes many syllables collide ("bò" and "bố", "cải" and "cái", "chuyển" and
  // "chuyện", "mặt" and "mất"): everyday messages that must not fire these phrases.
  it.each([
    ["bố em muốn chuyển mục đích sử dụng đất", "hỗ trợ thiệt hại do dịch bệnh động vật"],
    ["để chứng thực bản dịch thì cần gì", "hỗ trợ thiệt hại do dịch bệnh động vật"],
    ["nhà em cũng nợ ngân hàng, có được xét hộ nghèo không", "khai báo vũ khí thô sơ"],
    ["con kiếm tiền đi học", "khai báo vũ khí thô sơ"],
    ["làm căn cước cho bé 6 tuổi được hông", "cấp đổi thẻ căn cước"],
    ["khai báo tạm trú thì đi xã hay lên công an", "khai báo tạm vắng"],
    [
      "cho em hỏi chuyện về nghĩa vụ quân sự, con 17 tuổi",
      "đăng ký nghĩa vụ quân sự chuyển đến khi thay đổi nơi cư trú",
    ],
    [
      "lương hưu chuyển vào tài khoản ngân hàng được không",
      "giải quyết chuyển hưởng sang địa bàn khác đối với người đang hưởng lương hưu",
    ],
    ["cái chính là em muốn hỏi đăng ký kết hôn", "thay đổi cải chính bổ sung thông tin hộ tịch"],
    ["em muốn làm thủ tục để bố giám hộ cho cháu", "chấm dứt giám hộ"],
    ["sắp cưới, có cần khám sức khỏe tiền hôn nhân không", "có yếu tố nước ngoài"],
    [
      "vợ chồng đã đăng ký kết hôn, làm khai sinh cho con ghi tên bố",
      "đăng ký khai sinh kết hợp đăng ký nhận cha mẹ con",
    ],
  ])("does not read %j as %j", (text, means) => {
    expect(meansOf(text)).not.toContain(n(means));
  });

  it("reads the extract a procedure issues as that procedure, not as a copy", () => {
    expect(meansOf("ai ký trích lục chấm dứt giám sát việc giám hộ")).not.toContain(
      n("cấp bản sao trích lục hộ tịch"),
    );
    expect(meansOf("có bản điện tử của trích lục ghi chú ly hôn không")).not.toContain(
      n("cấp bản sao trích lục hộ tịch"),
    );
  });

  it("does not read earning a living as a weapon, or a dead hen as an epidemic", () => {
    expect(meansOf("em muốn kiếm việc làm ở xã")).not.toContain(n("khai báo vũ khí thô sơ"));
    expect(meansOf("con gà nhà em chết mấy con")).not.toContain(n("hỗ trợ thiệt hại do dịch bệnh động vật"));
  });

  it("does not read a lost document as a death", () => {
    expect(meansOf("em bị mất giấy khai sinh")).not.toContain(n("đăng ký khai tử"));
    expect(meansOf("làm khai sinh mất bao lâu")).not.toContain(n("đăng ký khai tử"));
    expect(meansOf("mẹ em mất phí bao nhiêu")).not.toContain(n("đăng ký khai tử"));
  });

  it("tells adoption from acknowledging a child", () => {
    expect(meansOf("nhận con nuôi")).not.toContain(n("đăng ký nhận cha mẹ con"));
    expect(meansOf("bố đứa bé muốn nhận con")).toContain(n("đăng ký nhận cha mẹ con"));
  });

  it("leaves a wrong name on another document to that document", () => {
    expect(meansOf("giấy khai sinh bị sai tên")).toContain(n("thay đổi cải chính bổ sung thông tin hộ tịch"));
    expect(meansOf("sổ đỏ bị sai tên")).not.toContain(n("thay đổi cải chính bổ sung thông tin hộ tịch"));
  });

  it("marks qualifiers as modifiers", () => {
    const found = findSynonyms(normalizeText("làm lại giấy khai sinh cho việt kiều"));
    expect(found.filter((m) => m.modifier).map((m) => m.means)).toEqual(
      expect.arrayContaining([n("lại"), n("có yếu tố nước ngoài")]),
    );
  });
});

describe("findNotInCatalogue", () => {
  const topics = (text: string) => findNotInCatalogue(normalizeText(text)).map((m) => m.topic);

  it("sends divorce to the court, unless it was abroad (that one is recorded at the commune)", () => {
    const divorce = findNotInCatalogue(normalizeText("thủ tục ly hôn"));
    expect(divorce[0]).toMatchObject({ topic: "ly hôn", referral: expect.stringContaining("Tòa án") });
    expect(topics("ghi chú ly hôn ở nước ngoài")).toEqual([]);
  });

  it("knows passports are issued elsewhere, but a lost one is reported at the commune", () => {
    expect(topics("làm hộ chiếu ở đâu")).toContain("cấp hộ chiếu");
    expect(topics("mất hộ chiếu thì báo ở đâu")).toEqual([]);
  });

  it.each([
    ["em muốn thành lập công ty tnhh một thành viên", "thành lập doanh nghiệp"],
    ["năm nay con vào lớp 1, tuyển sinh khi nào", "tuyển sinh, nhập học"],
    ["hóa đơn tiền điện tháng này cao quá", "điện, nước sinh hoạt"],
    ["xã có tuyển nhân viên không ạ", "tìm việc làm"],
  ])("knows %j is not a commune procedure (%s)", (text, topic) => {
    expect(topics(text)).toContain(topic);
  });

  it.each([
    "căn cước ghi địa chỉ xã cũ có phải đổi không",
    "thuê mặt nước nuôi cá thì làm thủ tục gì",
    "con em vào lớp 1 cần bản sao giấy khai sinh",
    "chồng em làm ở công ty tnhh, muốn xin xác nhận cư trú",
  ])("keeps %j a procedure question", (text) => {
    expect(topics(text)).toEqual([]);
  });

  it("keeps military-school admissions and unemployment benefits in the catalogue", () => {
    expect(topics("đăng ký tuyển sinh quân sự vào trường sĩ quan")).toEqual([]);
    expect(topics("mất việc muốn hưởng trợ cấp thất nghiệp, tìm việc ở đâu")).toEqual([]);
  });

  it("catches office hours and contacts, not shop openings", () => {
    expect(topics("mấy giờ UBND xã mở cửa")).toContain("giờ làm việc");
    expect(topics("số điện thoại chủ tịch xã")).toContain("liên hệ");
    expect(topics("mở cửa hàng tạp hóa")).toEqual([]);
  });

  it.each([
    ["số điện thoại cán bộ địa chính", "liên hệ"],
    ["cho em xin sdt của xã", "liên hệ"],
    ["tôi muốn liên hệ với cán bộ tư pháp", "liên hệ"],
    ["xa co lam viec thu 7 khong", "giờ làm việc"],
    ["địa chỉ ủy ban xã ở đâu vậy", "địa chỉ"],
    ["ubnd xã nằm ở đâu", "địa chỉ"],
  ])("reads %j as asking for the office (%s)", (text, topic) => {
    const found = findNotInCatalogue(n(text));
    expect(found.map((m) => m.topic)).toContain(topic);
    expect(found.every((m) => m.kind === "office")).toBe(true);
  });

  it.each([
    "đăng ký khai sinh nộp ở đâu",
    "đổi địa chỉ thường trú thì làm sao",
    "cập nhật số điện thoại trong hồ sơ cư trú",
  ])("leaves %j to the procedure search", (text) => {
    expect(topics(text)).toEqual([]);
  });
});

describe("the tables", () => {
  it("compile, with the documented pattern syntax", () => {
    const probe = (phrase: string, text: string) => ` ${n(text)} `.match(compilePhrase(phrase)) !== null;
    expect(probe("lấy vợ/chồng", "lấy chồng")).toBe(true);
    expect(probe("[giấy] khai sinh", "khai sinh")).toBe(true);
    expect(probe("(hàn quốc/nhật bản)", "nhật bản")).toBe(true);
    expect(probe("sinh … con", "sinh được hai đứa con")).toBe(true);
    expect(probe("sinh … con", "sinh một hai ba bốn con")).toBe(false);
    expect(probe("nhận con !nuôi", "nhận con nuôi")).toBe(false);
    expect(probe("nhận con !nuôi", "nhận con riêng")).toBe(true);
    expect(probe("lấy vợ", "lấy vợt")).toBe(false);
    for (const { say } of [...SYNONYMS, ...NOT_IN_CATALOGUE]) for (const phrase of say) compilePhrase(phrase);
  });

  it("map to the catalogue's own words", async () => {
    const { records } = await realIndex();
    const vocabulary = new Set(records.flatMap((r) => tokensOf(n(r.name))));
    for (const { means } of SYNONYMS) {
      const missing = tokensOf(n(means)).filter((w) => !vocabulary.has(w));
      expect(missing, means).toEqual([]);
    }
  });

  it("list common procedures that exist", async () => {
    const { records } = await realIndex();
    const names = records.map((r) => n(r.name.replace(/^thủ tục\s+/i, "")));
    for (const common of COMMON_PROCEDURES) {
      expect(
        names.some((name) => name.startsWith(n(common))),
        common,
      ).toBe(true);
    }
  });
});

describe("matching skips phrases whose words are missing", () => {
  // The same tables matched without the word check: every expression run on every message.
  const compiled = (list: readonly string[] | undefined) => (list ?? []).map(compilePhrase);
  const spans = (pattern: RegExp, text: string) =>
    [...` ${text} `.matchAll(pattern)]
      .filter((m) => m[0].trim() !== "")
      .map((m) => ({ start: m.index, end: m.index + m[0].length - 1 }));
  const synonymsByScan = (text: string) =>
    SYNONYMS.flatMap((s) => {
      if (compiled(s.unless).some((p) => spans(p, text).length > 0)) return [];
      let best: { start: number; end: number } | undefined;
      for (const p of compiled(s.say))
        for (const m of spans(p, text)) if (!best || m.end - m.start > best.end - best.start) best = m;
      return best ? [{ means: normalizeText(s.means), modifier: s.modifier === true, ...best }] : [];
    });
  const exclusionsByScan = (text: string) =>
    NOT_IN_CATALOGUE.flatMap((t) =>
      compiled(t.unless).some((p) => spans(p, text).length > 0)
        ? []
        : compiled(t.say).flatMap((p) =>
            spans(p, text).map((m) => ({
              topic: t.topic,
              referral: t.referral,
              kind: t.kind,
              strict: t.strict,
              ...m,
            })),
          ),
    );

  it("and finds what a scan of every expression finds, on the held-out messages", () => {
    const messages = readFileSync(
      fileURLToPath(new URL("../../../../assets/qa/questions-heldout-2.jsonl", import.meta.url)),
      "utf8",
    )
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => normalizeText((JSON.parse(l) as { message: string }).message));
    let found = 0;
    for (const text of messages) {
      const synonyms = findSynonyms(text);
      expect(synonyms, text).toEqual(synonymsByScan(text));
      expect(findNotInCatalogue(text), text).toEqual(exclusionsByScan(text));
      found += synonyms.length;
    }
    expect(found).toBeGreaterThan(100);
  });
});
