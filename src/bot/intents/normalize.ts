/**
 * Normalisation of an official's chat message for rule matching.
 *
 * The normalised text is NFC, lower-case, diacritics folded (đ → d), split into
 * tokens (letters and digits apart: "nv12" → "nv 12", "DK482913" → "dang ky 482913")
 * joined by single spaces, with teencode/abbreviations expanded ("ko" → "khong",
 * "nv" → "nhiem vu"; the officials' list of assets/text/abbreviations.json) and light
 * typos fixed ("thnah" → "thanh", "quá hạ" → "qua han", raw Telex "vieecj" → "viec").
 * Typos are only corrected towards a small keyword list.
 *
 * Every character of the normalised text remembers the span of the original text it
 * came from, so that notes and reasons can be cut from what the user actually wrote
 * (with diacritics).
 */
import { abbreviations } from "../../domain/text/abbreviations.js";
import { foldVietnamese, nfc } from "../../domain/text/vietnamese.js";

export interface NormalizedMessage {
  /** The input, NFC. */
  original: string;
  /** Normalised tokens joined by single spaces. */
  text: string;
  /** For each character of `text`: start offset of its source in `original`. */
  starts: number[];
  /** For each character of `text`: end offset (exclusive) of its source in `original`. */
  ends: number[];
}

interface Token {
  text: string;
  start: number;
  end: number;
}

/** Whole-token abbreviations and teencode, as officials mean them ("nv" → "nhiem vu"). */
const ABBREVIATIONS = abbreviations("officials");

/** A plausible Vietnamese syllable (folded). Tokens that are not get typo-corrected. */
const SYLLABLE =
  /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?(?:oai|oay|oeo|uoi|uya|uye|uyu|ieu|yeu|uou|uay|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy|ye|a|e|i|o|u|y)(?:ch|ng|nh|c|m|n|p|t)?$/;

/** Loanwords that are not Vietnamese syllables but must not be "corrected". */
const LOANWORDS = new Set([
  "menu",
  "help",
  "hello",
  "helo",
  "hey",
  "done",
  "file",
  "more",
  "next",
  "ok",
  "alo",
  "you",
  "upload",
  "up",
  "check",
  "bot",
  "admin",
  "ad",
  "ubnd",
  "cchc",
  "tthc",
  "tkq",
  "tn",
  "vh",
  "tt",
  "mttq",
  "pdf",
  "word",
  "excel",
  "zalo",
]);

/**
 * Keyword syllables typos are corrected to (first candidate wins a tie), and that
 * glued words are split into ("quahan" → "qua han").
 */
const KEYWORDS = [
  "viec",
  "nhiem",
  "hoan",
  "thanh",
  "xong",
  "lich",
  "minh",
  "chung",
  "thong",
  "tien",
  "tuan",
  "thang",
  "ngay",
  "truoc",
  "dang",
  "lien",
  "huong",
  "giup",
  "chao",
  "them",
  "tiep",
  "tiet",
  "danh",
  "sach",
  "cuoi",
  "dung",
  "cham",
  "lieu",
  "nhanh",
  "phap",
  "phong",
  "chinh",
  "hom",
  "nay",
  "mai",
  "sau",
  "toi",
  "qua",
  "han",
  "tre",
  "quy",
  "gia",
  "lui",
  "cong",
  "xem",
  "dan",
  "ket",
  "ky",
  "ho",
  "so",
  "vu",
  "le",
  "ti",
  "ke",
  "cap",
  "nhat",
  "bao",
  "cao",
  "tong",
  "hop",
  "nam",
  "cua",
];
const KEYWORD_SET = new Set(KEYWORDS);

/** "hạ" typed for "hạn" after these words ("quá hạ", "trễ hạ", "đến hạ"); also "quá hạng", "hoàn thàn". */
const BEFORE_HAN = new Set(["qua", "tre", "den", "het", "gia", "lui", "dung", "sap"]);

/** Optimal string alignment distance ≤ 1 (one insertion, deletion, substitution or swap). */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * Raw Telex keystrokes (Unikey switched off): "vieecj" → "viec", "quas" → "qua",
 * "thoong" → "thong". Tone keys s f r x j never follow a vowel in a real syllable.
 */
function untelex(word: string): string {
  const firstVowel = word.search(/[aeiouy]/);
  if (firstVowel < 0) return word;
  const toneless = word.slice(0, firstVowel + 1) + word.slice(firstVowel + 1).replace(/[sfrxj]/g, "");
  return toneless
    .replace(/dd/g, "d")
    .replace(/([aeo])\1/g, "$1")
    .replace(/([aou])w/g, "$1")
    .replace(/w/g, "u");
}

/** Correct or split a letter token that is not a Vietnamese syllable; otherwise keep it. */
function fixTypo(word: string): string {
  if (word.length > 20) return word; // no Vietnamese word (or two glued) is that long
  const telex = untelex(word);
  if (telex !== word && KEYWORD_SET.has(telex)) return telex;
  if (word.length < 3 || SYLLABLE.test(word) || LOANWORDS.has(word)) return word;
  for (let i = 2; i <= word.length - 2; i++) {
    const [a, b] = [word.slice(0, i), word.slice(i)];
    if (KEYWORD_SET.has(a) && KEYWORD_SET.has(b)) return `${a} ${b}`;
  }
  return KEYWORDS.find((k) => k.length >= 3 && withinOneEdit(word, k)) ?? word;
}

/** Fold one character at a time so each folded character keeps its source span. */
function foldWithSpans(original: string): Token[] {
  const chars: Token[] = [];
  let i = 0;
  for (const ch of original) {
    const end = i + ch.length;
    const folded = /\s/.test(ch) ? " " : foldVietnamese(ch);
    for (const c of folded) chars.push({ text: c, start: i, end });
    i = end;
  }
  return chars;
}

/** Letters, digit groups (with / - . inside: dates, decimals), and a few symbols. */
const TOKEN = /\d+(?:[./-]\d+)*|[a-z]+|[%#?&]/g;

function tokenize(original: string): Token[] {
  const chars = foldWithSpans(original);
  const folded = chars.map((c) => c.text).join("");
  // foldWithSpans yields one code unit per entry for everything TOKEN can match.
  const unitIndex: number[] = [];
  chars.forEach((c, k) => {
    for (let u = 0; u < c.text.length; u++) unitIndex.push(k);
  });
  const tokens: Token[] = [];
  for (const m of folded.matchAll(TOKEN)) {
    const first = chars[unitIndex[m.index] as number] as Token;
    const last = chars[unitIndex[m.index + m[0].length - 1] as number] as Token;
    tokens.push({ text: m[0], start: first.start, end: last.end });
  }
  return tokens;
}

function expand(tokens: Token[]): Token[] {
  const out: Token[] = [];
  tokens.forEach((tok, i) => {
    const prev = out[out.length - 1]?.text;
    const next = tokens[i + 1]?.text ?? "";
    let text = tok.text;
    if (/^[a-z]+$/.test(text)) {
      if (text === "ha" && prev !== undefined && BEFORE_HAN.has(prev)) text = "han";
      else if (text === "hang" && (prev === "qua" || prev === "tre")) text = "han";
      else if (text === "than" && prev === "hoan") text = "thanh";
      else if (text === "ki" && prev === "dang") text = "ky";
      // "t" is "tôi", but "t5", "T2" name a weekday or a month: keep it before a number.
      else if (text !== "t" || !/^\d/.test(next)) text = ABBREVIATIONS.get(text)?.join(" ") ?? fixTypo(text);
    }
    for (const part of text.split(" ")) out.push({ text: part, start: tok.start, end: tok.end });
  });
  return out;
}

export function normalizeMessage(input: string): NormalizedMessage {
  const original = nfc(input);
  const tokens = expand(tokenize(original));
  let text = "";
  const starts: number[] = [];
  const ends: number[] = [];
  tokens.forEach((tok, i) => {
    if (i > 0) {
      // The joining space belongs to the gap between the two tokens.
      text += " ";
      starts.push((tokens[i - 1] as Token).end);
      ends.push(tok.start);
    }
    for (const c of tok.text) {
      text += c;
      starts.push(tok.start);
      ends.push(tok.end);
    }
  });
  return { original, text, starts, ends };
}

/** The original text behind normalised characters [from, to), or "" for an empty span. */
export function originalSlice(msg: NormalizedMessage, from: number, to: number): string {
  if (to <= from) return "";
  return msg.original.slice(msg.starts[from], msg.ends[to - 1]);
}

/** Normalise a fragment on its own (tests, lexicons). */
export function normalizeText(input: string): string {
  return normalizeMessage(input).text;
}
