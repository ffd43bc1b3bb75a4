/**
 * Word classes for ranking. Written with tone marks; compared after normalisation, where
 * folding makes many function words collide with content syllables ("cần" and "căn
 * cước", "từ" and "khai tử", "họ" and "hộ tịch", "thấy" and "thay đổi"). So:
 *
 * - stop phrases (question constructions, greetings) are removed first, as phrases;
 * - stop words never help to tell procedures apart and are dropped, except the ambiguous
 *   ones, which are kept when they form a two-word term of the catalogue with a
 *   neighbour ("can cuoc", "khai tu", "ho tich");
 * - aspect words say what the citizen wants to know (fee, time ...), not which procedure;
 *   they keep a small weight ("lệ phí trước bạ" is a procedure);
 * - generic words are in most names or most messages ("thủ tục", "giấy", "xã", "ủy ban");
 *   they keep a reduced weight.
 */
import { normalizeText, tokensOf } from "./normalize.js";

const STOP_PHRASES_TEXT = `
  như thế nào | thế nào | làm sao | làm thế nào | ra sao | tại sao | vì sao | thì sao | sao vậy
  bao nhiêu | bao lâu | bao giờ | khi nào | lúc nào | ở đâu | chỗ nào | nơi nào | mấy giờ | mấy ngày
  được không | có không | hay không | phải không | đúng không | có được | có thể | có phải
  cảm ơn | cám ơn | xin chào | chào buổi sáng | chào buổi chiều | chào buổi tối
  cho hỏi | xin hỏi | cho em hỏi | cho tôi hỏi | cho mình hỏi | cho cháu hỏi | mọi người
  bây giờ | hiện nay | hiện tại | hôm nay | hôm qua | ngày mai | năm nay | tháng sau | tuần sau
  hàng xóm | trả lời | thật sự | người ta | tất cả | thế thì | như vậy | vậy thì | nghe nói
  cần những gì | cần gì | cần làm gì | cần chuẩn bị | phải làm gì | những gì | là gì
`;

/** Pure function words: their folded forms are not syllables of what procedures are about. */
const STOP_WORDS_TEXT = `
  à ạ ả ơi ới nhé nhá nha nhỉ hử hen ta vậy thì là và với của cho hỏi xin
  tôi tui anh bạn admin dạ ừ ok alo hello hi chào
  không chưa rồi sẽ sắp vừa nữa luôn thôi mà nhưng nếu khi
  nào gì như ai này kia đó đấy ấy nọ các những mọi bốn năm có
  để đến tới ở trong trên vào lên xuống ra
  phải muốn nên hay hoặc được bị nhờ giúp giùm dùm ợ
  ông bà má vợ trai gái
  rất quá nhiều ít nhất chút xíu tí
  tuần tháng ngày giờ tối hôm mai sau lúc buổi
  vẫn mãi hết chỉ riêng nhau đây
`;

/**
 * Function words whose folded form is also a syllable of procedure names ("đang" and
 * "đăng", "bạn" and "bản", "mấy" and "xe máy", "hỏi" and "xã hội"): dropped unless they
 * make a two-word term of the catalogue with a neighbour.
 */
const AMBIGUOUS_STOP_TEXT = `
  cần tại từ thế thể hơn thấy nói họ sáng chiều bảo dưới một lần nghe cả thật trả lời sự
  sao đâu đầu đi dấu tự đang tớ hai bạn về bố nhà đã qua hỏi chị vẫn thời hả lúc mà mấy
  mới trước chồng cũng mẹ cha em mình vâng ba nó vắng
`;

const ASPECT_PHRASES_TEXT = `
  lệ phí | chi phí | thời gian | thời hạn | hạn chót | trình tự | quy trình | các bước | điều kiện | hướng dẫn
  trực tuyến | dịch vụ công | tờ khai | mẫu đơn | kết quả | mang theo | chuẩn bị | bao gồm
  bản sao hay bản chính | nộp hồ sơ | trực tiếp | qua bưu điện | bưu chính
`;

const ASPECT_WORDS_TEXT = `
  phí tiền nộp lâu gấp nhanh mẫu đơn online gồm lấy
`;

const GENERIC_PHRASES_TEXT = `
  thủ tục | hành chính | giấy tờ | hồ sơ | ủy ban nhân dân | ủy ban | chủ tịch | cơ quan | cán bộ
  công chức | nhà nước | việt nam | công dân | cá nhân | gia đình | thành phố | thị trấn
  trường hợp | quy định | giải quyết | yêu cầu | đề nghị | văn bản | thực hiện | cấp xã | xã phường
  hỗ trợ | giúp đỡ | tư pháp | cán bộ tư pháp | nơi tạm trú | nơi thường trú | nơi cư trú | nơi ở hiện tại
  thuộc hộ nghèo | thuộc hộ cận nghèo | thuộc diện hộ nghèo | thuộc diện hộ cận nghèo | là hộ nghèo
  người có công | có công với cách mạng | gia đình chính sách
`;

const GENERIC_WORDS_TEXT = `
  giấy làm xin cấp xã phường huyện người con bé cháu nhà em
`;

const normalizeWords = (text: string) => tokensOf(normalizeText(text));
const phrasesOf = (text: string) =>
  text
    .split("|")
    .flatMap((chunk) => chunk.split("\n"))
    .map((p) => normalizeWords(p).join(" "))
    .filter(Boolean);

export const STOP_WORDS: ReadonlySet<string> = new Set(normalizeWords(STOP_WORDS_TEXT));
export const AMBIGUOUS_STOP_WORDS: ReadonlySet<string> = new Set(normalizeWords(AMBIGUOUS_STOP_TEXT));
export const ASPECT_WORDS: ReadonlySet<string> = new Set(normalizeWords(ASPECT_WORDS_TEXT));
export const GENERIC_WORDS: ReadonlySet<string> = new Set(normalizeWords(GENERIC_WORDS_TEXT));

/** A phrase as a word-bounded expression, with its words (a message without one of them cannot match). */
interface Phrase {
  pattern: RegExp;
  words: string[];
}

const asPatterns = (phrases: string[]): Phrase[] =>
  [...new Set(phrases)]
    .sort((a, b) => b.length - a.length)
    .map((p) => ({
      pattern: new RegExp(`(?<![a-z0-9])${p}(?![a-z0-9])`, "g"),
      words: /^[a-z0-9 ]+$/.test(p) ? p.split(" ") : [],
    }));

/** Longest first, so that "cho em hỏi" goes before "cho hỏi". */
export const STOP_PHRASES: readonly Phrase[] = asPatterns(phrasesOf(STOP_PHRASES_TEXT));
export const ASPECT_PHRASES: readonly Phrase[] = asPatterns(phrasesOf(ASPECT_PHRASES_TEXT));
export const GENERIC_PHRASES: readonly Phrase[] = asPatterns(phrasesOf(GENERIC_PHRASES_TEXT));

export type WordClass = "stop" | "ambiguous" | "aspect" | "generic" | "content";

/** The class of a single word, out of context. */
export function classOf(token: string): WordClass {
  if (/^\d+$/.test(token)) return "generic";
  if (AMBIGUOUS_STOP_WORDS.has(token)) return "ambiguous";
  if (STOP_WORDS.has(token)) return "stop";
  if (ASPECT_WORDS.has(token)) return "aspect";
  if (GENERIC_WORDS.has(token)) return "generic";
  return "content";
}

/** A token of a message with its class in context. */
export interface ClassifiedToken {
  token: string;
  cls: WordClass;
}

/**
 * Classify the tokens of a normalised message: phrases first (stop phrases removed,
 * aspect and generic phrases marked), then single words; an ambiguous word becomes
 * content when it makes a known two-word term (`isKnownBigram`) with a non-stop neighbour.
 */
export function classify(
  normalized: string,
  isKnownBigram: (a: string, b: string) => boolean,
): ClassifiedToken[] {
  const tokens = tokensOf(normalized);
  const classes: Array<WordClass | undefined> = Array.from({ length: tokens.length });
  const joined = ` ${tokens.join(" ")} `;
  // A phrase's words are runs of letters and digits bounded by other characters, so each
  // is a whole run of the message: a phrase missing one is not tried.
  const words = new Set(joined.split(/[^a-z0-9]+/));
  const markPhrases = (phrases: readonly Phrase[], cls: WordClass) => {
    for (const { pattern, words: needed } of phrases) {
      if (!needed.every((w) => words.has(w))) continue;
      for (const m of joined.matchAll(pattern)) {
        const first = tokensOf(joined.slice(0, m.index)).length;
        const count = tokensOf(m[0]).length;
        for (let i = first; i < first + count; i++) classes[i] ??= cls;
      }
    }
  };
  markPhrases(STOP_PHRASES, "stop");
  markPhrases(ASPECT_PHRASES, "aspect");
  markPhrases(GENERIC_PHRASES, "generic");
  const out: ClassifiedToken[] = tokens.map((token, i) => ({ token, cls: classes[i] ?? classOf(token) }));
  // Two ambiguous words may rescue each other ("lần đầu"), a stop word never does.
  const joinsWith = (other: ClassifiedToken | undefined) => other !== undefined && other.cls !== "stop";
  for (const [i, item] of out.entries()) {
    if (item.cls !== "ambiguous") continue;
    const prev = out[i - 1];
    const next = out[i + 1];
    const joins =
      (joinsWith(prev) && isKnownBigram(prev!.token, item.token)) ||
      (joinsWith(next) && isKnownBigram(item.token, next!.token));
    item.cls = joins ? "content" : "stop";
  }
  return out;
}
