/**
 * What the search knows of the catalogue's words: how rare each is among the names, and
 * which words and phrases the catalogue uses at all (a word it never uses is a typo, or a
 * word of the citizen's story).
 */
import type { Entry, IndexDocument } from "./entries.js";
import { tokensOf } from "./normalize.js";

export interface CatalogueWords {
  /** Number of entries. */
  entryCount: number;
  /** Rarity (BM25 idf) of the words of names and aliases. */
  idf: Map<string, number>;
  /** Rarity of the bigrams of names. */
  bigramIdf: Map<string, number>;
  /** The rarity of a term no name has. */
  maxIdf: number;
  /** In how many entries' names a word or bigram occurs. */
  nameDf: Map<string, number>;
  /** Words of every indexed field, documents included. */
  vocabulary: Set<string>;
  /** Words of names, aliases and fields (what a typo is corrected to). */
  nameVocabulary: Set<string>;
  nameBigramVocabulary: Set<string>;
}

export function catalogueWords(
  entries: readonly Entry[],
  documents: readonly IndexDocument[],
): CatalogueWords {
  const n = entries.length;
  const words: CatalogueWords = {
    entryCount: n,
    idf: new Map(),
    bigramIdf: new Map(),
    maxIdf: rarity(n, 0),
    nameDf: new Map(),
    vocabulary: new Set(),
    nameVocabulary: new Set(),
    nameBigramVocabulary: new Set(),
  };

  const df = new Map<string, number>();
  for (const entry of entries) {
    for (const word of new Set([...entry.nameWords, ...entry.aliasWords]))
      df.set(word, (df.get(word) ?? 0) + 1);
    for (const bigram of entry.nameBigrams) words.nameBigramVocabulary.add(bigram);
  }
  for (const [word, count] of df) {
    words.nameDf.set(word, count);
    words.idf.set(word, rarity(n, count));
  }
  const bigramDf = new Map<string, number>();
  for (const entry of entries) for (const b of entry.nameBigrams) bigramDf.set(b, (bigramDf.get(b) ?? 0) + 1);
  for (const [bigram, count] of bigramDf) {
    words.nameDf.set(bigram, count);
    words.bigramIdf.set(bigram, rarity(n, count));
  }

  for (const doc of documents) {
    for (const text of [doc.name, doc.aliases, doc.field])
      for (const t of tokensOf(text)) words.nameVocabulary.add(t);
    for (const text of [doc.name, doc.aliases, doc.field, doc.documents])
      for (const t of tokensOf(text)) words.vocabulary.add(t);
  }
  return words;
}

/** Rarity of a term among names; unknown terms (typos, story words) count as rare. */
export function retrievalIdf(words: CatalogueWords, term: string): number {
  return words.idf.get(term) ?? words.bigramIdf.get(term) ?? words.maxIdf;
}

/** BM25's idf: the fewer of the `n` names a term is in, the more it tells them apart. */
function rarity(n: number, count: number): number {
  return Math.log(1 + (n - count + 0.5) / (count + 0.5));
}
