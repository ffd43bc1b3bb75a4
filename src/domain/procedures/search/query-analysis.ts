/**
 * A citizen's message as weighted query terms. Everyday words get the catalogue's words
 * added (synonyms.ts), and the message's words are classed (vocabulary.ts): content words
 * count fully, generic ones ("giấy", "xã") and aspect ones ("lệ phí", "bao lâu") little,
 * function words not at all.
 */
import type { CatalogueWords } from "./catalogue-words.js";
import { salient } from "./entries.js";
import { tokensOf } from "./normalize.js";
import type { RankingParameters } from "./parameters.js";
import { findSynonyms, type NotInCatalogueMatch, type SynonymMatch } from "./synonyms.js";
import { bigram, bigramsOf, isBigram, wordsOfBigram } from "./terms.js";
import { classify, classOf, GENERIC_WORDS, type WordClass } from "./vocabulary.js";

/** Query term with its weight; `bigram` marks two-word terms. */
export interface QueryTerm {
  term: string;
  weight: number;
  bigram: boolean;
}

export interface Query {
  terms: QueryTerm[];
  /** A content word or a procedure synonym (not only qualifiers, aspects, generic words). */
  hasContent: boolean;
  /** For each word, the meaningful bigrams of the message it is part of. */
  pairsOf: Map<string, string[]>;
  /** Salient words of each qualifier synonym that matched ("lai"; "yeu", "to", "nuoc", "ngoai"). */
  qualifiers: string[][];
  /** Ages in the message ("con em 15 tuổi"). */
  ages: number[];
  /** The synonyms found in the message (the families read their qualifiers from them too). */
  synonyms: SynonymMatch[];
}

/**
 * Whether a term weighs as a content word of the request: not a generic or aspect word,
 * nor one diminished as part of a synonym's span or of the story.
 */
export function weighsFully(weight: number, parameters: RankingParameters): boolean {
  return weight >= parameters.termWeight.content * 0.99;
}

/**
 * The message as weighted query terms (unigrams and bigrams). `normalized` is the message
 * normalised; `excluded`, the topics the catalogue does not hold found in it; `narrative`,
 * the words only its story has (story-clauses.ts).
 */
export function buildQuery(
  normalized: string,
  excluded: readonly NotInCatalogueMatch[],
  narrative: ReadonlySet<string> | null,
  catalogue: CatalogueWords,
  parameters: RankingParameters,
): Query {
  const p = parameters;
  // Words of topics the catalogue does not hold are no evidence for any procedure.
  let text = normalized;
  for (const span of [...excluded].sort((a, b) => b.start - a.start)) {
    text = `${text.slice(0, span.start)} ${text.slice(span.end)}`;
  }
  text = text.replace(/\s+/g, " ").trim();
  if (p.correctTypos) text = correctTypos(text, catalogue);

  const synonyms = p.useSynonyms ? findSynonyms(text) : [];
  const ages = [...text.matchAll(/(?<![a-z0-9])(\d{1,2}) tuoi(?![a-z0-9])/g)].map((m) => Number(m[1]));
  const isKnownBigram = (a: string, b: string) => catalogue.nameBigramVocabulary.has(bigram(a, b));
  const classified = classify(text, isKnownBigram);

  const weights = new Map<string, number>();
  const put = (term: string, weight: number) => {
    if (weight > (weights.get(term) ?? 0)) weights.set(term, weight);
  };
  const classWeight = (cls: WordClass): number =>
    cls === "stop" || cls === "ambiguous" ? 0 : p.termWeight[cls];

  // The citizen's own words inside a synonym's span ("lấy", "vợ" of "lấy vợ"; "công" of
  // "công chứng", which would match "cộng tác viên") are weak evidence once the
  // catalogue's words are added. Words the two share keep their weight, and so do words
  // that make a phrase of the catalogue with a neighbour ("ly hôn" in "ghi chú ly hôn ở
  // nước ngoài").
  const inSpan = new Array<boolean>(classified.length).fill(false);
  let offset = 0;
  for (const [i, c] of classified.entries()) {
    const start = text.indexOf(c.token, offset);
    offset = start + c.token.length;
    const prev = classified[i - 1]?.token;
    const next = classified[i + 1]?.token;
    const inPhrase =
      (prev !== undefined && isKnownBigram(prev, c.token)) ||
      (next !== undefined && isKnownBigram(c.token, next));
    inSpan[i] =
      !inPhrase &&
      synonyms.some((m) => start >= m.start && start < m.end && !tokensOf(m.means).includes(c.token));
  }
  // Words only in the story around the request ("năm 2010 em sinh bé ở nhà ngoại …")
  // count less than the words of the request itself.
  const storyFactor = (token: string) => (narrative?.has(token) ? p.narrativeWeight : 1);
  const weightAt = (i: number) =>
    classWeight(classified[i]!.cls) *
    (inSpan[i] ? p.termWeight.spanWord : 1) *
    storyFactor(classified[i]!.token);

  // Unigrams, and bigrams of neighbours that survive the stop list.
  for (const [i, c] of classified.entries()) {
    const w = weightAt(i);
    if (w > 0) put(c.token, w);
  }
  if (p.useBigrams) {
    for (let i = 0; i + 1 < classified.length; i++) {
      const w = Math.min(weightAt(i), weightAt(i + 1));
      if (w > 0) put(bigram(classified[i]!.token, classified[i + 1]!.token), w * p.termWeight.bigram);
    }
  }
  const hasContent =
    classified.some((c, i) => c.cls === "content" && !inSpan[i]) || synonyms.some((m) => !m.modifier);

  // The catalogue's words for what the citizen said.
  for (const synonym of synonyms) {
    const words = tokensOf(synonym.means);
    const spanTokens = tokensOf(text.slice(synonym.start, synonym.end));
    const inStory = narrative !== null && spanTokens.every((t) => narrative.has(t));
    const weight =
      (synonym.modifier ? p.termWeight.modifier : p.termWeight.expansion) * (inStory ? p.narrativeWeight : 1);
    for (const word of words) put(word, GENERIC_WORDS.has(word) ? p.termWeight.generic : weight);
    if (p.useBigrams) for (const pair of bigramsOf(words)) put(pair, weight);
  }
  const terms = [...weights].map(([term, weight]) => ({
    term,
    weight,
    bigram: isBigram(term),
  }));
  const pairsOf = new Map<string, string[]>();
  for (const t of terms) {
    if (!t.bigram || !weighsFully(t.weight, p)) continue;
    for (const word of wordsOfBigram(t.term)) pairsOf.set(word, [...(pairsOf.get(word) ?? []), t.term]);
  }
  return {
    terms,
    pairsOf,
    qualifiers: synonyms.filter((m) => m.modifier).map((m) => salient(tokensOf(m.means))),
    ages,
    hasContent,
    synonyms,
  };
}

/**
 * A syllable the catalogue never uses, one edit away from one it does, that makes a
 * two-word term of the catalogue with a neighbour: "khia sinh" → "khai sinh".
 */
function correctTypos(text: string, catalogue: CatalogueWords): string {
  const tokens = tokensOf(text);
  let changed = false;
  for (const [i, token] of tokens.entries()) {
    if (token.length < 3 || catalogue.nameVocabulary.has(token) || !/^[a-z]+$/.test(token)) continue;
    // Words of the stop, aspect and generic lists are what they are ("hôm" is not "hộ").
    if (classOf(token) !== "content") continue;
    // Only a neighbour that means something can vouch for the correction ("khia sinh"),
    // not "con", "đi" or "xã".
    const prev =
      tokens[i - 1] !== undefined && classOf(tokens[i - 1]!) === "content" ? tokens[i - 1] : undefined;
    const next =
      tokens[i + 1] !== undefined && classOf(tokens[i + 1]!) === "content" ? tokens[i + 1] : undefined;
    if (prev === undefined && next === undefined) continue;
    let best: string | undefined;
    for (const candidate of catalogue.nameVocabulary) {
      if (Math.abs(candidate.length - token.length) > 1 || !withinOneEdit(token, candidate)) continue;
      const supported =
        (prev !== undefined && catalogue.nameBigramVocabulary.has(bigram(prev, candidate))) ||
        (next !== undefined && catalogue.nameBigramVocabulary.has(bigram(candidate, next)));
      if (
        supported &&
        (best === undefined || (catalogue.idf.get(candidate) ?? 0) < (catalogue.idf.get(best) ?? 0))
      ) {
        best = candidate;
      }
    }
    if (best) {
      tokens[i] = best;
      changed = true;
    }
  }
  return changed ? tokens.join(" ") : text;
}

function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length === b.length) {
    let diff = 0;
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) {
        diff++;
        // A swap of neighbours counts as one edit ("kahi" → "khai").
        if (diff === 1 && a[i + 1] === b[i] && a[i] === b[i + 1] && a.slice(i + 2) === b.slice(i + 2))
          return true;
      }
      if (diff > 1) return false;
    }
    return true;
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  return short.slice(i) === long.slice(i + 1);
}
