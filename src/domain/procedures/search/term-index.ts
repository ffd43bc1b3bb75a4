/**
 * A BM25+ inverted index over a few text fields: MiniSearch 7.2's ranking (`search` with
 * `combineWith: "OR"`, per-field and per-term boosts, fuzzy and prefix matching), computed
 * the same way to the last bit, without its per-search cost.
 *
 * MiniSearch builds a map of result objects per query term (a score, the matched terms
 * and fields of every document the term occurs in), merges them and sorts them all; over
 * the catalogue's names and documents that was half of a citizen's question, and most of
 * the garbage it left. Here the BM25 part of every posting is computed once, at build
 * time, and a search only multiplies and adds into reused arrays. The radix tree that
 * finds fuzzy and prefix matches is MiniSearch's own (`minisearch/SearchableMap`), filled
 * in the same order, so matches come in the same order; scores are summed in the same
 * order and ties keep MiniSearch's order (first seen, first). term-index.test.ts checks
 * that both give identical results on every question set.
 */
import SearchableMap from "minisearch/SearchableMap";

/** What a search finds of one document. */
export interface TermIndexHit {
  /** The document's `id`. */
  id: number;
  /** BM25+ score, times the number of distinct query terms matched (MiniSearch's score). */
  score: number;
  /** The query terms it matched (directly, by prefix or fuzzily), in query order. */
  queryTerms: string[];
}

export interface TermSearchOptions<Field extends string> {
  /** Per-field boost (missing or 0: 1, as in MiniSearch). */
  boost?: Partial<Record<Field, number>>;
  /** Per-term boost (default 1). */
  boostTerm?: (term: string) => number;
  /** Maximum edit distance for a term (a number ≥ 1), a fraction of its length (< 1), or false. */
  fuzzy?: (term: string) => number | false;
  /** Whether to match the term as a prefix of longer terms. */
  prefix?: (term: string) => boolean;
  /** Weights of fuzzy and prefix matches (MiniSearch's defaults 0.45 and 0.375). */
  weights?: { fuzzy?: number; prefix?: number };
}

/**
 * Every posting list in three flat arrays (compressed sparse rows): the postings of term t
 * in field f are docs/bm25[start[t * fields + f] .. start[t * fields + f + 1]). Tens of
 * thousands of small typed arrays cost four times their data in object headers and
 * ArrayBuffers (about 10 MB for the catalogue, in every process that answers citizens).
 */
interface Postings {
  start: Int32Array;
  /** Documents in insertion order. */
  docs: Int32Array;
  /** Their BM25+ part. */
  bm25: Float64Array;
}

// MiniSearch's defaults.
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const MAX_FUZZY = 6;
const DEFAULT_WEIGHTS = { fuzzy: 0.45, prefix: 0.375 };

export class TermIndex<Field extends string> {
  private constructor(
    private readonly fields: readonly Field[],
    /** Document ids by internal number (the order they were added). */
    private readonly ids: readonly number[],
    /** Term → term number. */
    private readonly terms: SearchableMap<number>,
    private readonly postings: Postings,
  ) {
    const n = ids.length;
    this.total = new Float64Array(n);
    this.seen = new Uint8Array(n);
    this.termScore = new Float64Array(n);
    this.termSeen = new Uint8Array(n);
  }

  // Scratch space of one search, reused (searches are synchronous).
  private readonly total: Float64Array;
  private readonly seen: Uint8Array;
  private readonly termScore: Float64Array;
  private readonly termSeen: Uint8Array;

  /**
   * The index of `documents` on `fields`, each field's text cut into terms by `tokenize`;
   * MiniSearch's `addAll` with the same options builds the same index.
   */
  static build<Field extends string>(
    documents: ReadonlyArray<{ id: number } & Record<Field, string>>,
    fields: readonly Field[],
    tokenize: (text: string) => string[],
  ): TermIndex<Field> {
    const terms = new SearchableMap<number>();
    const frequencies: Array<Array<Map<number, number> | undefined>> = [];
    const fieldLengths: number[][] = [];
    const averageLengths: number[] = [];
    for (const [doc, document] of documents.entries()) {
      const lengths: number[] = [];
      fieldLengths.push(lengths);
      for (const [field, name] of fields.entries()) {
        const tokens = tokenize(String(document[name]));
        // A field's length is its number of distinct terms; the mean is kept as MiniSearch
        // keeps it, so that it rounds the same.
        const length = new Set(tokens).size;
        lengths[field] = length;
        averageLengths[field] = ((averageLengths[field] ?? 0) * doc + length) / (doc + 1);
        for (const token of tokens) {
          if (!token) continue;
          const term = terms.fetch(token, () => frequencies.push([]) - 1);
          const byDoc = (frequencies[term]![field] ??= new Map<number, number>());
          byDoc.set(doc, (byDoc.get(doc) ?? 0) + 1);
        }
      }
    }
    const n = documents.length;
    const width = fields.length;
    const start = new Int32Array(frequencies.length * width + 1);
    let size = 0;
    for (const [term, byField] of frequencies.entries()) {
      for (let field = 0; field < width; field++) {
        start[term * width + field] = size;
        size += byField[field]?.size ?? 0;
      }
    }
    start[frequencies.length * width] = size;
    const postings: Postings = { start, docs: new Int32Array(size), bm25: new Float64Array(size) };
    for (const [term, byField] of frequencies.entries()) {
      for (let field = 0; field < width; field++) {
        const byDoc = byField[field];
        if (!byDoc) continue;
        let i = start[term * width + field]!;
        for (const [doc, frequency] of byDoc) {
          postings.docs[i] = doc;
          postings.bm25[i] = bm25Score(
            frequency,
            byDoc.size,
            n,
            fieldLengths[doc]![field]!,
            averageLengths[field]!,
          );
          i++;
        }
      }
    }
    return new TermIndex(
      fields,
      documents.map((d) => d.id),
      terms,
      postings,
    );
  }

  /** The `limit` best documents matching any of `queryTerms`, best first (ties: first found first). */
  search(
    queryTerms: readonly string[],
    options: TermSearchOptions<Field> = {},
    limit = Infinity,
  ): TermIndexHit[] {
    const fieldBoosts = this.fields.map((f) => options.boost?.[f] || 1);
    const fuzzyWeight = options.weights?.fuzzy ?? DEFAULT_WEIGHTS.fuzzy;
    const prefixWeight = options.weights?.prefix ?? DEFAULT_WEIGHTS.prefix;
    const { total, seen, termScore, termSeen } = this;
    const found: number[] = [];
    const matchedTerms: string[][] = [];
    const touched: number[] = [];

    const { start, docs, bm25 } = this.postings;
    const width = this.fields.length;
    const addPostings = (term: number, weight: number, termBoost: number) => {
      for (let field = 0; field < width; field++) {
        const from = start[term * width + field]!;
        const to = start[term * width + field + 1]!;
        // MiniSearch: termWeight * termBoost * fieldBoost * docBoost(1) * bm25.
        const factor = weight * termBoost * fieldBoosts[field]!;
        for (let i = from; i < to; i++) {
          const doc = docs[i]!;
          const score = factor * bm25[i]!;
          if (termSeen[doc]) termScore[doc] = termScore[doc]! + score;
          else {
            termSeen[doc] = 1;
            termScore[doc] = score;
            touched.push(doc);
          }
        }
      }
    };

    for (const queryTerm of queryTerms) {
      if (!queryTerm) continue;
      const termBoost = options.boostTerm ? options.boostTerm(queryTerm) : 1;
      const exact = this.terms.get(queryTerm);
      if (exact !== undefined) addPostings(exact, 1, termBoost);
      const fuzzy = options.fuzzy?.(queryTerm) ?? false;
      const prefixMatches = options.prefix?.(queryTerm) ? this.terms.atPrefix(queryTerm) : undefined;
      let fuzzyMatches: Map<string, [number, number]> | undefined;
      if (fuzzy !== false) {
        const distance = fuzzy < 1 ? Math.min(MAX_FUZZY, Math.round(queryTerm.length * fuzzy)) : fuzzy;
        if (distance) fuzzyMatches = this.terms.fuzzyGet(queryTerm, distance);
      }
      if (prefixMatches) {
        for (const [term, id] of prefixMatches) {
          const distance = term.length - queryTerm.length;
          if (!distance) continue;
          // A prefix match counts as one, never also as a fuzzy match.
          fuzzyMatches?.delete(term);
          addPostings(id, (prefixWeight * term.length) / (term.length + 0.3 * distance), termBoost);
        }
      }
      if (fuzzyMatches) {
        for (const [term, [id, distance]] of fuzzyMatches) {
          if (!distance) continue;
          addPostings(id, (fuzzyWeight * term.length) / (term.length + distance), termBoost);
        }
      }
      // This term's scores join the others', documents in the order first found.
      for (const doc of touched) {
        termSeen[doc] = 0;
        if (seen[doc]) {
          total[doc] = total[doc]! + termScore[doc]!;
          const terms = matchedTerms[doc]!;
          if (!terms.includes(queryTerm)) terms.push(queryTerm);
        } else {
          seen[doc] = 1;
          total[doc] = termScore[doc]!;
          matchedTerms[doc] = [queryTerm];
          found.push(doc);
        }
      }
      touched.length = 0;
    }

    // MiniSearch's score: the sum times the number of query terms matched.
    for (const doc of found) {
      seen[doc] = 0;
      total[doc] = total[doc]! * (matchedTerms[doc]!.length || 1);
    }
    // Stable: equal scores keep the order found, as MiniSearch's do.
    found.sort((a, b) => total[b]! - total[a]!);
    return found
      .slice(0, limit)
      .map((doc) => ({ id: this.ids[doc]!, score: total[doc]!, queryTerms: matchedTerms[doc]! }));
  }
}

/** MiniSearch's BM25+ term score, written as it writes it so that it rounds the same. */
function bm25Score(
  termFreq: number,
  matchingCount: number,
  totalCount: number,
  fieldLength: number,
  avgFieldLength: number,
): number {
  const { k, b, d } = BM25;
  const invDocFreq = Math.log(1 + (totalCount - matchingCount + 0.5) / (matchingCount + 0.5));
  return (
    invDocFreq * (d + (termFreq * (k + 1)) / (termFreq + k * (1 - b + (b * fieldLength) / avgFieldLength)))
  );
}
