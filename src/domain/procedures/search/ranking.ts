/**
 * The second stage of ranking: each candidate's BM25 score is mixed with features of its
 * name, all in 0–1:
 *   - name coverage: the share of the name's words (by rarity, earlier words weighing more)
 *     that the message contains;
 *   - query coverage: the share of the message's words (by rarity) that the name explains;
 *   - phrase evidence: the share of the message matched as whole phrases of the name.
 * The confidence is a fixed mix of the three. Small priors break near-ties: commonly
 * requested procedures, commune-served ones (branch-agency procedures are searchable so
 * the bot can say who handles them, but lose ties), names that carry the qualifier the
 * citizen asked for ("lại", "có yếu tố nước ngoài") and fit the age given.
 */
import type { CatalogueWords } from "./catalogue-words.js";
import type { Entry } from "./entries.js";
import type { RankingParameters } from "./parameters.js";
import { weighsFully, type Query } from "./query-analysis.js";
import type { Candidate } from "./retrieval.js";

export interface SearchHit {
  code: string;
  name: string;
  /** Ranking score (larger is better; comparable within one search only). */
  score: number;
  /** 0–1: how well this procedure explains the message. */
  confidence: number;
  /** Other codes of the same procedure (identical names in the catalogue). */
  alternatives: string[];
  communeService: boolean;
  field: string | null;
}

interface Features {
  nameCoverage: number;
  queryCoverage: number;
  phrase: number;
  confidence: number;
}

/** The best `limit` candidates, best first. */
export function rankCandidates(
  candidates: readonly Candidate[],
  entries: readonly Entry[],
  query: Query,
  catalogue: CatalogueWords,
  parameters: RankingParameters,
  limit: number,
): SearchHit[] {
  const p = parameters;
  const d = p.details;
  const contentWords = query.terms.filter((t) => !t.bigram && weighsFully(t.weight, p)).length;
  const scored0 = candidates.map((candidate) => {
    const entry = entries[candidate.id]!;
    const features = candidateFeatures(entry, query, candidate.queryTerms, catalogue, p);
    const bm = candidate.bm25;
    const mixed = p.rerank
      ? p.mix.bm25 * bm +
        p.mix.nameCoverage * features.nameCoverage +
        p.mix.queryCoverage * features.queryCoverage +
        p.mix.phrase * features.phrase
      : bm;
    return { entry, detail: candidate.detail, mixed, features };
  });
  // The details weigh more as the message gets longer and the names explain it less.
  const bestNameConfidence = Math.max(0, ...scored0.map((c) => c.features.confidence));
  const detailWeight =
    d.weight * Math.min(1, contentWords / d.fullAt) * (1 - d.nameDamping * bestNameConfidence);
  const scored = scored0.map(({ entry, detail, mixed, features }) => {
    const detailScore = !detail
      ? 0
      : d.fusion === "rrf"
        ? (d.rrfK + 1) / (d.rrfK + 1 + detail.rank)
        : detail.score;
    const score = withPriors(mixed + detailWeight * detailScore, entry, query, p);
    return { entry, score, confidence: features.confidence };
  });
  scored.sort((a, b) => b.score - a.score || a.entry.id - b.entry.id);

  const top = scored[0]!;
  return scored.slice(0, limit).map(({ entry, score, confidence }) => ({
    code: entry.code,
    name: entry.name,
    score: round(score),
    // A hit's confidence is its own fit, scaled by how it ranks against the top hit.
    confidence: round(clamp01(confidence * Math.min(1, score / top.score))),
    alternatives: entry.alternatives,
    communeService: entry.communeService,
    field: entry.field,
  }));
}

/** The score with the priors that break near-ties applied. */
function withPriors(score: number, entry: Entry, query: Query, p: RankingParameters): number {
  return (
    score *
    (entry.communeService ? 1 : p.branchAgencyFactor) *
    (entry.common ? p.commonFactor : 1) *
    // A qualifier the citizen asked for ("lại", "nước ngoài", "lưu động") that the
    // name lacks.
    p.missingQualifierFactor **
      query.qualifiers.filter((q) => !q.every((w) => entry.nameWords.has(w))).length *
    // An age on the wrong side of the name's line ("15 tuổi" and "dưới 14 tuổi").
    (entry.ageRange &&
    query.ages.length > 0 &&
    !query.ages.some((a) => a >= entry.ageRange!.min && a < entry.ageRange!.max)
      ? p.missingQualifierFactor
      : 1)
  );
}

/**
 * What the features need of the query's words, worked out once per query rather than
 * once per candidate: the same values, summed in the same order.
 */
interface QueryWords {
  words: Array<{
    word: string;
    /** Its weight in query coverage: weight × rarity (capped). */
    coverage: number;
    /** Its weight in phrase evidence (rarity, capped), when it weighs fully; else null. */
    phrase: number | null;
    /** The meaningful bigrams of the message it is part of. */
    pairs: string[] | undefined;
    /** Not a word of the catalogue (a typo or a word of the story). */
    unknown: boolean;
  }>;
  has: Set<string>;
  coverageTotal: number;
  phraseTotal: number;
}

const queryWordsCache = new WeakMap<Query, QueryWords>();

function queryWordsOf(query: Query, catalogue: CatalogueWords, p: RankingParameters): QueryWords {
  const cached = queryWordsCache.get(query);
  if (cached) return cached;
  const idf = (w: string) => catalogue.idf.get(w) ?? catalogue.maxIdf;
  const weights = new Map<string, number>();
  for (const t of query.terms) if (!t.bigram) weights.set(t.term, t.weight);
  const out: QueryWords = { words: [], has: new Set(weights.keys()), coverageTotal: 0, phraseTotal: 0 };
  for (const [word, weight] of weights) {
    const coverage = weight * Math.min(idf(word), catalogue.maxIdf);
    const phrase = weighsFully(weight, p) ? Math.min(idf(word), catalogue.maxIdf) : null;
    out.coverageTotal += coverage;
    if (phrase !== null) out.phraseTotal += phrase;
    out.words.push({
      word,
      coverage,
      phrase,
      pairs: query.pairsOf.get(word),
      unknown: !catalogue.vocabulary.has(word),
    });
  }
  queryWordsCache.set(query, out);
  return out;
}

/** An entry's name words weighted by rarity and position, and their sum (per entry, once). */
const nameWeightsCache = new WeakMap<Entry, { positionDecay: number; weights: number[]; total: number }>();

function nameWeightsOf(entry: Entry, catalogue: CatalogueWords, p: RankingParameters) {
  const cached = nameWeightsCache.get(entry);
  if (cached && cached.positionDecay === p.positionDecay) return cached;
  // Vietnamese names put what the procedure is first and qualify it after ("Chứng thực
  // giao dịch liên quan đến …"), so earlier words weigh more.
  const weights = entry.nameSequence.map(
    (word, i) => (catalogue.idf.get(word) ?? catalogue.maxIdf) / (1 + i / p.positionDecay),
  );
  let total = 0;
  for (const w of weights) total += w;
  const computed = { positionDecay: p.positionDecay, weights, total };
  nameWeightsCache.set(entry, computed);
  return computed;
}

/** Coverage features of one candidate. */
export function candidateFeatures(
  entry: Entry,
  query: Query,
  matchedQueryTerms: string[],
  catalogue: CatalogueWords,
  parameters: RankingParameters,
): Features {
  const p = parameters;
  const q = queryWordsOf(query, catalogue, p);

  // Name coverage: the share of the name's words, by rarity and position, in the message.
  const name = nameWeightsOf(entry, catalogue, p);
  let hit0 = 0;
  for (const [i, word] of entry.nameSequence.entries()) if (q.has.has(word)) hit0 += name.weights[i]!;
  const nameCoverage = name.total === 0 ? 0 : hit0 / name.total;

  // How much of the message the name (and aliases) explain; fuzzy matches count half. A
  // word that sits in a phrase of the message ("giá lúa") counts fully only when the name
  // has that phrase too, not when the name has the two words far apart ("lựa chọn …
  // giá trị").
  // Phrase evidence: how much of the message (by rarity) the name matches as whole
  // phrases, i.e. words that sit in a bigram of the message that is a bigram of the name.
  // One word on its own is no phrase: single syllables collide too often once folded
  // ("trực", "hiểu", "tên").
  let hit = 0;
  let phraseHit = 0;
  for (const { word, coverage: w, phrase: pw, pairs, unknown } of q.words) {
    const inPhrase = pairs !== undefined && pairs.some((b) => entry.nameBigrams.has(b));
    const credit = !pairs || inPhrase ? 1 : p.unpairedCredit;
    if (entry.nameWords.has(word) || entry.aliasWords.has(word)) hit += w * credit;
    else if (unknown && matchedQueryTerms.includes(word)) hit += (w * credit) / 2;
    if (pw !== null && inPhrase) phraseHit += pw;
  }
  const queryCoverage = q.coverageTotal === 0 ? 0 : hit / q.coverageTotal;
  const phrase = q.phraseTotal === 0 ? 0 : phraseHit / q.phraseTotal;

  const c = p.confidenceMix;
  const confidence = clamp01(
    c.nameCoverage * nameCoverage + c.queryCoverage * queryCoverage + c.phrase * phrase,
  );
  return { nameCoverage, queryCoverage, phrase, confidence };
}

function clamp01(x: number): number {
  return Math.max(0, Math.min(1, x));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
