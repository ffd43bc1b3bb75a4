/**
 * In-memory search over the procedure catalogue: which procedure is a citizen's message
 * about, how sure are we, and should the bot answer, offer a choice, or decline.
 *
 * The message is normalised (normalize.ts), everyday words get the catalogue's words added
 * (synonyms.ts), and its words are classed (vocabulary.ts): content words count fully,
 * generic ones ("giấy", "xã") and aspect ones ("lệ phí", "bao lâu") little, function
 * words not at all.
 *
 * Ranking is two-stage. MiniSearch (BM25+) retrieves candidates over four fields with
 * boosts name ≫ aliases (what the citizen receives) ≫ field ≫ document names, on our own
 * terms: normalised syllables plus adjacent-syllable bigrams ("khai_sinh"), so a phrase
 * outranks scattered words; unknown words get fuzzy and prefix matching. A re-ranker then
 * mixes the BM25 score with features of each candidate's name:
 *   - name coverage: the share of the name's words (by rarity, earlier words weighing more)
 *     that the message contains;
 *   - query coverage: the share of the message's words (by rarity) that the name explains;
 *   - phrase evidence: the share of the message matched as whole phrases of the name.
 * The confidence (0–1) is a fixed mix of the three. Small priors break near-ties: commonly
 * requested procedures, commune-served ones, names that carry the qualifier the citizen
 * asked for ("lại", "có yếu tố nước ngoài") and fit the age given.
 *
 * Decision: no content word at all → decline ("no_content"); a topic the catalogue does
 * not hold ("ly hôn", "làm hộ chiếu") → its words count for nothing and the message is
 * declined with a referral unless the rest is a clear match; top confidence below
 * `declineBelow` → decline; at or above `answerAt` with the runner-up clearly behind →
 * answer; otherwise → choose among the top results.
 *
 * Records with the same name (the catalogue repeats "Hỗ trợ phát triển sản xuất cộng
 * đồng." under ten codes) are one entry: the first code, with the others as alternatives.
 * Branch-agency procedures (commune_service false) are searchable so the bot can say who
 * handles them, but lose ties to commune-served ones.
 *
 * Long messages (from `longMessageWords` words): words that occur only in clauses without
 * a request cue ("muốn", "cần", "làm sao", a question mark …) are the story around the
 * request and weigh `narrativeWeight`; the asking clauses are also searched on their own,
 * and the more confident of the two readings is kept. Retrieval takes at most
 * `maxRetrievalTerms` terms (the heaviest and rarest), so a long story stays fast.
 *
 * An optional second index over each procedure's details (documents, requirements, steps,
 * result, applicant, legal basis titles) can be fused by rank (`details`). It is off:
 * measured on the dev set it gained 0.8 points of top-1 and nothing on the realistic sets,
 * for 1.8 s more build time and 3–6 ms more p95 latency.
 */
import MiniSearch from "minisearch";
import { foldText, normalizeText, tokensOf } from "./normalize.js";
import { COMMON_PROCEDURES, findNotInCatalogue, findSynonyms, type NotInCatalogueMatch } from "./synonyms.js";
import { classify, classOf, GENERIC_WORDS, type WordClass } from "./vocabulary.js";

/** What the index needs of a procedure: a parsed catalogue record fits, and so does a DB row mapped to it. */
export interface SearchableProcedure {
  code: string;
  name: string;
  field?: string | null;
  /** false for branch agencies (tax, customs ...); default true. */
  commune_service?: boolean;
  documents?: ReadonlyArray<{ name: string }>;
  /** What the citizen receives ("Giấy khai sinh"): indexed as an alias. */
  result?: string | null;
  /** Details, indexed separately (the details index) when present. */
  requirements?: string | null;
  steps?: ReadonlyArray<string> | null;
  applicant?: string | null;
  legal_basis?: string | null;
}

export type Decision = "answer" | "choose" | "decline";

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

export type DeclineReason = "no_content" | "not_in_catalogue" | "low_confidence";

export interface SearchOutcome {
  results: SearchHit[];
  decision: Decision;
  topConfidence: number;
  /** Why the message was declined. */
  declineReason?: DeclineReason;
  /** A topic the catalogue does not hold, with who handles it when known ("ly hôn" → court). */
  notInCatalogue?: { topic: string; referral: string | null; aboutTheOffice: boolean };
}

export interface SearchOptions {
  /** How many results to return (default 5). */
  limit?: number;
}

/** Tunable constants, exported for the evaluation script's experiments. */
export interface RankingParameters {
  boost: { name: number; aliases: number; field: number; documents: number };
  /** Weights of the query term classes. */
  termWeight: Record<Exclude<WordClass, "stop" | "ambiguous">, number> & {
    expansion: number;
    bigram: number;
    /** Factor for the citizen's words inside a synonym's span. */
    spanWord: number;
    /** Weight of the words of a qualifier synonym ("có yếu tố nước ngoài"). */
    modifier: number;
  };
  /** Score factor for the commonly requested procedures (`COMMON_PROCEDURES`); 1 = off. */
  commonFactor: number;
  /** Score factor per qualifier of the message missing from the name; 1 = off. */
  missingQualifierFactor: number;
  /** Mix of the re-ranking score. */
  mix: { bm25: number; nameCoverage: number; queryCoverage: number; phrase: number };
  /**
   * Long messages: words found only in clauses without a request cue (the story) weigh
   * this much; 1 = off. Applies from `longMessageWords` words on.
   */
  narrativeWeight: number;
  longMessageWords: number;
  /** Long messages: also search the asking clauses alone and keep the more confident reading. */
  readRequestAlone: boolean;
  /** Score factor for branch-agency procedures (ties go to commune-served ones). */
  branchAgencyFactor: number;
  /** Confidence below this: decline. */
  declineBelow: number;
  /** Confidence at or above this, with the margin below, answers; otherwise choose. */
  answerAt: number;
  /** The runner-up's confidence must be at most this fraction of the top one's to answer. */
  answerMargin: number;
  /** Query terms lighter than this are left out of retrieval (but count in the features). */
  minRetrievalWeight: number;
  /** Name coverage weighs the i-th salient word of the name 1/(1 + i/positionDecay). */
  positionDecay: number;
  /** Credit for a matched word whose phrase in the message is not a phrase of the name. */
  unpairedCredit: number;
  /** Mix of the confidence. */
  confidenceMix: { nameCoverage: number; queryCoverage: number; phrase: number };
  /** Retrieval leaves out terms in more than this share of names (when rarer ones exist). */
  maxRetrievalDf: number;
  /** At most this many query terms go to retrieval (the heaviest by weight × rarity). */
  maxRetrievalTerms: number;
  /** Candidates re-ranked per search. */
  candidates: number;
  /** Use the documents field at all. */
  useDocuments: boolean;
  /** Use bigram terms. */
  useBigrams: boolean;
  /** Use synonym expansion. */
  useSynonyms: boolean;
  /** Re-rank (false: plain MiniSearch order, confidence still computed). */
  rerank: boolean;
  /** Repair Telex residue and glued syllables with dictionary-vi. */
  repairSpelling: boolean;
  /** Correct unknown syllables to a known one that makes a known bigram with a neighbour. */
  correctTypos: boolean;
  /**
   * The details index (documents, requirements, steps, result, applicant, legal basis),
   * fused with the name ranking. Its weight grows with the message's content words
   * (full at `fullAt`) and as the best name match gets weaker.
   */
  details: {
    /** Weight of the details score in the fused score (0 = off). */
    weight: number;
    /** "rrf": 1/(k + rank) scaled to the top; "score": BM25 relative to the best. */
    fusion: "rrf" | "score";
    rrfK: number;
    /** Content words at which the details weigh fully (fewer: proportionally less). */
    fullAt: number;
    /** How much a strong name match (confidence) turns the details down: w × (1 − this × conf). */
    nameDamping: number;
    /** Candidates taken from the details index. */
    candidates: number;
    /** The details are searched only when the best name confidence is below this. */
    gate: number;
  };
}

/**
 * Chosen by measurement (bench/ablate.ts, bench/decline-thresholds.ts), not per question.
 * `declineBelow` 0.40: on the dev set, declining below 0.40 costs 1.5 points of top-1 (the
 * declined questions are mostly wrong anyway) and turns away 89% of the must-decline
 * messages of the sanity and off-topic sets; at 0.30 only 81% are turned away, at 0.50
 * the realistic sets start to lose right answers.
 */
export const DEFAULT_PARAMETERS: RankingParameters = {
  boost: { name: 6, aliases: 3, field: 1.5, documents: 0.4 },
  termWeight: { content: 1, generic: 0.3, aspect: 0.15, expansion: 1, bigram: 1, spanWord: 0.3, modifier: 1 },
  commonFactor: 1.04,
  missingQualifierFactor: 0.9,
  mix: { bm25: 0.4, nameCoverage: 0.35, queryCoverage: 0.25, phrase: 0 },
  branchAgencyFactor: 0.93,
  narrativeWeight: 0.5,
  longMessageWords: 30,
  readRequestAlone: true,
  declineBelow: 0.4,
  answerAt: 0.55,
  answerMargin: 0.85,
  candidates: 40,
  maxRetrievalTerms: 30,
  maxRetrievalDf: 1,
  unpairedCredit: 0.5,
  confidenceMix: { nameCoverage: 0.45, queryCoverage: 0.3, phrase: 0.25 },
  positionDecay: 2,
  minRetrievalWeight: 0.31,
  useDocuments: true,
  useBigrams: true,
  useSynonyms: true,
  rerank: true,
  repairSpelling: true,
  correctTypos: true,
  details: {
    weight: 0,
    fusion: "rrf",
    rrfK: 5,
    fullAt: 6,
    nameDamping: 0.5,
    candidates: 20,
    gate: 1.01,
  },
};

interface Entry {
  id: number;
  code: string;
  name: string;
  alternatives: string[];
  communeService: boolean;
  field: string | null;
  /** Salient name words (no stop/generic words) and their bigrams. */
  nameWords: Set<string>;
  nameBigrams: Set<string>;
  /** Salient name words in order (first occurrence), for position-weighted coverage. */
  nameSequence: string[];
  aliasWords: Set<string>;
  /** Ages the name is for ("dưới 14 tuổi": 0–14), when it says. */
  ageRange: { min: number; max: number } | null;
  /** One of COMMON_PROCEDURES. */
  common: boolean;
}

interface IndexDocument {
  id: number;
  name: string;
  aliases: string;
  field: string;
  documents: string;
}

interface BuiltQuery {
  terms: QueryTerm[];
  /** A content word or a procedure synonym (not only qualifiers, aspects, generic words). */
  hasContent: boolean;
  /** For each word, the meaningful bigrams of the message it is part of. */
  pairsOf: Map<string, string[]>;
  /** Salient words of each qualifier synonym that matched ("lai"; "yeu", "to", "nuoc", "ngoai"). */
  qualifiers: string[][];
  /** Ages in the message ("con em 15 tuổi"). */
  ages: number[];
}

/** A clause of a long message, and whether it asks something. */
interface StoryClause {
  text: string;
  tokens: string[];
  asks: boolean;
}

/** Query term with its weight; `phrase` marks bigrams. */
interface QueryTerm {
  term: string;
  weight: number;
  bigram: boolean;
}

const BIGRAM_JOINER = "_";

/**
 * Words that mark a clause as the request: "muốn", "cần", "làm sao", "thủ tục" … Matched
 * with tone marks when the clause has them: folded, "cần" is also "căn" (căn cước) and
 * "hỏi" is "hội" (xã hội), which would make a story clause look like a question.
 */
const REQUEST_CUES = [
  "muốn",
  "cần",
  "làm sao",
  "làm thế nào",
  "thế nào",
  "ra sao",
  "thủ tục",
  "xin",
  "đăng ký",
  "cho hỏi",
  "hỏi",
  "ở đâu",
  "bao nhiêu",
  "bao lâu",
  "gì",
  "được không",
  "có được",
  "như nào",
  "giúp",
  "phải làm",
];
const cueRegExp = (cues: string[]) =>
  new RegExp(`(?<![\\p{L}\\p{N}])(${cues.join("|")})(?![\\p{L}\\p{N}])`, "u");
const REQUEST_CUE_MARKED = cueRegExp(REQUEST_CUES);
const REQUEST_CUE_FOLDED = cueRegExp(REQUEST_CUES.map((c) => foldText(c)));
/**
 * In a clause with tone marks, the folded text is searched only for the cues teencode
 * stands for ("j", "bn", "ntn", "dc ko" expand to these): others fold into other words
 * ("muốn"/"mượn", "ở đâu"/"ở đầu", "cần"/"căn", "hỏi"/"hội").
 */
const REQUEST_CUE_FOLDED_SAFE = cueRegExp(
  ["gì", "bao nhiêu", "bao lâu", "thế nào", "như thế nào", "làm sao", "được không"].map((c) => foldText(c)),
);

/** Whether a clause asks something; `normalized` is the clause normalised (teencode expanded, folded). */
function asksSomething(clause: string, normalized: string): boolean {
  if (clause.endsWith("?")) return true;
  const lower = clause.normalize("NFC").toLowerCase();
  const marked = /[\u0300-\u036f]/.test(lower.normalize("NFD")) || lower.includes("đ");
  if (!marked) return REQUEST_CUE_FOLDED.test(normalized);
  return REQUEST_CUE_MARKED.test(lower) || REQUEST_CUE_FOLDED_SAFE.test(normalized);
}

/** Unigrams and adjacent-pair bigrams of normalised text (what the index stores). */
function indexTerms(normalized: string, bigrams: boolean): string[] {
  const tokens = tokensOf(normalized);
  if (!bigrams) return tokens;
  const terms = [...tokens];
  for (let i = 0; i + 1 < tokens.length; i++) terms.push(`${tokens[i]}${BIGRAM_JOINER}${tokens[i + 1]}`);
  return terms;
}

/**
 * Names carry boilerplate that says nothing about the procedure: a leading "Thủ tục", the
 * level ("(thực hiện tại cấp xã)", "(cấp xã)"), the code repeated in brackets.
 */
function cleanName(name: string): string {
  return name
    .replace(/^\s*thủ tục\s+/i, "")
    .replace(/\((?:thực hiện )?(?:tại )?cấp (?:xã|huyện|tỉnh)[^)]*\)/gi, " ")
    .replace(/\(\s*\d+\.\d+\s*\)/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const COMMON_NAMES = COMMON_PROCEDURES.map((n) => normalizeText(n));

function ageRangeOf(normalizedName: string): { min: number; max: number } | null {
  const under = /duoi (\d{1,2}) tuoi/.exec(normalizedName);
  if (under) return { min: 0, max: Number(under[1]) };
  const over = /tu du (\d{1,2}) tuoi/.exec(normalizedName);
  if (over) return { min: Number(over[1]), max: 200 };
  return null;
}

function clusterKey(name: string): string {
  return foldText(name);
}

/**
 * Function words of names, folded, chosen so that none collides with a content syllable
 * ("về" is left out: it folds like "vệ" of "bảo vệ"; "đối" like "đổi").
 */
const NAME_FUNCTION_WORDS = new Set(
  "cua cho va cac voi trong theo nhung duoc la thuoc viec nay co khi hoac sau".split(" "),
);

/** Words of a name that say what the procedure is (for the coverage features). */
function salient(tokens: string[]): string[] {
  return tokens.filter((t) => !NAME_FUNCTION_WORDS.has(t) && !GENERIC_WORDS.has(t) && !/^\d+$/.test(t));
}

export class ProcedureIndex {
  private readonly search_: MiniSearch<IndexDocument>;
  private readonly details_: MiniSearch<{ id: number; details: string }> | null = null;
  private readonly entries: Entry[];
  private readonly idf = new Map<string, number>();
  private readonly maxIdf: number;
  private readonly bigramIdf = new Map<string, number>();
  /** Name document frequency of words and bigrams. */
  private readonly nameDf = new Map<string, number>();
  private readonly vocabulary = new Set<string>();
  private readonly bigramVocabulary = new Set<string>();
  private readonly nameBigramVocabulary = new Set<string>();
  /** Words of names, aliases and fields (what a typo is corrected to). */
  private readonly nameVocabulary = new Set<string>();

  private constructor(
    records: readonly SearchableProcedure[],
    readonly parameters: RankingParameters,
  ) {
    // One entry per distinct name, in catalogue order.
    const byKey = new Map<string, { first: SearchableProcedure; codes: string[]; commune: boolean }>();
    for (const record of records) {
      const key = clusterKey(record.name);
      const cluster = byKey.get(key);
      if (cluster) {
        cluster.codes.push(record.code);
        cluster.commune ||= record.commune_service !== false;
      } else {
        byKey.set(key, { first: record, codes: [record.code], commune: record.commune_service !== false });
      }
    }

    const documents: IndexDocument[] = [];
    const detailDocuments: Array<{ id: number; details: string }> = [];
    this.entries = [];
    for (const { first, codes, commune } of byKey.values()) {
      const id = this.entries.length;
      const cleaned = cleanName(first.name);
      const name = normalizeText(cleaned);
      const aliases = normalizeText(aliasText(first));
      const nameTokens = tokensOf(name);
      const nameWords = new Set(salient(nameTokens));
      const nameBigrams = new Set<string>();
      for (let i = 0; i + 1 < nameTokens.length; i++)
        nameBigrams.add(`${nameTokens[i]}_${nameTokens[i + 1]}`);
      this.entries.push({
        id,
        code: codes[0]!,
        name: first.name.replace(/\s+/g, " ").trim(),
        alternatives: codes.slice(1),
        communeService: commune,
        field: first.field ?? null,
        nameWords,
        nameBigrams,
        // A bracketed part explains or lists cases; what the procedure is comes outside it.
        nameSequence: [...new Set(salient(tokensOf(normalizeText(cleaned.replace(/\([^)]*\)/g, " ")))))],
        aliasWords: new Set(tokensOf(aliases)),
        ageRange: ageRangeOf(name),
        common: COMMON_NAMES.some((prefix) => name === prefix || name.startsWith(`${prefix} `)),
      });
      if (parameters.details.weight > 0)
        detailDocuments.push({ id, details: normalizeText(detailText(first)) });
      documents.push({
        id,
        name,
        aliases,
        field: normalizeText(first.field ?? ""),
        documents: parameters.useDocuments
          ? normalizeText((first.documents ?? []).map((d) => d.name).join(" . "))
          : "",
      });
    }

    // Rarity of words among names, for the coverage features.
    const df = new Map<string, number>();
    for (const entry of this.entries) {
      for (const word of new Set([...entry.nameWords, ...entry.aliasWords]))
        df.set(word, (df.get(word) ?? 0) + 1);
      for (const bigram of entry.nameBigrams) this.nameBigramVocabulary.add(bigram);
    }
    for (const doc of documents) {
      for (const text of [doc.name, doc.aliases, doc.field])
        for (const t of tokensOf(text)) this.nameVocabulary.add(t);
    }
    const n = this.entries.length;
    for (const [word, count] of df) this.nameDf.set(word, count);
    for (const [word, count] of df) this.idf.set(word, Math.log(1 + (n - count + 0.5) / (count + 0.5)));
    const bigramDf = new Map<string, number>();
    for (const entry of this.entries)
      for (const b of entry.nameBigrams) bigramDf.set(b, (bigramDf.get(b) ?? 0) + 1);
    for (const [bigram, count] of bigramDf) {
      this.nameDf.set(bigram, count);
      this.bigramIdf.set(bigram, Math.log(1 + (n - count + 0.5) / (count + 0.5)));
    }
    this.maxIdf = Math.log(1 + (n + 0.5) / 0.5);

    const useBigrams = parameters.useBigrams;
    this.search_ = new MiniSearch<IndexDocument>({
      fields: ["name", "aliases", "field", "documents"],
      idField: "id",
      tokenize: (text) => indexTerms(text, useBigrams),
      processTerm: (term) => term,
    });
    this.search_.addAll(documents);
    // The details index costs about 1.8 s to build: only when it is used.
    if (parameters.details.weight > 0) {
      this.details_ = new MiniSearch<{ id: number; details: string }>({
        fields: ["details"],
        idField: "id",
        tokenize: (text) => indexTerms(text, true),
        processTerm: (term) => term,
      });
      this.details_.addAll(detailDocuments);
    }
    for (const doc of documents) {
      for (const text of [doc.name, doc.aliases, doc.field, doc.documents]) {
        for (const term of indexTerms(text, true)) {
          if (term.includes(BIGRAM_JOINER)) this.bigramVocabulary.add(term);
          else this.vocabulary.add(term);
        }
      }
    }
  }

  /** Build the index from catalogue records (or DB rows mapped to `SearchableProcedure`). */
  static build(
    records: readonly SearchableProcedure[],
    parameters: Partial<RankingParameters> = {},
  ): ProcedureIndex {
    return new ProcedureIndex(records, { ...DEFAULT_PARAMETERS, ...parameters });
  }

  /** Rarity of a term among names; unknown terms (typos, story words) count as rare. */
  private retrievalIdf(term: string): number {
    return this.idf.get(term) ?? this.bigramIdf.get(term) ?? this.maxIdf;
  }

  /** In how many entries' names a word or bigram occurs. */
  private documentFrequency(term: string): number {
    return this.nameDf.get(term) ?? 0;
  }

  /** Number of entries (distinct procedures after merging duplicate names). */
  get size(): number {
    return this.entries.length;
  }

  search(text: string, options: SearchOptions = {}): SearchOutcome {
    const clauses = this.storyClauses(text);
    const whole = this.searchText(text, options, this.narrativeWords(clauses));
    // A long story with a question in it: read the question on its own too, as a person
    // would, and keep whichever reading explains its words better.
    if (!clauses || !this.parameters.readRequestAlone) return whole;
    const request = clauses
      .filter((c) => c.asks)
      .map((c) => c.text)
      .join(" ");
    const alone = this.searchText(request, options, null);
    return alone.topConfidence > whole.topConfidence ? alone : whole;
  }

  private searchText(text: string, options: SearchOptions, narrative: Set<string> | null): SearchOutcome {
    const limit = options.limit ?? 5;
    const p = this.parameters;
    const normalized = normalizeText(text, { repairSpelling: p.repairSpelling });
    const excluded = findNotInCatalogue(normalized);
    const query = this.buildQuery(normalized, excluded, narrative);
    const exclusion = excluded[0]
      ? {
          topic: excluded[0].topic,
          referral: excluded[0].referral,
          aboutTheOffice: excluded[0].aboutTheOffice,
        }
      : undefined;

    const decline = (reason: DeclineReason, results: SearchHit[] = []): SearchOutcome => ({
      results,
      decision: "decline",
      topConfidence: results[0]?.confidence ?? 0,
      ...(exclusion
        ? { declineReason: "not_in_catalogue", notInCatalogue: exclusion }
        : { declineReason: reason }),
    });

    if (!query.hasContent) return decline("no_content");

    const weights = new Map(query.terms.map((t) => [t.term, t.weight]));
    // Fuzzy and prefix matching only for words the catalogue does not know (typos), and
    // for bigrams that contain one: a new pair of known words needs no fuzzy lookup.
    const unknownWord = (w: string) => !this.vocabulary.has(w);
    const unknown = new Set(
      query.terms
        .filter((t) => (t.bigram ? t.term.split(BIGRAM_JOINER).some(unknownWord) : unknownWord(t.term)))
        .map((t) => t.term),
    );
    // Retrieval uses the words that can tell procedures apart; generic and aspect words
    // (long posting lists, little evidence) only count in the coverage features.
    // Words in most names ("đăng ký", "cấp") are left to the features too when the message
    // has rarer ones: they cost the most and rank the least.
    const candidateTerms = query.terms.filter((t) => t.weight >= p.minRetrievalWeight);
    const rare = candidateTerms.filter(
      (t) => this.documentFrequency(t.term) <= p.maxRetrievalDf * this.entries.length,
    );
    // A long story brings dozens of terms; the heaviest, rarest ones find the candidates
    // (the rest still count in the features), which keeps retrieval fast.
    const retrievalTerms = (rare.length > 0 ? rare : candidateTerms)
      .map((t) => ({ term: t.term, rank: t.weight * this.retrievalIdf(t.term) }))
      .sort((a, b) => b.rank - a.rank)
      .slice(0, p.maxRetrievalTerms)
      .map((t) => t.term);
    if (retrievalTerms.length === 0) return decline("no_content");
    const raw = this.search_.search(retrievalTerms.join(" "), {
      tokenize: (s) => s.split(" "),
      processTerm: (t) => t,
      boost: {
        name: p.boost.name,
        aliases: p.boost.aliases,
        field: p.boost.field,
        documents: p.boost.documents,
      },
      boostTerm: (term) => weights.get(term) ?? 1,
      fuzzy: (term) =>
        unknown.has(term) && term.length >= (term.includes(BIGRAM_JOINER) ? 8 : 4) ? 1 : false,
      prefix: (term) => unknown.has(term) && term.length >= 4,
      weights: { fuzzy: 0.5, prefix: 0.4 },
      combineWith: "OR",
    });
    const d = p.details;
    if (raw.length === 0 && !this.details_) return decline("low_confidence");
    // Candidates: the best of the name ranking, and (when the names explain the message
    // poorly) the best of the details ranking.
    const nameHits = raw.slice(0, p.candidates);
    const best = nameHits[0]?.score ?? 1;
    const candidates = new Map<number, { score: number; queryTerms: string[] }>();
    for (const hit of nameHits)
      candidates.set(hit.id as number, { score: hit.score, queryTerms: hit.queryTerms });
    const nameConfidence = (id: number, hit: { queryTerms: string[] }) =>
      this.features(this.entries[id]!, query, hit.queryTerms).confidence;
    const bestNameConfidence0 = this.details_
      ? Math.max(0, ...[...candidates].slice(0, 5).map(([id, hit]) => nameConfidence(id, hit)))
      : 1;
    const detailHits =
      this.details_ && bestNameConfidence0 < d.gate
        ? this.details_.search(retrievalTerms.join(" "), {
            tokenize: (s) => s.split(" "),
            processTerm: (t) => t,
            boostTerm: (term) => weights.get(term) ?? 1,
            combineWith: "OR",
          })
        : [];
    if (candidates.size === 0 && detailHits.length === 0) return decline("low_confidence");
    const detailRank = new Map<number, { rank: number; score: number }>();
    const bestDetail = detailHits[0]?.score ?? 1;
    for (const [rank, hit] of detailHits.slice(0, d.candidates).entries()) {
      detailRank.set(hit.id as number, { rank, score: hit.score / bestDetail });
      if (!candidates.has(hit.id as number)) candidates.set(hit.id as number, { score: 0, queryTerms: [] });
    }

    const contentWords = query.terms.filter(
      (t) => !t.bigram && t.weight >= p.termWeight.content * 0.99,
    ).length;
    const scored0 = [...candidates].map(([id, hit]) => {
      const entry = this.entries[id]!;
      const features = this.features(entry, query, hit.queryTerms);
      const bm = hit.score / best;
      const mixed = p.rerank
        ? p.mix.bm25 * bm +
          p.mix.nameCoverage * features.nameCoverage +
          p.mix.queryCoverage * features.queryCoverage +
          p.mix.phrase * features.phrase
        : bm;
      return { entry, mixed, features };
    });
    // The details weigh more as the message gets longer and the names explain it less.
    const bestNameConfidence = Math.max(0, ...scored0.map((c) => c.features.confidence));
    const detailWeight =
      d.weight * Math.min(1, contentWords / d.fullAt) * (1 - d.nameDamping * bestNameConfidence);
    const scored = scored0.map(({ entry, mixed, features }) => {
      const dr = detailRank.get(entry.id);
      const detailScore = !dr ? 0 : d.fusion === "rrf" ? (d.rrfK + 1) / (d.rrfK + 1 + dr.rank) : dr.score;
      const fused = mixed + detailWeight * detailScore;
      const score =
        fused *
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
          : 1);
      return { entry, score, confidence: features.confidence };
    });
    scored.sort((a, b) => b.score - a.score || a.entry.id - b.entry.id);

    const top = scored[0]!;
    const results: SearchHit[] = scored.slice(0, limit).map(({ entry, score, confidence }) => ({
      code: entry.code,
      name: entry.name,
      score: round(score),
      // A hit's confidence is its own fit, scaled by how it ranks against the top hit.
      confidence: round(clamp01(confidence * Math.min(1, score / top.score))),
      alternatives: entry.alternatives,
      communeService: entry.communeService,
      field: entry.field,
    }));
    const topConfidence = results[0]!.confidence;
    if (topConfidence < p.declineBelow) return decline("low_confidence", results);
    const runnerUp = results[1]?.confidence ?? 0;
    const clear = topConfidence >= p.answerAt && runnerUp <= topConfidence * p.answerMargin;
    // The message is about something the catalogue does not hold: only a clear answer on
    // the rest of it counts, not a choice among what is left.
    if (exclusion && !clear) return decline("not_in_catalogue", results);
    return { results, decision: clear ? "answer" : "choose", topConfidence };
  }

  /**
   * In a long message, the words that occur only in clauses that ask nothing: the story
   * around the request. null when the message is short, or no clause (or every clause)
   * asks.
   */
  private narrativeWords(clauses: StoryClause[] | null): Set<string> | null {
    if (!clauses || this.parameters.narrativeWeight === 1) return null;
    const request = new Set<string>();
    const story = new Set<string>();
    for (const { tokens, asks } of clauses) for (const t of tokens) (asks ? request : story).add(t);
    for (const t of request) story.delete(t);
    return story;
  }

  /**
   * A long message cut into clauses, each marked by whether it asks (a request cue or a
   * question mark); null when the message is short, or no clause (or every clause) asks.
   */
  private storyClauses(text: string): StoryClause[] | null {
    const p = this.parameters;
    if (text.split(/\s+/).filter(Boolean).length < p.longMessageWords) return null;
    const clauses = text
      .split(/(?<=[.?!;\n])|,/)
      .map((c) => c.trim())
      .filter(Boolean)
      .map((clause) => {
        const tokens = tokensOf(normalizeText(clause, { repairSpelling: p.repairSpelling }));
        const asks = asksSomething(clause, tokens.join(" "));
        return { text: clause, tokens, asks };
      });
    const asking = clauses.filter((c) => c.asks).length;
    return asking === 0 || asking === clauses.length ? null : clauses;
  }

  /** The message as weighted query terms (unigrams and bigrams). */
  private buildQuery(
    normalized: string,
    excluded: NotInCatalogueMatch[],
    narrative: ReadonlySet<string> | null = null,
  ): BuiltQuery {
    const p = this.parameters;
    // Words of topics the catalogue does not hold are no evidence for any procedure.
    let text = normalized;
    for (const span of [...excluded].sort((a, b) => b.start - a.start)) {
      text = `${text.slice(0, span.start)} ${text.slice(span.end)}`;
    }
    text = text.replace(/\s+/g, " ").trim();
    if (p.correctTypos) text = this.correctTypos(text);

    const synonyms = p.useSynonyms ? findSynonyms(text) : [];
    const ages = [...text.matchAll(/(?<![a-z0-9])(\d{1,2}) tuoi(?![a-z0-9])/g)].map((m) => Number(m[1]));
    const isKnownBigram = (a: string, b: string) => this.nameBigramVocabulary.has(`${a}_${b}`);
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
        if (w > 0) put(`${classified[i]!.token}_${classified[i + 1]!.token}`, w * p.termWeight.bigram);
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
        (synonym.modifier ? p.termWeight.modifier : p.termWeight.expansion) *
        (inStory ? p.narrativeWeight : 1);
      for (const word of words) put(word, GENERIC_WORDS.has(word) ? p.termWeight.generic : weight);
      if (p.useBigrams) {
        for (let i = 0; i + 1 < words.length; i++) put(`${words[i]}_${words[i + 1]}`, weight);
      }
    }
    const terms = [...weights].map(([term, weight]) => ({
      term,
      weight,
      bigram: term.includes(BIGRAM_JOINER),
    }));
    const pairsOf = new Map<string, string[]>();
    for (const t of terms) {
      if (!t.bigram || t.weight < p.termWeight.content * 0.99) continue;
      for (const word of t.term.split(BIGRAM_JOINER))
        pairsOf.set(word, [...(pairsOf.get(word) ?? []), t.term]);
    }
    return {
      terms,
      pairsOf,
      qualifiers: synonyms.filter((m) => m.modifier).map((m) => salient(tokensOf(m.means))),
      ages,
      hasContent,
    };
  }

  /**
   * A syllable the catalogue never uses, one edit away from one it does, that makes a
   * two-word term of the catalogue with a neighbour: "khia sinh" → "khai sinh".
   */
  private correctTypos(text: string): string {
    const tokens = tokensOf(text);
    let changed = false;
    for (const [i, token] of tokens.entries()) {
      if (token.length < 3 || this.nameVocabulary.has(token) || !/^[a-z]+$/.test(token)) continue;
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
      for (const candidate of this.nameVocabulary) {
        if (Math.abs(candidate.length - token.length) > 1 || !withinOneEdit(token, candidate)) continue;
        const supported =
          (prev !== undefined && this.nameBigramVocabulary.has(`${prev}_${candidate}`)) ||
          (next !== undefined && this.nameBigramVocabulary.has(`${candidate}_${next}`));
        if (supported && (best === undefined || (this.idf.get(candidate) ?? 0) < (this.idf.get(best) ?? 0))) {
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

  /** Coverage features of one candidate. */
  private features(
    entry: Entry,
    query: BuiltQuery,
    matchedQueryTerms: string[],
  ): { nameCoverage: number; queryCoverage: number; phrase: number; confidence: number } {
    const p = this.parameters;
    const idf = (w: string) => this.idf.get(w) ?? this.maxIdf;
    const matched = new Set(matchedQueryTerms);
    const queryWords = new Map<string, number>();
    for (const t of query.terms) if (!t.bigram) queryWords.set(t.term, t.weight);

    // Vietnamese names put what the procedure is first and qualify it after ("Chứng thực
    // giao dịch liên quan đến …"), so earlier words weigh more.
    let total0 = 0;
    let hit0 = 0;
    for (const [i, word] of entry.nameSequence.entries()) {
      const w = idf(word) / (1 + i / p.positionDecay);
      total0 += w;
      if (queryWords.has(word)) hit0 += w;
    }
    const nameCoverage = total0 === 0 ? 0 : hit0 / total0;

    // How much of the message the name (and aliases) explain; fuzzy matches count half. A
    // word that sits in a phrase of the message ("giá lúa") counts fully only when the name
    // has that phrase too, not when the name has the two words far apart ("lựa chọn …
    // giá trị").
    let total = 0;
    let hit = 0;
    for (const [word, weight] of queryWords) {
      const w = weight * Math.min(idf(word), this.maxIdf);
      total += w;
      const pairs = query.pairsOf.get(word);
      const consistent = !pairs || pairs.some((b) => entry.nameBigrams.has(b));
      const credit = consistent ? 1 : p.unpairedCredit;
      if (entry.nameWords.has(word) || entry.aliasWords.has(word)) hit += w * credit;
      else if (matched.has(word) && !this.vocabulary.has(word)) hit += (w * credit) / 2;
    }
    const queryCoverage = total === 0 ? 0 : hit / total;

    // Phrase evidence: how much of the message (by rarity) the name matches as whole
    // phrases, i.e. words that sit in a bigram of the message that is a bigram of the name.
    // One word on its own is no phrase: single syllables collide too often once folded
    // ("trực", "hiểu", "tên").
    let phraseTotal = 0;
    let phraseHit = 0;
    for (const [word, weight] of queryWords) {
      if (weight < p.termWeight.content * 0.99) continue;
      const w = Math.min(idf(word), this.maxIdf);
      phraseTotal += w;
      if (query.pairsOf.get(word)?.some((b) => entry.nameBigrams.has(b))) phraseHit += w;
    }
    const phrase = phraseTotal === 0 ? 0 : phraseHit / phraseTotal;

    const c = p.confidenceMix;
    const confidence = clamp01(
      c.nameCoverage * nameCoverage + c.queryCoverage * queryCoverage + c.phrase * phrase,
    );
    return { nameCoverage, queryCoverage, phrase, confidence };
  }
}

/** The details a citizen's question may be about: documents, conditions, steps, result ... */
function detailText(record: SearchableProcedure): string {
  return [
    (record.documents ?? []).map((d) => d.name).join(" . "),
    record.requirements ?? "",
    (record.steps ?? []).join(" . "),
    (record.result ?? "").replace(/Mã:\s*[A-Z0-9.]+/g, " "),
    record.applicant ?? "",
    // Titles of the legal basis, without the numbers glued to them ("…Việt NamLuật 47/2014/QH13").
    (record.legal_basis ?? "").replace(/[0-9][0-9/.-]*[A-ZĐa-z0-9-]*/g, " . "),
  ].join(" . ");
}

/** What the citizen receives, minus the portal's result codes ("Mã: KQ.G15.000031"). */
function aliasText(record: SearchableProcedure): string {
  return (record.result ?? "").replace(/Mã:\s*[A-Z0-9.]+/g, " ").slice(0, 300);
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

function clamp01(x: number): number {
  return Math.max(0, Math.min(1, x));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
