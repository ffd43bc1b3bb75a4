import fc from "fast-check";

/**
 * Random Vietnamese-looking text for property tests: syllables built from Vietnamese
 * onsets, vowels with any tone mark and codas, sometimes without diacritics, in NFC or
 * NFD, mixed with the things people type to a commune's OA (task and receipt codes,
 * dates, percentages, abbreviations, emoji, stray punctuation).
 */
const ONSETS = [
  "",
  "b",
  "c",
  "ch",
  "d",
  "đ",
  "g",
  "gh",
  "gi",
  "h",
  "k",
  "kh",
  "l",
  "m",
  "n",
  "ng",
  "ngh",
  "nh",
  "p",
  "ph",
  "qu",
  "r",
  "s",
  "t",
  "th",
  "tr",
  "v",
  "x",
];
const VOWELS = [
  "a",
  "ă",
  "â",
  "e",
  "ê",
  "i",
  "o",
  "ô",
  "ơ",
  "u",
  "ư",
  "y",
  "ai",
  "ao",
  "au",
  "ay",
  "âu",
  "ây",
  "eo",
  "ia",
  "iê",
  "oa",
  "oă",
  "oe",
  "oi",
  "ôi",
  "ơi",
  "ua",
  "uâ",
  "uê",
  "ui",
  "uô",
  "uơ",
  "ưa",
  "ưi",
  "ươ",
  "uy",
  "yê",
];
const CODAS = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t", "i", "o", "u", "y"];
/** Combining tone marks: none, sắc, huyền, hỏi, ngã, nặng. */
const TONES = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"];
const TOKENS = [
  "NV12",
  "#7",
  "nv 3",
  "hs",
  "HS 261117-0001",
  "000.00.21.H45-261117-0001",
  "30/6",
  "15/12/2026",
  "thứ 6",
  "t2",
  "quý 3",
  "q4",
  "60%",
  "100 %",
  "ok",
  "dk",
  "đăng ký",
  "xong",
  "gia hạn",
  "hủy",
  "ko",
  "j",
  "dc",
  "bn",
  "ntn",
  "gks",
  "cccd",
  "?",
  "!",
  "...",
  ",",
  "😂",
  "👍",
  "\u200b",
  "\n",
  "  ",
  "https://zalo.me/x",
  "0901234567",
  "-1",
  "9999999999999999999",
  "%",
  "/",
  "–",
  "ạ",
  "nhé",
];

const syllable = fc
  .tuple(
    fc.constantFrom(...ONSETS),
    fc.constantFrom(...VOWELS),
    fc.constantFrom(...TONES),
    fc.constantFrom(...CODAS),
    fc.boolean(),
  )
  .map(([onset, vowel, tone, coda, upper]) => {
    const s = `${onset}${vowel.slice(0, 1)}${tone}${vowel.slice(1)}${coda}`;
    return upper ? s.toUpperCase() : s;
  });

const word = fc.oneof(
  { weight: 6, arbitrary: syllable },
  { weight: 2, arbitrary: fc.constantFrom(...TOKENS) },
  {
    weight: 1,
    arbitrary: fc.string({ maxLength: 6 }),
  },
);

/** A message of up to `maxWords` words, in NFC, NFD, or with its diacritics stripped. */
export function vietnameseText(maxWords = 14): fc.Arbitrary<string> {
  return fc
    .tuple(fc.array(word, { maxLength: maxWords }), fc.constantFrom("nfc", "nfd", "ascii"))
    .map(([words, form]) => {
      const text = words.join(" ");
      if (form === "nfd") return text.normalize("NFD");
      if (form === "ascii")
        return text
          .normalize("NFD")
          .replace(/[\u0300-\u036f]/g, "")
          .replace(/đ/g, "d")
          .replace(/Đ/g, "D");
      return text.normalize("NFC");
    });
}
