/**
 * Text normalisation shared by the procedure index and the citizen's message, so that both
 * sides meet in the same form: NFC, lower case, tone marks and đ folded away, punctuation
 * gone, citizens' abbreviations and teencode spelled out, and a few spellings made
 * canonical (kí/ký, lí/lý). Folding both sides means a message typed without tone marks,
 * or with the wrong ones, still meets the catalogue's words.
 *
 * `dictionary-vi` (the Hunspell list of Vietnamese syllables) is used for two repairs of
 * words that are not Vietnamese syllables at all: Telex keystrokes left in by a phone with
 * no Vietnamese keyboard ("ddawng kys" → "dang ky") and two syllables typed without a space
 * ("khaisinh" → "khai sinh"). Restoring tone marks is not attempted: the index is folded,
 * so it would gain nothing.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { z } from "zod";
import { loadAsset } from "../../../assets.js";
import { abbreviations } from "../../text/abbreviations.js";
import { foldText } from "../../text/vietnamese.js";

// The catalogue index folds with the same function as the messages it is searched with.
export { foldText };

/**
 * Multi-word fixed expressions ("sổ đỏ" → giấy chứng nhận quyền sử dụng đất), rewritten
 * after the tokens are expanded: the `rewrites` of assets/qa/synonyms.json, whose keys
 * are regular-expression bodies over folded text ("(?:so|bia) (?:do|hong)").
 */
const PHRASES: ReadonlyArray<readonly [RegExp, string]> = loadAsset(
  "qa/synonyms.json",
  z.object({
    rewrites: z.array(
      z.strictObject({ folded: z.string().min(1), to: z.string().min(1), note: z.string().optional() }),
    ),
  }),
).rewrites.map((r) => [new RegExp(`\\b(?:${r.folded})\\b`, "g"), r.to] as const);

/** Particles after which a trailing "hk" reads as "không" ("được hk ạ"). */
const SENTENCE_END = new Set(["a", "ad", "admin", "ah", "ak", "nhe", "nha", "vay", "z", "v", "ha", "ta"]);

// ---------------------------------------------------------------------------
// Vietnamese syllables (dictionary-vi), folded

let syllables: Set<string> | undefined;

/** Every syllable of dictionary-vi, folded ("đăng" → "dang"); about 1,600 of them. */
export function foldedSyllables(): ReadonlySet<string> {
  if (!syllables) {
    // The package's own entry reads the files with top-level await, which a CommonJS
    // loader cannot import: read the .dic beside it instead.
    const entry = createRequire(import.meta.url).resolve("dictionary-vi");
    const dic = readFileSync(join(dirname(entry), "index.dic"), "utf8");
    syllables = new Set<string>();
    for (const line of dic.split("\n").slice(1)) {
      const word = line.split("/")[0]?.trim();
      // Capitalised entries are abbreviations and names (HCM, HK, Nguyễn), not syllables.
      if (!word || word[0] !== word[0]!.toLowerCase()) continue;
      const folded = foldText(word);
      if (/^[a-z]+$/.test(folded)) syllables.add(folded);
    }
  }
  return syllables;
}

/** Words that look like Telex residue but are not ("online", "form", "zalo", ...). */
const FOREIGN_WORDS = new Set([
  "online",
  "offline",
  "form",
  "zalo",
  "admin",
  "ok",
  "email",
  "file",
  "web",
  "app",
  "vneid",
  "photo",
  "visa",
  "video",
  "wifi",
  "internet",
  "facebook",
  "google",
  "shop",
  "sale",
  "covid",
  "hotline",
  "passport",
  "homestay",
]);

/**
 * "ddawng" → "dang", "kys" → "ky", "keets" → "ket": undo Telex keystrokes (dd, aa, aw, ee,
 * oo, ow, uw, w, and a trailing tone key s f r x j) when that turns a non-syllable into a
 * syllable. Returns the token unchanged otherwise.
 */
export function repairTelex(token: string): string {
  const known = foldedSyllables();
  if (known.has(token) || FOREIGN_WORDS.has(token) || !/^[a-z]+$/.test(token)) return token;
  const letters = token
    .replace(/dd/g, "d")
    .replace(/aa|aw/g, "a")
    .replace(/ee/g, "e")
    .replace(/oo|ow/g, "o")
    .replace(/uw/g, "u")
    .replace(/w/g, "u");
  if (known.has(letters)) return letters;
  const withoutTone = letters.replace(/[sfrxj]$/, "");
  if (withoutTone !== letters && withoutTone.length >= 2 && known.has(withoutTone)) return withoutTone;
  // A tone key typed before the final consonant: "khasi" is rare, "hoonf"/"ddawngf" are not.
  return token;
}

/**
 * "khaisinh" → ["khai", "sinh"]: a non-syllable that splits into exactly two syllables of
 * at least two letters each (the split with the longest first syllable wins).
 */
export function splitGlued(token: string): string[] {
  const known = foldedSyllables();
  if (token.length < 5 || known.has(token) || FOREIGN_WORDS.has(token) || !/^[a-z]+$/.test(token))
    return [token];
  for (let cut = token.length - 2; cut >= 2; cut--) {
    const head = token.slice(0, cut);
    const tail = token.slice(cut);
    if (known.has(head) && known.has(tail)) return [head, tail];
  }
  return [token];
}

export interface NormalizeOptions {
  /** Undo Telex residue and split glued syllables with dictionary-vi (default true). */
  repairSpelling?: boolean;
}

/** One token after folding: its expansion, or itself with the i/y spelling made canonical. */
function expandToken(token: string, next: string | undefined, options: NormalizeOptions): string[] {
  if (token === "hk" || token === "hkh") {
    // "nhập hk cho con" is hộ khẩu; "được hk", "có hk ạ" (end of the sentence) is không.
    return next === undefined || SENTENCE_END.has(next) ? ["khong"] : ["ho", "khau"];
  }
  const expansion = ABBREVIATIONS_FOLDED.get(token);
  if (expansion) return expansion;
  if (options.repairSpelling !== false && /^[a-z]{2,}$/.test(token)) {
    // A repaired word is expanded like any other ("ee" → "e" → "em"), so that normalising
    // twice changes nothing.
    const repaired = repairTelex(token);
    if (repaired !== token) return plainWord(repaired);
    const parts = splitGlued(token);
    if (parts.length > 1) return parts.flatMap(plainWord);
  }
  return [canonicalSpelling(token)];
}

/** A word that needs no repair: its expansion, or itself spelled canonically. */
function plainWord(word: string): string[] {
  return ABBREVIATIONS_FOLDED.get(word) ?? [canonicalSpelling(word)];
}

/** kí/ký, lí/lý, mĩ/mỹ, sĩ/sỹ ... are spelled both ways: fold the final y of an open syllable to i. */
function canonicalSpelling(token: string): string {
  return /^(?:b|d|h|k|l|m|n|qu|s|t|v)y$/.test(token) ? `${token.slice(0, -1)}i` : token;
}

/**
 * The citizens' abbreviations and teencode (assets/text/abbreviations.json), spelled
 * canonically. Ambiguous short forms are left out of that list on purpose ("kh", "tt",
 * "cc"); "hk" is decided by context in `expandToken`.
 */
const ABBREVIATIONS_FOLDED: ReadonlyMap<string, string[]> = new Map(
  [...abbreviations("citizens")].map(([key, words]) => [key, words.map(canonicalSpelling)]),
);

/**
 * The full normalisation: fold, expand abbreviations and teencode token by token, repair
 * Telex residue and glued syllables, then rewrite fixed expressions. The result is a
 * string of folded tokens separated by single spaces.
 */
export function normalizeText(text: string, options: NormalizeOptions = {}): string {
  const tokens = foldText(text).split(" ").filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    // Digits glued to letters split apart ("15tuoi", "lop1"), numbers stay whole.
    const token = tokens[i]!;
    const pieces =
      /[a-z]/.test(token) && /\d/.test(token) ? token.split(/(?<=\d)(?=[a-z])|(?<=[a-z])(?=\d)/) : [token];
    for (const [j, piece] of pieces.entries()) {
      const next = j + 1 < pieces.length ? pieces[j + 1] : tokens[i + 1];
      out.push(...expandToken(piece, next, options));
    }
  }
  let joined = out.join(" ");
  for (const [pattern, replacement] of PHRASES) joined = joined.replace(pattern, replacement);
  return joined;
}

/** Split a normalised string into its tokens. */
export function tokensOf(normalized: string): string[] {
  return normalized.split(" ").filter(Boolean);
}
