/**
 * Task references in a normalised message: codes ("NV12", "nv 12", "#12", "nhiệm vụ 12",
 * "việc số 12") and, failing that, words of a task's title ("việc báo cáo quý").
 */
import type { TaskRef } from "./intent.js";

export interface CodeMatch {
  ref: { kind: "code"; code: string };
  /** Offsets in the normalised text. */
  start: number;
  end: number;
}

/**
 * "nhiem vu" (also from "nv"), "cong viec", "viec (so)" or "#", then a number that is not
 * a quantity ("việc 7 ngày tới", "nhiệm vụ 2 tuần"), a date ("việc 30/6") or a percent.
 */
const TASK_CODE =
  /(?<![a-z0-9])(?:(?:ma )?(?:nhiem vu|cong viec|viec)(?: so)?(?: #)?|#) ?(\d{1,5})(?![\d/.-])(?! ?(?:%|phan tram|ngay|tuan|thang|nam|quy|gio|lan|nguoi|ho so|viec|nhiem vu|cong viec|trieu|dong)(?![a-z]))/g;

export function findTaskCode(text: string): CodeMatch | undefined {
  for (const m of text.matchAll(TASK_CODE)) {
    const digits = m[1] as string;
    const n = Number(digits);
    // "nhiệm vụ 2026" names a year, not task 2026.
    if (digits.length === 4 && n >= 1900 && n <= 2199) continue;
    if (n === 0) continue;
    return { ref: { kind: "code", code: `NV${n}` }, start: m.index, end: m.index + m[0].length };
  }
  return undefined;
}

/** Words that are not part of a task title when they stand at its edges. */
const QUERY_EDGE_WORDS = new Set([
  "a",
  "ạ",
  "nhe",
  "nha",
  "roi",
  "di",
  "voi",
  "em",
  "anh",
  "chi",
  "oi",
  "da",
  "la",
  "cai",
  "cua",
  "cho",
  "ve",
  "nay",
  "do",
  "kia",
  "ay",
  "giup",
  "dum",
  "gium",
  "khong",
  "chua",
  "?",
  "#",
]);

/** Title words of a task, or undefined if nothing meaningful remains. */
export function queryRef(words: string): TaskRef | undefined {
  const tokens = words
    .replace(/^(?:(?:cai|cho|ve|cua) )?(?:cong viec|nhiem vu|dau viec|viec) /, "")
    .split(" ")
    .filter((t) => t !== "");
  while (tokens.length > 0 && QUERY_EDGE_WORDS.has(tokens[0] as string)) tokens.shift();
  while (tokens.length > 0 && QUERY_EDGE_WORDS.has(tokens[tokens.length - 1] as string)) tokens.pop();
  const text = tokens.join(" ");
  // A lone pronoun or number is not a title.
  if (text === "" || /^(?:toi|minh|tui|tao|\d+)$/.test(text)) return undefined;
  return { kind: "query", text };
}
