/**
 * Long messages tell a story around the request ("năm 2010 em sinh bé ở nhà ngoại … giờ
 * muốn làm giấy khai sinh thì cần gì"). The clauses with a request cue ("muốn", "cần",
 * "làm sao", a question mark …) are the request; words found only in the other clauses
 * are the story, and weigh less.
 */
import { foldText, normalizeText, tokensOf } from "./normalize.js";
import type { RankingParameters } from "./parameters.js";

/** A clause of a long message, and whether it asks something. */
export interface StoryClause {
  text: string;
  tokens: string[];
  asks: boolean;
}

/**
 * A long message cut into clauses, each marked by whether it asks (a request cue or a
 * question mark); null when the message is short, or no clause (or every clause) asks.
 */
export function storyClauses(
  text: string,
  parameters: Pick<RankingParameters, "longMessageWords" | "repairSpelling">,
): StoryClause[] | null {
  if (text.split(/\s+/).filter(Boolean).length < parameters.longMessageWords) return null;
  const clauses = text
    .split(/(?<=[.?!;\n])|,/)
    .map((c) => c.trim())
    .filter(Boolean)
    .map((clause) => {
      const tokens = tokensOf(normalizeText(clause, { repairSpelling: parameters.repairSpelling }));
      const asks = asksSomething(clause, tokens.join(" "));
      return { text: clause, tokens, asks };
    });
  const asking = clauses.filter((c) => c.asks).length;
  return asking === 0 || asking === clauses.length ? null : clauses;
}

/**
 * The words that occur only in clauses that ask nothing: the story around the request.
 * null when there are no story clauses, or story words would weigh fully anyway.
 */
export function narrativeWords(
  clauses: StoryClause[] | null,
  parameters: Pick<RankingParameters, "narrativeWeight">,
): Set<string> | null {
  if (!clauses || parameters.narrativeWeight === 1) return null;
  const request = new Set<string>();
  const story = new Set<string>();
  for (const { tokens, asks } of clauses) for (const t of tokens) (asks ? request : story).add(t);
  for (const t of request) story.delete(t);
  return story;
}

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
