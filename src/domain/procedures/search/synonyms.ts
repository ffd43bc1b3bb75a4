/**
 * Everyday words → the catalogue's words. Citizens say "lấy vợ", "sao y", "nhập hộ khẩu";
 * the catalogue says "đăng ký kết hôn", "chứng thực bản sao từ bản chính", "đăng ký thường
 * trú". A match adds the catalogue's words to the query (the citizen's words stay), so the
 * ranking model still decides between "đăng ký kết hôn" and its variants.
 *
 * Phrases are written with tone marks for the reader and normalised like the query. A tiny
 * pattern syntax keeps the table readable:
 *   "a/b"      one word of several ("bố/mẹ mất")
 *   "[a/b]"    an optional word ("[giấy] khai sinh")
 *   "…"        up to three words of anything in between ("sinh … con"); "……" up to six
 *   "!a/b"     as the last word: the next word must not be one of these ("nhận con !nuôi")
 *
 * The second table lists what citizens ask the commune for that the catalogue does not
 * hold (divorce is the court's, passports the provincial police's ...): those words count
 * as no evidence for any procedure, and the bot can say where to go.
 */
import { normalizeText } from "./normalize.js";

export interface Synonym {
  /** What citizens say (patterns, see above). */
  say: readonly string[];
  /** What the catalogue calls it. */
  means: string;
  /**
   * A qualifier of some procedure ("có yếu tố nước ngoài", "lại", "lưu động") rather than
   * a procedure: on its own it is not enough to name one.
   */
  modifier?: boolean;
  /** The synonym does not apply when one of these is in the message too. */
  unless?: readonly string[];
}

export interface NotInCatalogue {
  say: readonly string[];
  /** The topic is in the catalogue after all when one of these is in the message too. */
  unless?: readonly string[];
  topic: string;
  /** Who handles it, when known. */
  referral: string | null;
  /** The citizen wants to reach the commune office itself (hours, phone, address). */
  aboutTheOffice?: boolean;
}

const PEOPLE = "bố/mẹ/cha/ba/má/ông/bà/chồng/vợ/cụ/chú/bác/cô/dì/cậu/anh/chị/em/con/cháu/người";
const DOCUMENT_LOSS = "(mất/thất lạc/hỏng/rách/cháy/hư/ướt/nát/mờ/bị mất/làm mất)";
const FOREIGN_COUNTRIES =
  "(hàn quốc/nhật bản/đài loan/trung quốc/thái lan/campuchia/singapore/malaysia/canada/hoa kỳ/indonesia/philippines)";

export const SYNONYMS: readonly Synonym[] = [
  // --- Hộ tịch -------------------------------------------------------------------------
  {
    say: [
      "làm [giấy] khai sinh",
      "xin [giấy] khai sinh",
      "khai sinh cho (con/bé/cháu/em bé)",
      "mới/vừa sinh/đẻ [con/em bé/bé/cháu]",
      "con/bé/cháu mới/vừa sinh/đẻ",
      "sinh con",
      "sinh em bé",
      "làm giấy tờ cho con/bé/cháu",
      "làm giấy tờ cho con/bé/cháu mới",
      "giấy chứng sinh",
      "birth certificate",
      "birth",
    ],
    means: "đăng ký khai sinh",
  },
  {
    say: [
      "khai sinh cho người lớn",
      "khai sinh [cho] người lớn tuổi",
      "chưa [từng] (đăng ký/làm) khai sinh",
      "chưa có giấy khai sinh",
      "chưa bao giờ có giấy khai sinh",
    ],
    means: "đăng ký khai sinh cho người đã có hồ sơ giấy tờ cá nhân",
  },
  {
    // Born long ago, never registered, but holding papers: the "người đã có hồ sơ" variant.
    say: ["đã có [sẵn] (hồ sơ/giấy tờ/căn cước/cccd/chứng minh/hộ chiếu) [giấy tờ] [cá nhân/tùy thân]"],
    means: "cho người đã có hồ sơ giấy tờ cá nhân",
    modifier: true,
  },
  {
    say: [
      `${DOCUMENT_LOSS} [hết] [giấy/bản] khai sinh`,
      "[giấy] khai sinh … " + DOCUMENT_LOSS + " !bao/mấy/phí/tiền/nhiều/thời",
      "làm lại [giấy] khai sinh",
      "cấp lại [giấy] khai sinh",
    ],
    means: "đăng ký lại khai sinh",
  },
  {
    // Any document made again: "đăng ký lại", "cấp lại" in the catalogue's words.
    say: [
      "làm lại",
      "xin lại",
      "cấp lại",
      "làm mới",
      "xin mới",
      "thay thế",
      "phục hồi",
      "khôi phục",
      "tiêu hủy",
      "hư hại",
      "không còn dùng được",
      "không đọc được",
      `${DOCUMENT_LOSS} (giấy/bản/sổ/thẻ/hồ sơ)`,
      `(giấy/bản/sổ/thẻ) … ${DOCUMENT_LOSS} !bao/mấy/phí/tiền/nhiều/thời`,
      "renew",
      "reissue",
      "restore",
      "replace",
      "duplicate",
    ],
    means: "lại",
    modifier: true,
  },
  {
    say: [
      "lấy vợ/chồng",
      "cưới vợ/chồng",
      "đám cưới",
      "cưới",
      "cưới xin",
      "làm giấy kết hôn",
      "hôn thú",
      "làm hôn thú",
      "làm giấy đăng ký kết hôn",
      "(chứng nhận/công nhận) hôn nhân",
      "marriage",
      "married",
      "marry",
      "wedding",
    ],
    means: "đăng ký kết hôn",
  },
  {
    say: [`${DOCUMENT_LOSS} [hết] [giấy] [đăng ký] kết hôn`, "làm lại [giấy] [đăng ký] kết hôn"],
    means: "đăng ký lại kết hôn",
  },
  {
    say: [
      `${PEOPLE} [em/tôi/mình/nội/ngoại/nhà] [em/tôi/mình] [mới/vừa/đã] mất !giấy/sổ/thẻ/bản/phí/tiền/bao/mấy/nhiều/thời/hết/căn/hộ/chứng/cà/bằng/khai/hồ/luôn/việc`,
      "qua đời",
      "từ trần",
      "tạ thế",
      "đã chết",
      "bị chết",
      "báo tử",
      "giấy báo tử",
      "giấy chứng tử",
      "làm ma",
      "đám ma",
      "đám tang",
      "khai tử",
      "death",
      "died",
    ],
    means: "đăng ký khai tử",
  },
  {
    say: [`${DOCUMENT_LOSS} [giấy] [chứng/báo] tử`, "làm lại [giấy] [chứng/báo] tử", "làm lại khai tử"],
    means: "đăng ký lại khai tử",
  },
  {
    say: [
      "(xác nhận/giấy/chứng nhận/xin) độc thân",
      "xác nhận chưa kết hôn",
      "xác nhận chưa có vợ/chồng",
      "chưa có vợ/chồng",
      "xác nhận hôn nhân",
      "giấy tình trạng hôn nhân",
    ],
    means: "xác nhận tình trạng hôn nhân",
  },
  {
    say: [
      "nhận con nuôi",
      "xin con nuôi",
      "nhận nuôi",
      "làm con nuôi",
      "nuôi con nuôi",
      "xin nuôi",
      "adopt",
      "adoption",
    ],
    means: "đăng ký nuôi con nuôi",
  },
  {
    say: [
      "nhận con !nuôi",
      "nhận cha/bố/mẹ",
      "nhận cha/bố/mẹ con",
      "công nhận cha/bố/mẹ con",
      "con ngoài giá thú",
      "nhận lại con",
      "xác nhận cha/bố con",
      "khai sinh … nhận con/cha",
      "(giám định/xét nghiệm/thử) (adn/dna/gen)",
      "quan hệ cha/mẹ con",
    ],
    means: "đăng ký nhận cha mẹ con",
  },
  {
    say: [
      // Not bare "cải chính": folded it is also "cái chính" ("cái chính là …").
      "cải chính (hộ tịch/họ/tên/ngày/năm/giới tính/dân tộc/quê quán/nơi sinh/thông tin/giấy/khai sinh/trong/trên/lại)",
      "(hồ sơ/thủ tục/làm/xin/đề nghị) cải chính",
      "đổi/sửa/thay [lại] [họ] tên",
      "đổi/sửa/thay [lại] họ",
      "ghi nhầm",
      "viết nhầm",
      "nhầm (tên/họ/ngày sinh/năm sinh)",
      "đổi/sửa [lại] ngày/năm sinh",
      "sai (tên/họ/ngày sinh/năm sinh)",
      "sai thông tin",
      "ghi sai",
      "viết sai",
      "sửa/chỉnh [lại] [thông tin] [giấy/trên] khai sinh",
      "(sửa/chỉnh/đổi) [lại] … (trong/trên) [giấy] khai sinh",
      "[thêm/bổ sung] tên đệm",
      "đổi/sửa dân tộc",
      "đổi/chuyển dân tộc",
      "amend",
      "correction",
    ],
    means: "thay đổi cải chính bổ sung thông tin hộ tịch",
    // A wrong name on a land certificate, an insurance card or a business registration is
    // corrected by that document's own procedure.
    unless: [
      "giấy chứng nhận quyền sử dụng đất",
      "thẻ bảo hiểm",
      "kinh doanh",
      "căn cước",
      "cà vẹt",
      "đăng ký xe",
      "hợp đồng",
    ],
  },
  {
    // Guardianship ends by "đăng ký chấm dứt"; people say it ends, stops, is cancelled.
    // Not "bỏ", "dừng": folded they are also "bố" ("để bố giám hộ"), "dùng".
    say: ["(hết/hủy/hủy bỏ/thôi/kết thúc/chấm dứt) [việc] giám hộ"],
    means: "chấm dứt giám hộ",
  },
  {
    say: ["(hết/hủy/hủy bỏ/thôi/kết thúc) [việc] giám sát [việc] [giám hộ]"],
    means: "chấm dứt giám sát việc giám hộ",
  },
  {
    say: [
      "bản sao [giấy] khai sinh",
      "bản sao [giấy] kết hôn",
      "bản sao [giấy] chứng tử",
      // "Trích lục ghi chú ly hôn", "trích lục chấm dứt giám sát": the extract that procedure
      // issues, not a copy of one.
      "trích lục !ghi/giám/chấm/nuôi/thay/cải/nhận",
      "(bản sao/xin lại/cấp lại/mất/thêm) … trích lục",
      "sao lục",
      "xin thêm bản [giấy] khai sinh",
    ],
    means: "cấp bản sao trích lục hộ tịch",
  },
  {
    say: [
      "cán bộ/người [xã] đến/tới [tận] nhà",
      "làm tại nhà",
      "đến tận nơi",
      "nằm liệt giường",
      "không đi lại được",
      "(ốm/bệnh) nặng",
      "người ốm",
      "bị ốm",
      "bị liệt",
      "trại giam",
      "ở tù",
      "bị tù",
    ],
    means: "lưu động",
    modifier: true,
  },
  {
    say: [
      "việt kiều",
      "người nước ngoài",
      "nước ngoài",
      "ngoại quốc",
      "con lai",
      "quốc tịch",
      "định cư",
      "ở nước ngoài",
      FOREIGN_COUNTRIES,
      "lấy chồng/vợ tây/hàn/nhật/đài/trung",
      "chồng/vợ [người] tây/hàn/nhật/đài/trung/mỹ/úc",
      "nước/bên/người mỹ/úc/nhật/hàn/lào/pháp/đức/nga/anh",
      "lãnh sự",
      "quốc tế",
      "hợp pháp hóa",
      "đại sứ quán",
      "foreign",
      "foreigner",
      "overseas",
      "international",
      "binational",
      "mixed race",
      "dual citizenship",
    ],
    means: "có yếu tố nước ngoài",
    modifier: true,
  },

  {
    // A civil-status event settled abroad is "ghi vào sổ hộ tịch" (citizens say "ghi chú").
    say: [
      "ghi chú",
      "(ly hôn/kết hôn/khai tử/nuôi con nuôi/giám hộ) … (ở/tại) nước ngoài",
      // A divorce is never granted by the commune: one "from abroad" can only be recorded.
      "ly hôn … nước ngoài",
      "(bản án/quyết định) ly hôn … (nước ngoài/tòa án nước ngoài)",
      "(công nhận/hợp pháp hóa) … (ly hôn/kết hôn/hôn nhân) … nước ngoài",
    ],
    means: "ghi vào sổ hộ tịch việc",
  },
  {
    // Only a marriage with a foreign element needs a certificate of mental fitness (a
    // premarital check-up, "khám sức khỏe tiền hôn nhân", is for everyone and voluntary).
    say: ["sức khỏe tâm thần", "(bệnh/khám) tâm thần …… kết hôn", "kết hôn …… (bệnh/khám) tâm thần"],
    means: "có yếu tố nước ngoài",
    modifier: true,
  },

  {
    // A birth registered together with the baby's health-insurance card is one procedure.
    say: [
      "khai sinh …… (thẻ bảo hiểm y tế/bảo hiểm y tế/thẻ bhyt/bhyt)",
      "(thẻ bảo hiểm y tế/bảo hiểm y tế/thẻ bhyt/bhyt) …… khai sinh",
    ],
    means: "liên thông đăng ký khai sinh cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
  },
  {
    // Parents not married: the birth is registered together with the father's acknowledgement.
    say: [
      "khai sinh …… (tên bố/tên cha/tên ba/ghi bố/ghi cha/nhận bố/nhận cha)",
      "(chưa/không) (đăng ký/làm/đk) [giấy] kết hôn …… khai sinh",
      "khai sinh …… (chưa/không) (đăng ký/làm/đk) [giấy] kết hôn",
    ],
    unless: ["(đã/có/đã có) [giấy] (đăng ký/làm/đk) kết hôn", "(có/đã có) giấy (chứng nhận/đăng ký) kết hôn"],
    means: "đăng ký khai sinh kết hợp đăng ký nhận cha mẹ con",
  },
  {
    // Several procedures filed together ("làm khai sinh và thẻ BHYT cho bé luôn").
    say: [
      "liên thông",
      "(nộp/làm) (chung/cùng lúc/một lượt/1 lượt)",
      "cùng một lúc",
      "một thể",
      "(một/1) lần luôn",
      "luôn một lần",
    ],
    means: "liên thông",
    modifier: true,
  },

  // --- Chứng thực --------------------------------------------------------------------
  {
    say: [
      "sao y",
      "sao y bản chính",
      "photo công chứng",
      "phô tô công chứng",
      "công chứng bản sao",
      "bản sao công chứng",
      "sao công chứng",
      "công chứng giấy tờ",
      "công chứng (bằng/học bạ/căn cước/chứng minh/sổ/giấy)",
      "chứng thực (bằng/học bạ/căn cước/chứng minh/giấy tờ)",
      "chứng thực bản sao",
      "certified copy",
    ],
    // "giấy tờ, văn bản": what citizens copy; a copy of a certified contract is its own procedure.
    means: "chứng thực bản sao từ bản chính giấy tờ văn bản",
  },
  {
    say: [
      "(photo/phô tô/bản sao/bản chính) …… (công chứng/chứng thực)",
      "(công chứng/chứng thực) …… (bản photo/bản phô tô/bản sao)",
    ],
    unless: ["chữ ký", "ký tên", "hợp đồng", "giao dịch", "di chúc"],
    means: "chứng thực bản sao từ bản chính giấy tờ văn bản",
  },
  { say: ["công chứng", "notarize", "notarized", "notary", "certify"], means: "chứng thực" },
  { say: ["photo", "phô tô", "bản chụp", "bản in"], means: "bản sao" },
  {
    say: [
      "chữ ký",
      "ký tên",
      "chứng chữ ký",
      "xác nhận chữ ký",
      "giấy ủy quyền",
      "điểm chỉ",
      "lăn tay",
      "đơn xin xác nhận",
      "signature",
    ],
    means: "chứng thực chữ ký",
  },
  {
    say: ["dịch thuật", "bản dịch", "công chứng dịch", "dịch công chứng", "tự dịch"],
    means: "chứng thực chữ ký người dịch",
  },
  {
    say: ["lập/làm/viết di chúc", "để lại tài sản", "để lại đất/nhà"],
    means: "chứng thực di chúc",
  },
  {
    say: ["chia thừa kế", "chia tài sản thừa kế", "phân chia tài sản", "chia di sản", "thừa kế"],
    means: "chứng thực văn bản phân chia di sản",
  },
  {
    say: ["từ chối [nhận] thừa kế", "không nhận thừa kế", "nhường thừa kế"],
    means: "chứng thực văn bản từ chối nhận di sản",
  },
  {
    say: [
      "hợp đồng (mua bán/chuyển nhượng/tặng cho/cho tặng/thuê/cầm cố/thế chấp)",
      "mua bán đất/nhà/xe",
      "bán đất/nhà",
      "cho tặng đất/nhà",
      "tặng cho đất/nhà",
      "sang tên đất/nhà/sổ",
    ],
    means: "chứng thực giao dịch liên quan đến tài sản quyền sử dụng đất nhà ở",
  },
  // In the catalogue's names a contract is a "giao dịch".
  { say: ["hợp đồng"], means: "giao dịch" },
  {
    say: ["(sửa/sửa đổi/bổ sung/hủy/hủy bỏ/chấm dứt/thay đổi) [nội dung] hợp đồng"],
    means: "chứng thực việc sửa đổi bổ sung hủy bỏ giao dịch",
  },
  {
    say: [
      "(sai sót/lỗi/ghi sai/viết sai/nhầm) … hợp đồng",
      "hợp đồng … (sai sót/bị sai/ghi sai/viết sai/nhầm)",
      "sửa lỗi",
    ],
    means: "sửa lỗi sai sót trong giao dịch",
  },
  {
    say: ["bản sao hợp đồng", "sao hợp đồng"],
    means: "cấp bản sao có chứng thực từ bản chính giao dịch đã được chứng thực",
  },

  // --- Cư trú ------------------------------------------------------------------------
  {
    say: [
      "nhập [hộ] khẩu",
      "vào [hộ] khẩu",
      "lên [hộ] khẩu",
      "đăng ký [hộ] khẩu",
      "chuyển [hộ] khẩu",
      "làm hộ khẩu",
      "đăng ký thường trú",
    ],
    means: "đăng ký thường trú",
  },
  { say: ["tách [sổ] [hộ] khẩu", "ra ở riêng"], means: "tách hộ" },
  {
    say: ["cắt [hộ] khẩu", "xóa [tên] [khỏi] [sổ] hộ khẩu", "chuyển [hộ] khẩu đi", "rút [hộ] khẩu"],
    means: "xóa đăng ký thường trú",
  },
  { say: ["hộ khẩu", "sổ hộ khẩu"], means: "cư trú" },
  {
    say: [
      "thuê trọ",
      "ở trọ",
      "nhà trọ",
      "phòng trọ",
      "ở nhờ",
      "ở tạm",
      "sổ tạm trú",
      "(khai báo/làm/xin) tạm trú",
    ],
    means: "đăng ký tạm trú",
  },
  {
    say: [
      "đi vắng",
      "vắng nhà",
      "báo vắng",
      "tạm vắng",
      // Not "đi xa": folded it is also "đi xã".
      "(đi làm xa/đi làm ăn xa/làm ăn xa/đi xa nhà) …… khai báo",
      "khai báo …… (đi làm xa/đi làm ăn xa/làm ăn xa/đi xa nhà)",
    ],
    means: "khai báo tạm vắng",
  },
  {
    say: [
      "khách [ở] qua đêm",
      "khách ngủ lại",
      "báo lưu trú",
      "homestay",
      "nhà nghỉ",
      "(khách/họ hàng/người thân/bạn) …… (ở lại/ngủ lại/ở qua đêm) …… (báo/khai báo)",
      "(đến/về) ở qua đêm",
    ],
    means: "thông báo lưu trú",
  },
  {
    say: ["xác nhận cư trú", "giấy xác nhận cư trú", "xác nhận nơi ở", "xác nhận hộ khẩu", "ct07", "ct 07"],
    means: "xác nhận thông tin về cư trú",
  },

  // --- Căn cước, định danh --------------------------------------------------------------
  {
    say: [
      "làm/cấp [thẻ] căn cước",
      "làm/cấp chứng minh",
      "căn cước lần đầu",
      "căn cước cho con/bé/cháu",
      "bấm căn cước",
      "chụp căn cước",
    ],
    means: "cấp thẻ căn cước",
  },
  {
    say: [
      "đổi [thẻ] căn cước",
      "đổi chứng minh",
      "đổi sang căn cước",
      "căn cước [bị/đã] hết hạn",
      "chứng minh [bị/đã] hết hạn",
      "đổi căn cước gắn chip",
    ],
    means: "cấp đổi thẻ căn cước",
  },
  {
    // The Law on Identification: a damaged card is exchanged (cấp đổi), a lost one re-issued
    // (cấp lại). Folded, bare "cong", "vỡ", "hỏng", "mờ", "nứt" are also "công", "vợ",
    // "hông" (= không), "mở", "nút".
    say: [
      "(rách/gãy/gẫy/bong tróc/cong vênh/hư hỏng/bị hỏng/bị mờ/bị nứt/mờ chữ) [thẻ] căn cước",
      "căn cước [bị/đã] (rách/gãy/gẫy/bong tróc/cong vênh/hư hỏng/bị hỏng/bị mờ/bị nứt/mờ chữ)",
      "căn cước …… (rách/gãy/gẫy/bong tróc/cong vênh/hư hỏng/bị hỏng/bị mờ/bị nứt/mờ chữ)",
    ],
    means: "cấp đổi thẻ căn cước",
  },
  {
    say: [
      "(mất/thất lạc/bị mất/làm mất/đánh rơi/rơi mất/bị trộm/móc túi) [thẻ] căn cước",
      `${DOCUMENT_LOSS} chứng minh`,
      "làm lại [thẻ] căn cước",
      "làm lại chứng minh",
      "căn cước [bị/đã] (mất/thất lạc/đánh rơi/rơi mất)",
    ],
    unless: ["căn cước …… (rách/gãy/gẫy/bong tróc/cong vênh/hư hỏng/bị hỏng/bị mờ/bị nứt/mờ chữ)"],
    means: "cấp lại thẻ căn cước",
  },
  {
    say: [
      "(kích hoạt/làm/đăng ký/tạo/cấp) [tài khoản] vneid",
      "định danh điện tử",
      "định danh mức 2",
      "tài khoản định danh",
      "kích hoạt định danh",
    ],
    means: "cấp tài khoản định danh điện tử mức độ 02",
  },

  // --- Đất đai, xây dựng -------------------------------------------------------------
  {
    say: [
      "làm/cấp/xin giấy chứng nhận quyền sử dụng đất",
      "giấy chứng nhận quyền sử dụng đất lần đầu",
      "chưa (có/được cấp/làm) giấy chứng nhận quyền sử dụng đất",
      "khai hoang",
    ],
    means: "đăng ký đất đai cấp giấy chứng nhận quyền sử dụng đất lần đầu hộ gia đình cá nhân",
  },
  {
    say: [
      "tranh chấp đất",
      "lấn (đất/ranh/chiếm/sang)",
      "(ranh/mốc) (giới/đất)",
      "tranh chấp ranh giới",
      "cãi nhau … đất",
      "hòa giải đất",
    ],
    means: "hòa giải tranh chấp đất đai",
  },
  {
    say: [
      "lên thổ cư",
      "chuyển lên đất ở",
      "chuyển đất (ruộng/vườn/nông nghiệp)",
      "chuyển mục đích",
      "(chuyển/lên/đổi) [đất] …… (sang/thành/lên) đất ở",
    ],
    means: "chuyển mục đích sử dụng đất",
  },
  {
    say: [
      "sửa/đính chính giấy chứng nhận quyền sử dụng đất",
      "giấy chứng nhận quyền sử dụng đất … (sai/nhầm/sai sót/viết sai/ghi sai)",
      "sai sót giấy chứng nhận",
      "đính chính",
    ],
    means: "đính chính giấy chứng nhận",
  },
  {
    say: [
      "xây nhà",
      "xây dựng nhà",
      "làm nhà",
      "cất nhà",
      "giấy phép xây",
      "xin phép xây",
      "gp xd",
      "phép xây dựng",
      "xây mới",
      "xây lại",
    ],
    means: "cấp giấy phép xây dựng",
  },
  {
    say: ["sửa nhà", "cải tạo nhà", "cơi nới", "nâng tầng"],
    means: "cấp giấy phép xây dựng sửa chữa cải tạo",
  },

  // --- Kinh doanh ----------------------------------------------------------------------
  {
    say: [
      "đăng ký kinh doanh",
      "giấy phép kinh doanh",
      "mở quán",
      "mở cửa hàng/tiệm/shop",
      "mở tiệm",
      "bán tạp hóa",
      "buôn bán nhỏ",
      "kinh doanh nhỏ",
      "bán hàng ăn",
    ],
    // A company is registered by the province, not as a household business.
    unless: ["công ty", "doanh nghiệp"],
    means: "đăng ký thành lập hộ kinh doanh",
  },
  {
    say: [
      "(đóng cửa/dẹp/giải thể/dừng hẳn/ngừng hẳn/nghỉ hẳn) [quán/tiệm/hộ] [kinh doanh]",
      "(hủy/hủy bỏ/trả/nộp lại) [giấy phép/giấy chứng nhận/đăng ký] [đăng ký] hộ kinh doanh",
      "(quán/tiệm/cửa hàng) … (đóng/dẹp/nghỉ) hẳn",
      "nghỉ bán hẳn",
      "không kinh doanh nữa",
      "thôi kinh doanh",
    ],
    means: "chấm dứt hoạt động hộ kinh doanh",
  },
  { say: ["tạm nghỉ (bán/kinh doanh)", "nghỉ bán tạm thời"], means: "tạm ngừng kinh doanh hộ kinh doanh" },
  {
    say: [
      "(đổi/thay đổi/sửa/chuyển/bổ sung) … (hộ kinh doanh/đăng ký kinh doanh/giấy phép kinh doanh)",
      "(hộ kinh doanh/đăng ký kinh doanh/giấy phép kinh doanh) … (đổi/thay đổi/sửa/chuyển) (tên/địa chỉ/địa điểm/ngành/chủ)",
    ],
    means: "thay đổi nội dung đăng ký hộ kinh doanh",
  },

  // --- Bảo hiểm, an sinh -------------------------------------------------------------
  {
    say: [
      "mua/đóng/làm bảo hiểm y tế",
      "mua/làm thẻ bảo hiểm y tế",
      "bảo hiểm y tế hộ gia đình",
      "bảo hiểm hộ gia đình",
    ],
    means: "đăng ký đóng cấp thẻ bảo hiểm y tế",
  },
  {
    say: [
      `${DOCUMENT_LOSS} thẻ bảo hiểm [y tế]`,
      "(đổi/cấp lại/làm lại) thẻ bảo hiểm [y tế]",
      "thẻ bảo hiểm [y tế] … (sai/nhầm)",
    ],
    means: "cấp lại đổi điều chỉnh thông tin thẻ bảo hiểm y tế",
  },
  {
    say: ["bảo hiểm xã hội tự nguyện", "đóng bảo hiểm tự nguyện"],
    means: "đăng ký đóng bảo hiểm xã hội tự nguyện",
  },
  {
    say: ["rút/lãnh/lấy bảo hiểm [xã hội] một/1 lần", "rút bảo hiểm [xã hội]"],
    means: "hưởng bảo hiểm xã hội một lần",
  },
  {
    say: [
      "(sửa/sai/đổi/điều chỉnh/cấp lại/làm lại/gộp/mất/thất lạc) [thông tin] [trên/trong] sổ bảo hiểm [xã hội]",
      "sổ bảo hiểm [xã hội] … (sai/nhầm/mất/hỏng/rách/thất lạc)",
      "gộp sổ",
      "(hai/2/nhiều) sổ bảo hiểm",
    ],
    means: "cấp lại đổi điều chỉnh thông tin trên sổ bảo hiểm xã hội",
  },
  {
    say: ["(tiền/chế độ/hưởng/trợ cấp/bảo hiểm/nghỉ) thai sản"],
    means: "giải quyết hưởng chế độ thai sản",
  },
  {
    say: ["tử tuất", "(tiền/chế độ/trợ cấp/hưởng/lương) tuất"],
    means: "giải quyết hưởng chế độ tử tuất",
  },
  {
    say: ["(tiền/chế độ/hưởng/trợ cấp) ốm đau", "nghỉ ốm … bảo hiểm"],
    means: "giải quyết hưởng chế độ ốm đau",
  },
  {
    say: [
      "chuyển [nơi/chỗ] [nhận/lĩnh/lãnh/hưởng] lương hưu",
      "(nhận/lĩnh/lãnh/hưởng) lương hưu (ở/tại) (nơi/chỗ/tỉnh/xã) (khác/mới)",
      // A place must follow: "chuyển vào tài khoản" is another procedure.
      "lương hưu …… …… chuyển (về/đến/ra) (đây/quê/tỉnh/xã/huyện/thành phố/nơi)",
    ],
    means: "giải quyết chuyển hưởng sang địa bàn khác đối với người đang hưởng lương hưu",
  },
  {
    say: [
      "(nhận/lĩnh/lãnh) (thay/hộ/giùm/giúp) lương hưu",
      "ủy quyền … (nhận/lĩnh/lãnh) [thay/hộ] lương hưu",
    ],
    means: "ủy quyền lĩnh thay các chế độ bảo hiểm xã hội",
    // The letter of authority is certified at the commune: that is the request then.
    unless: ["chứng thực", "công chứng", "xác nhận chữ ký"],
  },
  {
    say: ["(nhận/lĩnh/lãnh) lương hưu (qua/bằng) (tài khoản/ngân hàng/thẻ/atm)"],
    means: "lĩnh chế độ bảo hiểm xã hội bằng tiền mặt chuyển sang lĩnh bằng tài khoản cá nhân",
  },
  {
    say: [
      "(thanh toán/hoàn/trả/lấy) [lại] [tiền] (viện phí/khám bệnh/chữa bệnh) … bảo hiểm [y tế]",
      "(thanh toán/hoàn/trả) [lại] tiền [khám/chữa] [bệnh] … bảo hiểm y tế",
      "khám [bệnh/chữa bệnh] trái tuyến",
    ],
    means: "thanh toán trực tiếp chi phí khám chữa bệnh bảo hiểm y tế",
  },
  {
    say: ["tai nạn lao động", "bệnh nghề nghiệp", "tai nạn (khi/lúc/trong khi) [đang] (làm/đi làm/làm việc)"],
    means: "giải quyết hưởng chế độ tai nạn lao động bệnh nghề nghiệp lần đầu",
  },

  // --- Thuế, hải quan (cơ quan ngành dọc) -----------------------------------------------
  // Folded, "thuế" and "thuê" (rent) are one word: phrases here need a second clue.
  {
    say: ["quyết toán thuế [thu nhập cá nhân]", "hoàn thuế thu nhập cá nhân", "(tự/được) hoàn thuế"],
    means: "khai quyết toán thuế hoàn thuế cá nhân cư trú có thu nhập từ tiền lương tiền công",
    unless: [
      "hộ kinh doanh",
      "kinh doanh",
      "buôn bán",
      "bán hàng",
      "doanh nghiệp",
      "công ty (quyết toán/hoàn) … cho",
    ],
  },
  {
    say: [
      "(làm/đăng ký/xin/cấp/lấy/có) mã số thuế",
      "mã số thuế (cá nhân/cho con/cho vợ/cho chồng/người phụ thuộc)",
      "(đăng ký/khai) người phụ thuộc",
      "giảm trừ gia cảnh",
    ],
    means: "đăng ký thuế lần đầu đối với người nộp thuế là cá nhân người phụ thuộc",
  },
  {
    say: [
      "thuế (bán/chuyển nhượng/sang tên/mua bán) (đất/nhà/nhà đất/sổ đỏ/sổ hồng)",
      "(bán/chuyển nhượng/sang tên/mua bán) [mảnh/miếng/thửa/lô/căn/ngôi] (đất/nhà/nhà đất/sổ đỏ/sổ hồng) …… …… (nộp/đóng/khai/chịu/mất) thuế",
      "(bán/chuyển nhượng/sang tên/mua bán) [mảnh/miếng/thửa/lô/căn/ngôi] (đất/nhà/nhà đất) …… …… thuế thu nhập cá nhân",
      "thuế …… (thừa kế/tặng cho/cho tặng/được cho) (đất/nhà/nhà đất)",
    ],
    means:
      "khai thuế thu nhập cá nhân đối với cá nhân có thu nhập từ chuyển nhượng bất động sản nhận thừa kế",
  },
  {
    say: ["trước bạ [nhà/đất/nhà đất/sổ đỏ/sổ hồng]", "(nhà/đất/nhà đất/sổ đỏ/sổ hồng) …… trước bạ"],
    means: "khai lệ phí trước bạ nhà đất",
    unless: ["(xe/xe máy/ô tô/xe gắn máy/tàu/thuyền) …… trước bạ", "trước bạ …… (xe/xe máy/ô tô/xe gắn máy)"],
  },
  {
    say: ["(xe/xe máy/ô tô/xe gắn máy) …… trước bạ", "trước bạ …… (xe/xe máy/ô tô/xe gắn máy)"],
    means: "khai lệ phí trước bạ tài sản khác",
  },
  {
    say: ["thuế (nhà đất/đất ở/sử dụng đất/đất phi nông nghiệp/đất nông nghiệp)", "thuế đất (hằng/hàng) năm"],
    means: "khai thuế sử dụng đất phi nông nghiệp",
  },
  {
    say: [
      "cho thuê [căn/ngôi/cái/gian] (nhà/phòng/phòng trọ/nhà trọ/mặt bằng/ki ốt/kiốt/căn hộ) …… …… (nộp/đóng/khai/tính) thuế",
      "thuế [cho] thuê (nhà/phòng/phòng trọ/nhà trọ/mặt bằng/ki ốt/kiốt/căn hộ)",
    ],
    means: "khai thuế đối với cá nhân cho thuê bất động sản",
  },
  {
    say: [
      "thuế khoán",
      "(hộ kinh doanh/buôn bán/bán hàng/tiệm/quán/cửa hàng) …… …… (nộp/đóng/khai) thuế",
      "(nộp/đóng/khai) thuế (hộ kinh doanh/buôn bán/bán hàng/tiệm/quán/cửa hàng)",
    ],
    means: "khai thuế đối với hộ kinh doanh cá nhân kinh doanh",
  },
  {
    say: [
      "(quà/hàng/đồ) …… (nước ngoài) gửi về",
      "(nhận/gửi) (quà/hàng/đồ/bưu phẩm/bưu kiện) (từ/ở) nước ngoài",
      "hàng xách tay",
    ],
    means: "thủ tục hải quan hàng hóa nhập khẩu miễn thuế trong định mức",
  },
  {
    say: ["(quá/vượt/vượt quá) định mức [miễn thuế]", "hành lý …… (nhập cảnh/miễn thuế/khai báo)"],
    means: "thủ tục hải quan đối với hành lý của người nhập cảnh vượt quá định mức miễn thuế",
  },
  {
    say: [
      "(xin/xét/làm/đăng ký/công nhận/vào/vô/lên/bình xét/được) [vào/vô] [diện/làm] hộ (nghèo/cận nghèo)",
      "hồ sơ (xin/xét) hộ (nghèo/cận nghèo)",
      "sổ [hộ] nghèo",
      "xét nghèo",
      "nhà nghèo",
      "gia đình nghèo",
      "thoát nghèo",
    ],
    means: "công nhận hộ nghèo hộ cận nghèo",
  },

  // --- Quân sự ---------------------------------------------------------------------------
  {
    say: [
      "đi bộ đội",
      "đi nghĩa vụ",
      "đăng ký nghĩa vụ",
      "đăng ký quân sự",
      "nghĩa vụ quân sự",
      "tuổi nhập ngũ",
    ],
    // Moving away or back is its own registration.
    // Folded, "chuyển" is also "chuyện" ("chuyện về nghĩa vụ quân sự").
    unless: [
      "chuyển (đi/đến/vô/vào/ra)",
      "chuyển về (ở/sống/làm/học/đây/quê)",
      "(đi/về/vô/vào/ra/đến) … (ở/làm/học) (lâu dài/hẳn)",
    ],
    means: "đăng ký nghĩa vụ quân sự lần đầu",
  },
  {
    say: [
      "(nghĩa vụ quân sự/quân sự) …… chuyển (đi/vô/vào/ra)",
      "chuyển (đi/vô/vào/ra) …… (nghĩa vụ quân sự/quân sự)",
    ],
    means: "đăng ký nghĩa vụ quân sự chuyển đi khi thay đổi nơi cư trú",
  },
  {
    say: [
      "(nghĩa vụ quân sự/quân sự) …… chuyển (đến/về) [ở/sống/làm/học/đây/quê]",
      "chuyển (đến/về) (ở/sống/làm/học/đây/quê) …… (nghĩa vụ quân sự/quân sự)",
    ],
    means: "đăng ký nghĩa vụ quân sự chuyển đến khi thay đổi nơi cư trú",
  },

  // --- Xe -----------------------------------------------------------------------------------
  {
    say: [
      "sang tên (xe/xe máy/ô tô/xe gắn máy)",
      "sang tên … chính chủ",
      "mua [lại] (xe/xe máy/ô tô/xe gắn máy) cũ",
      "mua lại (xe/xe máy/ô tô)",
      "đổi chủ xe",
      "(xe/xe máy/ô tô) chính chủ",
      "sang tên đổi chủ",
    ],
    means: "cấp chứng nhận đăng ký xe biển số xe thay đổi chủ xe",
  },
  {
    say: [
      "đăng ký xe mới",
      "xe mới mua",
      "mới mua xe",
      "bấm biển",
      "ra biển số",
      "làm biển số",
      "biển số xe mới",
    ],
    means: "đăng ký cấp biển số xe lần đầu",
  },
  {
    say: [
      `${DOCUMENT_LOSS} cà vẹt`,
      `${DOCUMENT_LOSS} giấy đăng ký xe`,
      `${DOCUMENT_LOSS} biển số`,
      "cà vẹt [bị] " + DOCUMENT_LOSS,
    ],
    means: "cấp lại chứng nhận đăng ký xe biển số xe",
  },
  { say: ["cà vẹt"], means: "chứng nhận đăng ký xe" },

  // --- Xuất nhập cảnh -----------------------------------------------------------------
  {
    say: [`${DOCUMENT_LOSS} hộ chiếu`, "hộ chiếu [bị] (mất/thất lạc)"],
    means: "trình báo mất hộ chiếu phổ thông",
  },

  // --- Nông nghiệp, tài nguyên, an ninh --------------------------------------------------
  {
    say: [
      // Folded, "bò", "dê", "gà" are also "bố", "để", "gả", and "dịch" is in "mục đích",
      // "bản dịch": only an epidemic's own words count.
      "(lợn/heo/vịt/trâu/gia súc/gia cầm/vật nuôi) …… (dịch bệnh/dịch tả/ổ dịch/tiêu hủy)",
      "(dịch bệnh/dịch tả/ổ dịch) …… (lợn/heo/vịt/trâu/gia súc/gia cầm/vật nuôi)",
      "dịch tả [lợn/heo] [châu phi]",
      "cúm gia cầm",
      "lở mồm long móng",
    ],
    means: "hỗ trợ thiệt hại do dịch bệnh động vật",
  },
  {
    say: ["giếng khoan", "(khoan/đào) giếng", "nước ngầm", "bơm nước … giếng"],
    means: "đăng ký khai thác nước dưới đất",
  },
  {
    // Not "kiếm" alone: it is also "to find, to earn" ("kiếm việc", "kiếm tiền").
    say: [
      // Folded, "con kiếm" is also "con kiếm tiền", "cung nỏ" is "cũng nợ".
      "(thanh/cây) (kiếm/gươm)",
      "giáo mác",
      "mã tấu",
      "dao găm",
      "súng kíp",
      "đồ gia bảo",
    ],
    means: "khai báo vũ khí thô sơ",
  },
];

/**
 * The procedures a commune handles most (hộ tịch, chứng thực, cư trú, căn cước, household
 * business): when a message fits several procedures equally, these are the likelier ones.
 * Matched as the start of the name, without "Thủ tục".
 */
export const COMMON_PROCEDURES: readonly string[] = [
  "đăng ký khai sinh",
  "đăng ký kết hôn",
  "đăng ký khai tử",
  "cấp giấy xác nhận tình trạng hôn nhân",
  "chứng thực bản sao từ bản chính giấy tờ",
  "chứng thực chữ ký trong các giấy tờ",
  "chứng thực giao dịch liên quan đến tài sản",
  "cấp bản sao trích lục hộ tịch",
  "đăng ký thường trú",
  "đăng ký tạm trú",
  "cấp thẻ căn cước cho người từ đủ 14 tuổi",
  "cấp đổi thẻ căn cước",
  "cấp lại thẻ căn cước",
  "đăng ký thành lập hộ kinh doanh",
];

export const NOT_IN_CATALOGUE: readonly NotInCatalogue[] = [
  {
    say: ["ly hôn", "ly dị", "bỏ vợ/chồng", "chia tay vợ/chồng", "đơn phương ly hôn"],
    unless: ["nước ngoài", "ghi chú", "ghi vào sổ", "việt kiều", "hủy việc kết hôn", FOREIGN_COUNTRIES],
    topic: "ly hôn",
    referral: "Tòa án nhân dân khu vực",
  },
  {
    say: ["hộ chiếu", "passport"],
    unless: [`${DOCUMENT_LOSS} hộ chiếu`, "hộ chiếu [bị/đã] (mất/thất lạc)", "trình báo", "báo mất"],
    topic: "cấp hộ chiếu",
    referral: "Phòng Quản lý xuất nhập cảnh, Công an tỉnh (hoặc Cổng dịch vụ công Bộ Công an)",
  },
  {
    say: ["bằng lái", "giấy phép lái xe", "thi lái xe", "học lái xe", "thi bằng"],
    topic: "giấy phép lái xe",
    referral: "Sở Xây dựng hoặc Công an tỉnh (giấy phép lái xe)",
  },
  {
    say: ["visa", "thị thực", "xin thị thực"],
    topic: "thị thực (visa)",
    referral: "Đại sứ quán hoặc lãnh sự quán của nước muốn đến",
  },
  {
    say: ["lý lịch tư pháp", "lý lịch"],
    topic: "lý lịch tư pháp",
    referral: "Sở Tư pháp tỉnh",
  },
  {
    say: [
      "người cao tuổi",
      "tiền già",
      "trợ cấp tuổi già",
      "người khuyết tật",
      "khuyết tật",
      "bảo trợ xã hội",
      "trợ cấp xã hội",
      "mai táng phí",
      "tiền mai táng",
      "hỗ trợ mai táng",
    ],
    topic: "trợ cấp bảo trợ xã hội",
    referral: null,
  },
  {
    say: ["thành lập (công ty/doanh nghiệp)", "(mở/lập/đăng ký) (công ty/doanh nghiệp)"],
    topic: "thành lập doanh nghiệp",
    referral: "Phòng Đăng ký kinh doanh của tỉnh (hoặc Cổng thông tin quốc gia về đăng ký doanh nghiệp)",
  },
  {
    say: [
      "tuyển sinh (lớp/mầm non/mẫu giáo/tiểu học/trung học/đại học/cao đẳng/khi nào/bao giờ/lúc nào)",
      "(lịch/hồ sơ/đăng ký) tuyển sinh",
      // Not "vào lớp 1" alone: starting school is often why someone needs a copy.
      "(đăng ký/xin/nộp hồ sơ) (nhập học/học/vào) (lớp 1/lớp một/lớp 6/lớp sáu/lớp 10/lớp mười/mầm non/mẫu giáo/trường)",
      "(xin/chuyển) trường (cho/học)",
      "xét tuyển (đại học/cao đẳng)",
    ],
    // Military schools' admissions are a commune-level procedure (registration via the commune).
    unless: ["quân sự", "quân đội", "sĩ quan", "quân ngũ", "công an"],
    topic: "tuyển sinh, nhập học",
    referral: "nhà trường hoặc phòng phụ trách giáo dục của UBND",
  },
  {
    say: [
      "(tiền/hóa đơn/đồng hồ/công tơ) điện",
      "(lắp/kéo/mắc) điện",
      "(mất/cúp/cắt) điện",
      // Not "mất nước" alone: folded, "mặt nước" (water-surface leases) is the same.
      "(tiền/hóa đơn/đồng hồ) nước (sinh hoạt/máy/hằng tháng/hàng tháng/tháng)",
      "(lắp/kéo) nước máy",
      "(cúp/cắt) nước",
      "mất nước (sinh hoạt/máy)",
    ],
    topic: "điện, nước sinh hoạt",
    referral: "công ty điện lực hoặc đơn vị cấp nước ở địa phương",
  },
  {
    // Not "xin việc": applying for jobs is often why someone needs certified copies.
    say: ["tìm việc", "kiếm việc", "tuyển dụng", "tuyển nhân viên"],
    unless: ["thất nghiệp", "nghĩa vụ"],
    topic: "tìm việc làm",
    referral: "Trung tâm Dịch vụ việc làm của tỉnh",
  },
  {
    say: [
      "giờ làm việc",
      "(mấy giờ/giờ nào/lúc nào) …… (mở/đóng) cửa",
      "(mở/đóng) cửa (lúc/mấy/từ/đến/tới/vào/buổi)",
      "mở cửa mấy giờ",
      "làm việc mấy giờ",
      "(thứ bảy/chủ nhật) … làm việc",
      "có làm việc",
      "[có] làm [việc] (thứ bảy/thứ 7/chủ nhật/ngày lễ)",
      "nghỉ trưa",
    ],
    topic: "giờ làm việc",
    referral: null,
    aboutTheOffice: true,
  },
  {
    say: [
      "số điện thoại",
      "điện thoại",
      "hotline",
      "đường dây nóng",
      "số zalo",
      "địa chỉ email",
      "email",
      "số (của) (cán bộ/chủ tịch/ủy ban/ubnd/bộ phận/công an)",
      "(liên hệ/liên lạc) [với] (cán bộ/chủ tịch/ủy ban/ubnd/bộ phận/xã/phường)",
    ],
    // Changing one's own number in a record is a procedure question.
    unless: ["(cập nhật/đổi/thay đổi/sửa/bổ sung/khai) [lại] [số] điện thoại"],
    topic: "liên hệ",
    referral: null,
    aboutTheOffice: true,
  },
  {
    say: [
      // A question must follow: "căn cước ghi địa chỉ xã cũ" is about a card.
      "(địa chỉ/trụ sở) [của] (ủy ban/ubnd/xã/phường/bộ phận một cửa) … (ở đâu/đâu/là gì/chỗ nào/số mấy)",
      "(xin/cho xin/cho em xin/cho tôi xin) (địa chỉ/trụ sở) [của] (ủy ban/ubnd/xã/phường/bộ phận một cửa)",
      "(ủy ban/ubnd) [xã/phường] [nằm] ở đâu",
    ],
    topic: "địa chỉ",
    referral: null,
    aboutTheOffice: true,
  },
];

// ---------------------------------------------------------------------------
// Compilation and matching

interface Slot {
  kind: "word" | "optional" | "gap" | "not";
  alternatives: string[];
}

/** "lấy (vợ/chồng) [người] !nuôi" → slots. */
function slotsOf(phrase: string): Slot[] {
  const slots: Slot[] = [];
  let i = 0;
  while (i < phrase.length) {
    if (phrase[i] === " ") {
      i++;
      continue;
    }
    const negative = phrase[i] === "!";
    if (negative) i++;
    let body: string;
    let optional = false;
    const open = phrase[i];
    if (open === "(" || open === "[") {
      const end = phrase.indexOf(open === "(" ? ")" : "]", i);
      if (end < 0) throw new Error(`unclosed ${open} in "${phrase}"`);
      optional = open === "[";
      body = phrase.slice(i + 1, end);
      i = end + 1;
    } else {
      const end = phrase.indexOf(" ", i);
      const stop = end < 0 ? phrase.length : end;
      body = phrase.slice(i, stop);
      i = stop;
    }
    const alternatives = body
      .split("/")
      // Normalised exactly like a message, so that both sides meet.
      .map((alt) => normalizeText(alt.trim()))
      .filter(Boolean);
    const gap = body === "…" || body === "……";
    const kind = gap ? "gap" : negative ? "not" : optional ? "optional" : "word";
    slots.push({ kind, alternatives: gap ? [body === "……" ? "long" : "short"] : alternatives });
  }
  return slots;
}

/**
 * One phrase of the table → a RegExp over normalised text padded with a space on both
 * sides (every slot consumes the space before it, so word boundaries are exact).
 */
export function compilePhrase(phrase: string): RegExp {
  let source = "";
  for (const slot of slotsOf(phrase)) {
    const alts = slot.alternatives.join("|");
    if (slot.kind === "gap")
      source += slot.alternatives[0] === "long" ? "(?: [a-z0-9]+){0,6}" : "(?: [a-z0-9]+){0,3}";
    else if (slot.kind === "not") source += `(?! (?:${alts}) )`;
    else if (slot.kind === "optional") source += `(?: (?:${alts}))?`;
    else source += ` (?:${alts})`;
  }
  return new RegExp(`${source}(?= )`, "g");
}

export interface SynonymMatch {
  /** The catalogue's words, normalised. */
  means: string;
  /** A qualifier, not a procedure (see `Synonym.modifier`). */
  modifier: boolean;
  /** The span of the message (normalised text) that matched. */
  start: number;
  end: number;
}

export interface NotInCatalogueMatch {
  topic: string;
  referral: string | null;
  aboutTheOffice: boolean;
  start: number;
  end: number;
}

interface CompiledSynonym {
  patterns: RegExp[];
  unless: RegExp[];
  means: string;
  modifier: boolean;
}

interface CompiledExclusion {
  patterns: RegExp[];
  unless: RegExp[];
  topic: string;
  referral: string | null;
  aboutTheOffice: boolean;
}

let compiled: { synonyms: CompiledSynonym[]; exclusions: CompiledExclusion[] } | undefined;

function tables() {
  compiled ??= {
    synonyms: SYNONYMS.map((s) => ({
      patterns: s.say.map(compilePhrase),
      unless: (s.unless ?? []).map(compilePhrase),
      means: normalizeText(s.means),
      modifier: s.modifier === true,
    })),
    exclusions: NOT_IN_CATALOGUE.map((n) => ({
      patterns: n.say.map(compilePhrase),
      unless: (n.unless ?? []).map(compilePhrase),
      topic: n.topic,
      referral: n.referral,
      aboutTheOffice: n.aboutTheOffice === true,
    })),
  };
  return compiled;
}

function matchesOf(pattern: RegExp, text: string): Array<{ start: number; end: number }> {
  const found: Array<{ start: number; end: number }> = [];
  for (const m of ` ${text} `.matchAll(pattern)) {
    if (m[0].trim() === "") continue;
    // The padded text is one character longer on the left, and the match starts with a space.
    found.push({ start: m.index, end: m.index + m[0].length - 1 });
  }
  return found;
}

/** Every synonym that occurs in the (normalised) message, one match per synonym, in table order. */
export function findSynonyms(normalized: string): SynonymMatch[] {
  const matches: SynonymMatch[] = [];
  for (const synonym of tables().synonyms) {
    if (synonym.unless.some((p) => matchesOf(p, normalized).length > 0)) continue;
    let best: { start: number; end: number } | undefined;
    for (const pattern of synonym.patterns) {
      for (const m of matchesOf(pattern, normalized)) {
        if (!best || m.end - m.start > best.end - best.start) best = m;
      }
    }
    if (best) matches.push({ means: synonym.means, modifier: synonym.modifier, ...best });
  }
  return matches;
}

/** Topics the catalogue does not hold that the (normalised) message asks about. */
export function findNotInCatalogue(normalized: string): NotInCatalogueMatch[] {
  const matches: NotInCatalogueMatch[] = [];
  for (const exclusion of tables().exclusions) {
    if (exclusion.unless.some((p) => matchesOf(p, normalized).length > 0)) continue;
    for (const pattern of exclusion.patterns) {
      for (const m of matchesOf(pattern, normalized)) {
        matches.push({
          topic: exclusion.topic,
          referral: exclusion.referral,
          aboutTheOffice: exclusion.aboutTheOffice,
          ...m,
        });
      }
    }
  }
  return matches;
}

/** The message with the catalogue's words of every synonym appended (for display and tests). */
export function expandSynonyms(normalized: string): string {
  const extra = findSynonyms(normalized).map((m) => m.means);
  return [normalized, ...extra].join(" ").trim();
}
