/**
 * In-memory search over the procedure catalogue: which procedure is a citizen's message
 * about, how sure are we, and should the bot answer, offer a choice, or decline.
 *
 * A search runs through these stages, each in its own module:
 *   - entries.ts, catalogue-words.ts: the catalogue as entries (one per distinct name) and
 *     the rarity of its words, built once;
 *   - story-clauses.ts: in a long message, the clauses that ask, and the story around them;
 *   - query-analysis.ts: the normalised message as weighted query terms;
 *   - retrieval.ts: MiniSearch (BM25+) finds the candidates;
 *   - ranking.ts: the candidates re-ranked on how well their names explain the message,
 *     with a confidence (0–1);
 *   - decision.ts: answer, choose or decline.
 *
 * Long messages (from `longMessageWords` words): story words weigh `narrativeWeight`, the
 * asking clauses are also searched on their own, and the more confident of the two
 * readings is kept. Retrieval takes at most `maxRetrievalTerms` terms (the heaviest and
 * rarest), so a long story stays fast.
 *
 * The details index (`details`) is off: measured on the dev set it gained 0.8 points of
 * top-1 and nothing on the realistic sets, for 1.8 s more build time and 3–6 ms more p95
 * latency.
 */
import { catalogueWords, type CatalogueWords } from "./catalogue-words.js";
import { decide, decline, notInCatalogueOf, type SearchOutcome } from "./decision.js";
import { buildEntries, type Entry, type SearchableProcedure } from "./entries.js";
import { normalizeText } from "./normalize.js";
import { DEFAULT_PARAMETERS, type RankingParameters } from "./parameters.js";
import { buildQuery } from "./query-analysis.js";
import { candidateFeatures, rankCandidates } from "./ranking.js";
import {
  buildRetrievalIndexes,
  retrievalTerms,
  retrieveCandidates,
  type RetrievalIndexes,
} from "./retrieval.js";
import { narrativeWords, storyClauses } from "./story-clauses.js";
import { clarifyFamily } from "./families.js";
import type { SearchHit } from "./ranking.js";
import { findNotInCatalogue } from "./synonyms.js";

export type { Decision, DeclineReason, SearchOutcome } from "./decision.js";
export type { SearchableProcedure } from "./entries.js";
export { DEFAULT_PARAMETERS, type RankingParameters } from "./parameters.js";
export type { Clarification } from "./families.js";
export type { SearchHit } from "./ranking.js";

export interface SearchOptions {
  /** How many results to return (default 5). */
  limit?: number;
}

export class ProcedureIndex {
  private constructor(
    readonly parameters: RankingParameters,
    private readonly entries: readonly Entry[],
    private readonly catalogue: CatalogueWords,
    private readonly indexes: RetrievalIndexes,
  ) {
    for (const entry of entries) {
      this.byCode.set(entry.code, entry);
      for (const code of entry.alternatives) this.byCode.set(code, entry);
    }
  }

  private readonly byCode = new Map<string, Entry>();

  /** Build the index from catalogue records (or DB rows mapped to `SearchableProcedure`). */
  static build(
    records: readonly SearchableProcedure[],
    parameters: Partial<RankingParameters> = {},
  ): ProcedureIndex {
    const p = { ...DEFAULT_PARAMETERS, ...parameters };
    const { entries, documents, detailDocuments } = buildEntries(records, p);
    return new ProcedureIndex(
      p,
      entries,
      catalogueWords(entries, documents),
      buildRetrievalIndexes(documents, detailDocuments, p),
    );
  }

  /** Number of entries (distinct procedures after merging duplicate names). */
  get size(): number {
    return this.entries.length;
  }

  search(text: string, options: SearchOptions = {}): SearchOutcome {
    const clauses = storyClauses(text, this.parameters);
    const whole = this.read(text, options, narrativeWords(clauses, this.parameters));
    // A long story with a question in it: read the question on its own too, as a person
    // would, and keep whichever reading explains its words better.
    if (!clauses || !this.parameters.readRequestAlone) return whole;
    const request = clauses
      .filter((c) => c.asks)
      .map((c) => c.text)
      .join(" ");
    const alone = this.read(request, options, null);
    return alone.topConfidence > whole.topConfidence ? alone : whole;
  }

  /** One reading of the message; `narrative`, the words of its story. */
  private read(text: string, options: SearchOptions, narrative: Set<string> | null): SearchOutcome {
    const p = this.parameters;
    const normalized = normalizeText(text, { repairSpelling: p.repairSpelling });
    const excluded = findNotInCatalogue(normalized);
    const query = buildQuery(normalized, excluded, narrative, this.catalogue, p);
    const notInCatalogue = notInCatalogueOf(excluded);
    if (!query.hasContent) return decline("no_content", notInCatalogue);

    const terms = retrievalTerms(query, this.catalogue, p);
    if (terms.length === 0) return decline("no_content", notInCatalogue);
    const candidates = retrieveCandidates(
      this.indexes,
      query,
      terms,
      this.catalogue,
      p,
      (id, queryTerms) =>
        candidateFeatures(this.entries[id]!, query, queryTerms, this.catalogue, p).confidence,
    );
    if (candidates.length === 0) return decline("low_confidence", notInCatalogue);
    const results = rankCandidates(candidates, this.entries, query, this.catalogue, p, options.limit ?? 5);
    const outcome = decide(results, notInCatalogue, p);
    return p.families ? clarifyFamily(outcome, normalized, query.synonyms, this.hitFor) : outcome;
  }

  /** A result for a family's variant the ranking did not return, as sure as `like`. */
  private readonly hitFor = (code: string, like: SearchHit): SearchHit | undefined => {
    const entry = this.byCode.get(code);
    if (!entry) return undefined;
    return {
      code: entry.code,
      name: entry.name,
      score: like.score,
      confidence: like.confidence,
      alternatives: entry.alternatives,
      communeService: entry.communeService,
      field: entry.field,
    };
  };
}
