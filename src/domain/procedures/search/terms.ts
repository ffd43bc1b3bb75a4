/**
 * The search's terms: normalised syllables, and adjacent syllables joined into one term
 * ("khai_sinh") so that a phrase outranks the same words scattered.
 */
import { tokensOf } from "./normalize.js";

const BIGRAM_JOINER = "_";

export function bigram(first: string, second: string): string {
  return `${first}${BIGRAM_JOINER}${second}`;
}

export function isBigram(term: string): boolean {
  return term.includes(BIGRAM_JOINER);
}

export function wordsOfBigram(term: string): string[] {
  return term.split(BIGRAM_JOINER);
}

/** The bigrams of neighbouring tokens, in order. */
export function bigramsOf(tokens: readonly string[]): string[] {
  const bigrams: string[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) bigrams.push(bigram(tokens[i]!, tokens[i + 1]!));
  return bigrams;
}

/** Unigrams and adjacent-pair bigrams of normalised text (what the index stores). */
export function indexTerms(normalized: string, bigrams: boolean): string[] {
  const tokens = tokensOf(normalized);
  return bigrams ? [...tokens, ...bigramsOf(tokens)] : tokens;
}
