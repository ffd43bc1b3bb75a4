/**
 * The first stage of ranking: BM25+ (term-index.ts, MiniSearch's ranking) finds the candidates over four fields
 * with boosts name ≫ aliases (what the citizen receives) ≫ field ≫ document names, on our
 * own terms (terms.ts), so a phrase outranks scattered words; unknown words get fuzzy and
 * prefix matching. The re-ranker (ranking.ts) then orders the candidates.
 *
 * An optional second index over each procedure's details (documents, requirements, steps,
 * result, applicant, legal basis titles) adds candidates when the names explain the
 * message poorly.
 */
import { retrievalIdf, type CatalogueWords } from "./catalogue-words.js";
import type { DetailDocument, IndexDocument } from "./entries.js";
import type { RankingParameters } from "./parameters.js";
import type { Query } from "./query-analysis.js";
import { TermIndex } from "./term-index.js";
import { indexTerms, isBigram, wordsOfBigram } from "./terms.js";

export interface RetrievalIndexes {
  names: TermIndex<"name" | "aliases" | "field" | "documents">;
  details: TermIndex<"details"> | null;
}

/** A procedure worth re-ranking. */
export interface Candidate {
  /** The entry's id. */
  id: number;
  /** Its BM25 score in the name index relative to the best one (0 if found by its details only). */
  bm25: number;
  /** The query terms it matched in the name index. */
  queryTerms: string[];
  /** Its place in the details ranking, with its score relative to the best, when it has one. */
  detail: { rank: number; score: number } | null;
}

export function buildRetrievalIndexes(
  documents: readonly IndexDocument[],
  detailDocuments: readonly DetailDocument[],
  parameters: RankingParameters,
): RetrievalIndexes {
  const useBigrams = parameters.useBigrams;
  const names = TermIndex.build(documents, ["name", "aliases", "field", "documents"], (text) =>
    indexTerms(text, useBigrams),
  );
  // The details index costs about 1.8 s to build: only when it is used.
  const details =
    parameters.details.weight > 0
      ? TermIndex.build(detailDocuments, ["details"], (text) => indexTerms(text, true))
      : null;
  return { names, details };
}

/**
 * The query terms retrieval uses: the words that can tell procedures apart. Generic and
 * aspect words (long posting lists, little evidence) only count in the re-ranking
 * features, and so do words in most names ("đăng ký", "cấp") when the message has rarer
 * ones: they cost the most and rank the least.
 */
export function retrievalTerms(
  query: Query,
  catalogue: CatalogueWords,
  parameters: RankingParameters,
): string[] {
  const p = parameters;
  const candidateTerms = query.terms.filter((t) => t.weight >= p.minRetrievalWeight);
  const rare = candidateTerms.filter(
    (t) => (catalogue.nameDf.get(t.term) ?? 0) <= p.maxRetrievalDf * catalogue.entryCount,
  );
  // A long story brings dozens of terms; the heaviest, rarest ones find the candidates
  // (the rest still count in the features), which keeps retrieval fast.
  return (rare.length > 0 ? rare : candidateTerms)
    .map((t) => ({ term: t.term, rank: t.weight * retrievalIdf(catalogue, t.term) }))
    .sort((a, b) => b.rank - a.rank)
    .slice(0, p.maxRetrievalTerms)
    .map((t) => t.term);
}

/**
 * The candidates: the best of the name ranking and, when the names explain the message
 * poorly (`nameConfidence` of the best few below `details.gate`), the best of the details
 * ranking. Empty when neither finds anything.
 */
export function retrieveCandidates(
  indexes: RetrievalIndexes,
  query: Query,
  terms: readonly string[],
  catalogue: CatalogueWords,
  parameters: RankingParameters,
  nameConfidence: (id: number, queryTerms: string[]) => number,
): Candidate[] {
  const p = parameters;
  const d = p.details;
  const weights = new Map(query.terms.map((t) => [t.term, t.weight]));
  // Fuzzy and prefix matching only for words the catalogue does not know (typos), and
  // for bigrams that contain one: a new pair of known words needs no fuzzy lookup.
  const unknownWord = (w: string) => !catalogue.vocabulary.has(w);
  const unknown = new Set(
    query.terms
      .filter((t) => (t.bigram ? wordsOfBigram(t.term).some(unknownWord) : unknownWord(t.term)))
      .map((t) => t.term),
  );
  const nameHits = indexes.names.search(
    terms,
    {
      boost: {
        name: p.boost.name,
        aliases: p.boost.aliases,
        field: p.boost.field,
        documents: p.boost.documents,
      },
      boostTerm: (term) => weights.get(term) ?? 1,
      fuzzy: (term) => (unknown.has(term) && term.length >= (isBigram(term) ? 8 : 4) ? 1 : false),
      prefix: (term) => unknown.has(term) && term.length >= 4,
      weights: { fuzzy: 0.5, prefix: 0.4 },
    },
    p.candidates,
  );
  const best = nameHits[0]?.score ?? 1;
  const candidates = new Map<number, { score: number; queryTerms: string[] }>();
  for (const hit of nameHits) candidates.set(hit.id, { score: hit.score, queryTerms: hit.queryTerms });

  const bestNameConfidence = indexes.details
    ? Math.max(0, ...[...candidates].slice(0, 5).map(([id, hit]) => nameConfidence(id, hit.queryTerms)))
    : 1;
  const detailHits =
    indexes.details && bestNameConfidence < d.gate
      ? indexes.details.search(terms, { boostTerm: (term) => weights.get(term) ?? 1 }, d.candidates)
      : [];
  const detailRank = new Map<number, { rank: number; score: number }>();
  const bestDetail = detailHits[0]?.score ?? 1;
  for (const [rank, hit] of detailHits.entries()) {
    detailRank.set(hit.id, { rank, score: hit.score / bestDetail });
    if (!candidates.has(hit.id)) candidates.set(hit.id, { score: 0, queryTerms: [] });
  }
  return [...candidates].map(([id, hit]) => ({
    id,
    bm25: hit.score / best,
    queryTerms: hit.queryTerms,
    detail: detailRank.get(id) ?? null,
  }));
}
