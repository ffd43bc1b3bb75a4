/**
 * What the bot does with the ranking: no content word at all → decline ("no_content"); a
 * topic the catalogue does not hold ("ly hôn", "làm hộ chiếu") → decline with a referral
 * unless the rest of the message is a clear match; top confidence below `declineBelow` →
 * decline; at or above `answerAt` with the runner-up clearly behind → answer; otherwise →
 * choose among the top results.
 */
import type { Clarification } from "./families.js";
import type { RankingParameters } from "./parameters.js";
import type { SearchHit } from "./ranking.js";
import type { NotInCatalogueMatch, ReferralKind } from "./synonyms.js";

export type Decision = "answer" | "choose" | "decline";

export type DeclineReason = "no_content" | "not_in_catalogue" | "low_confidence";

/** A topic the catalogue does not hold, with who handles it when known ("ly hôn" → court). */
export interface NotInCatalogueTopic {
  topic: string;
  referral: string | null;
  kind: ReferralKind;
  /** Declined even when the rest of the message clearly fits a procedure. */
  strict: boolean;
  /** The citizen wants to reach the commune office itself (hours, phone, address). */
  aboutTheOffice: boolean;
}

export interface SearchOutcome {
  /** A family's siblings offered with the answer, or the one question asked instead (see families.ts). */
  clarification?: Clarification;
  results: SearchHit[];
  decision: Decision;
  topConfidence: number;
  /** Why the message was declined. */
  declineReason?: DeclineReason;
  notInCatalogue?: NotInCatalogueTopic;
}

/** The first topic of the message the catalogue does not hold, if any. */
export function notInCatalogueOf(excluded: readonly NotInCatalogueMatch[]): NotInCatalogueTopic | undefined {
  const first = excluded[0];
  return first
    ? {
        topic: first.topic,
        referral: first.referral,
        kind: first.kind,
        strict: first.strict,
        aboutTheOffice: first.kind === "office",
      }
    : undefined;
}

/** A decline; about a topic the catalogue does not hold, whatever else is wrong, when there is one. */
export function decline(
  reason: DeclineReason,
  notInCatalogue: NotInCatalogueTopic | undefined,
  results: SearchHit[] = [],
): SearchOutcome {
  return {
    results,
    decision: "decline",
    topConfidence: results[0]?.confidence ?? 0,
    ...(notInCatalogue ? { declineReason: "not_in_catalogue", notInCatalogue } : { declineReason: reason }),
  };
}

/** Answer, choose or decline on ranked results (at least one). */
export function decide(
  results: SearchHit[],
  notInCatalogue: NotInCatalogueTopic | undefined,
  parameters: RankingParameters,
): SearchOutcome {
  const p = parameters;
  const topConfidence = results[0]!.confidence;
  if (topConfidence < p.declineBelow) return decline("low_confidence", notInCatalogue, results);
  const runnerUp = results[1]?.confidence ?? 0;
  const clear = topConfidence >= p.answerAt && runnerUp <= topConfidence * p.answerMargin;
  // The message is about something the catalogue does not hold: only a clear answer on
  // the rest of it counts, not a choice among what is left.
  if (notInCatalogue && (!clear || notInCatalogue.strict))
    return decline("not_in_catalogue", notInCatalogue, results);
  return { results, decision: clear ? "answer" : "choose", topConfidence };
}
