/**
 * The term index must rank exactly as MiniSearch did (it replaced it for speed, and every
 * tuned threshold rests on those scores): same documents, same order, same scores to the
 * last bit, same matched terms, on every question of two held-out sets and the tuning set, with
 * and without fuzzy and prefix matching.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import MiniSearch from "minisearch";
import { beforeAll, describe, expect, it } from "vitest";
import type { CatalogueRecord } from "../../../../src/domain/procedures/catalogue-record.js";
import {
  buildEntries,
  type DetailDocument,
  type IndexDocument,
} from "../../../../src/domain/procedures/search/entries.js";
import { normalizeText } from "../../../../src/domain/procedures/search/normalize.js";
import { DEFAULT_PARAMETERS } from "../../../../src/domain/procedures/search/parameters.js";
import { TermIndex, type TermIndexHit } from "../../../../src/domain/procedures/search/term-index.js";
import { indexTerms } from "../../../../src/domain/procedures/search/terms.js";
import { realIndex } from "./catalogue.js";

const NAME_FIELDS = ["name", "aliases", "field", "documents"] as const;
const BOOST = { name: 6, aliases: 3, field: 1.5, documents: 0.4 };

const messages = [
  "../../../../assets/qa/questions-heldout.jsonl",
  "../../../../assets/qa/questions-heldout-2.jsonl",
  "./realistic-tuning.jsonl",
].flatMap((file) =>
  readFileSync(fileURLToPath(new URL(file, import.meta.url)), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { message: string }).message),
);

let records: CatalogueRecord[];
let documents: IndexDocument[];
let details: DetailDocument[];

beforeAll(async () => {
  ({ records } = await realIndex());
  ({ documents } = buildEntries(records, DEFAULT_PARAMETERS));
  // Details of part of the catalogue: normalising them all takes seconds.
  ({ detailDocuments: details } = buildEntries(records.slice(0, 120), {
    ...DEFAULT_PARAMETERS,
    details: { ...DEFAULT_PARAMETERS.details, weight: 1 },
  }));
});

/** A deterministic weight per term in 0.15–1, like the query's weights. */
const weightOf = (term: string) => 0.15 + ((term.length * 37 + term.charCodeAt(0)) % 18) / 20;

/**
 * Hits as one line each; JSON writes the shortest digits that read back as the same
 * double, so equal text is equal scores to the last bit (and far quicker to compare).
 */
const lines = (hits: ReadonlyArray<{ id: unknown; score: number; queryTerms: string[] }>): string[] =>
  hits.map((h) => JSON.stringify([h.id, h.score, h.queryTerms]));

/** The first hit that differs, or none. */
function firstDifference(got: TermIndexHit[], expected: ReturnType<MiniSearch["search"]>) {
  const [a, b] = [lines(got), lines(expected)];
  if (a.length === b.length && a.every((line, i) => line === b[i])) return null;
  const at = a.findIndex((line, i) => line !== b[i]);
  return { at, got: a[at] ?? null, expected: b[at] ?? null, lengths: [a.length, b.length] };
}

describe("TermIndex ranks as MiniSearch 7.2", { timeout: 120_000 }, () => {
  it("over the names, with per-field and per-term boosts, fuzzy and prefix matching", () => {
    const tokenize = (text: string) => indexTerms(text, true);
    const reference = new MiniSearch<IndexDocument>({
      fields: [...NAME_FIELDS],
      idField: "id",
      tokenize,
      processTerm: (t) => t,
    });
    reference.addAll(documents);
    const index = TermIndex.build(documents, NAME_FIELDS, tokenize);

    let compared = 0;
    for (const [i, message] of messages.entries()) {
      const terms = [...new Set(indexTerms(normalizeText(message), true))];
      // Every fourth message with fuzzy and prefix matching on its longer words.
      const loose = i % 4 === 0;
      const fuzzy = (t: string) => (loose && t.length >= 5 && !t.includes("_") ? 1 : false);
      const prefix = (t: string) => loose && t.length >= 4;
      const expected = reference.search(terms.join(" "), {
        tokenize: (s) => s.split(" "),
        processTerm: (t) => t,
        boost: BOOST,
        boostTerm: weightOf,
        fuzzy,
        prefix,
        weights: { fuzzy: 0.5, prefix: 0.4 },
        combineWith: "OR",
      });
      const got = index.search(terms, {
        boost: BOOST,
        boostTerm: weightOf,
        fuzzy,
        prefix,
        weights: { fuzzy: 0.5, prefix: 0.4 },
      });
      expect(firstDifference(got, expected), message).toBeNull();
      // The best forty only, with the default weights of fuzzy and prefix matches.
      if (loose) {
        const best = index.search(terms, { boost: BOOST, boostTerm: weightOf, fuzzy, prefix }, 40);
        const expectedBest = reference.search(terms.join(" "), {
          tokenize: (s) => s.split(" "),
          processTerm: (t) => t,
          boost: BOOST,
          boostTerm: weightOf,
          fuzzy,
          prefix,
          combineWith: "OR",
        });
        expect(firstDifference(best, expectedBest.slice(0, 40)), message).toBeNull();
      }
      compared += expected.length;
    }
    expect(compared).toBeGreaterThan(10_000);
  });

  it("over one field with MiniSearch's defaults (the details index)", () => {
    const tokenize = (text: string) => indexTerms(text, true);
    const reference = new MiniSearch<DetailDocument>({
      fields: ["details"],
      idField: "id",
      tokenize,
      processTerm: (t) => t,
    });
    reference.addAll(details);
    const index = TermIndex.build(details, ["details"], tokenize);
    for (const message of messages.slice(0, 200)) {
      const terms = indexTerms(normalizeText(message), true);
      const expected = reference.search(terms.join(" "), {
        tokenize: (s) => s.split(" "),
        processTerm: (t) => t,
        boostTerm: weightOf,
        combineWith: "OR",
      });
      expect(firstDifference(index.search(terms, { boostTerm: weightOf }), expected), message).toBeNull();
    }
  });

  it("finds nothing for no terms", () => {
    const index = TermIndex.build(documents.slice(0, 5), NAME_FIELDS, (t) => indexTerms(t, true));
    expect(index.search([])).toEqual([]);
    expect(index.search(["", "khong-co-tu-nay"])).toEqual([]);
  });
});
