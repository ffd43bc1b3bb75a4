import { foldVietnamese } from "../text/vietnamese.js";

/** What is needed to recognise a department in a plan's "Ngành chủ trì / phối hợp" cells. */
export interface DepartmentNames {
  code: string;
  name: string;
  aliases: readonly string[];
}

/**
 * Folds a department mention for comparison: folded like any Vietnamese text (lower case,
 * no tone marks, đ → d), "&" and dashes spaced, punctuation dropped, spaces collapsed.
 * "Bộ phận TN&TKQ" and "Bộ phận TN & TKQ" both become "bo phan tn & tkq".
 */
export function normaliseDepartmentText(text: string): string {
  return (
    foldVietnamese(text)
      // Combining marks other than Vietnamese tone marks (emoji variation selectors, keycaps).
      .replace(/\p{M}/gu, "")
      .replace(/&/g, " & ")
      .replace(/[–—-]/g, " ")
      .replace(/[.()"“”]/g, " ")
      .replace(/\s+/g, " ")
      .trim()
  );
}

/** Splits a cell into the departments it lists: "Tư pháp và cá nhân liên quan", "A; B, C". */
export function splitDepartmentList(text: string): string[] {
  return text
    .split(/[;,]|\s+và\s+/u)
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

/** Words around a department's name that do not name it: "Bộ phận Tư pháp phường". */
const MENTION_PREFIX = /^(?:bo phan|nganh|co quan|can bo|cong chuc) /;
const MENTION_SUFFIX = / (?:xa|phuong|thi tran)$/;

/** The code of the department a single mention names, or null (generic "Các ngành chuyên môn"). */
export function matchDepartment(mention: string, departments: readonly DepartmentNames[]): string | null {
  const folded = normaliseDepartmentText(mention);
  // "Tư pháp xã", "Văn phòng phường", "Bộ phận Tư pháp": the words around add nothing.
  const bare = folded.replace(MENTION_SUFFIX, "");
  const candidates = [folded, bare, bare.replace(MENTION_PREFIX, "")];
  for (const department of departments) {
    const names = [department.name, department.code, ...department.aliases].map(normaliseDepartmentText);
    if (candidates.some((candidate) => names.includes(candidate))) return department.code;
  }
  // "Kế toán Tài chính xã" for "Tài chính – Kế toán": the same words in another order.
  const reordered = candidates.map(sortedWords);
  for (const department of departments) {
    const names = [department.name, ...department.aliases].map((n) =>
      sortedWords(normaliseDepartmentText(n)),
    );
    if (reordered.some((candidate) => candidate.includes(" ") && names.includes(candidate)))
      return department.code;
  }
  return null;
}

/** A folded name's words in alphabetical order, "&" left out. */
function sortedWords(folded: string): string {
  return folded
    .split(" ")
    .filter((w) => w !== "&")
    .sort()
    .join(" ");
}

/** One department a cell names, as written, with the code it matched (null: none). */
export interface DepartmentMention {
  text: string;
  code: string | null;
}

/**
 * Each mention of a cell with the department it names. A part between ";" or "," is first
 * tried whole, so that a name with "và" in it ("Văn hóa và Thông tin", "Bộ phận TN và TKQ")
 * is not cut in two; only when the whole part names nothing is it split on "và".
 */
export function departmentMentions(
  text: string,
  departments: readonly DepartmentNames[],
): DepartmentMention[] {
  return text
    .split(/[;,]/)
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .flatMap((part) => {
      const whole = matchDepartment(part, departments);
      if (whole) return [{ text: part, code: whole }];
      return splitDepartmentList(part).map((p) => ({ text: p, code: matchDepartment(p, departments) }));
    });
}

/** Codes of every department a cell names, in order, without repeats. */
export function matchDepartments(text: string, departments: readonly DepartmentNames[]): string[] {
  const codes: string[] = [];
  for (const { code } of departmentMentions(text, departments)) {
    if (code && !codes.includes(code)) codes.push(code);
  }
  return codes;
}

/**
 * Lead and cooperating departments of a plan task. The lead is the first department the
 * lead cell names; any other department named there co-leads, so it is kept as a cooperator.
 */
export function resolveTaskDepartments(
  leadText: string,
  cooperatingText: string,
  departments: readonly DepartmentNames[],
): { leadCode: string | null; cooperatorCodes: string[] } {
  const [leadCode = null, ...coLeads] = matchDepartments(leadText, departments);
  const cooperatorCodes = [...coLeads, ...matchDepartments(cooperatingText, departments)].filter(
    (code, index, all) => code !== leadCode && all.indexOf(code) === index,
  );
  return { leadCode, cooperatorCodes };
}

// ---------------------------------------------------------------------------
// Departments as people type them in chat

/** Words that introduce a department without naming it: "bộ phận", "ngành", "cán bộ"… */
const LEADING_FILLER = /^(?:(?:cac|bo phan|nganh|phong|ban|can bo|cong chuc|linh vuc|cua|ben)\s+)+/;

/** A typed department, folded: "&", "/" and "+" are spaces too, and "1 cửa" is "một cửa". */
function foldTypedDepartment(text: string): string {
  return normaliseDepartmentText(text)
    .replace(/[&/+]/g, " ")
    .replace(/\b1 cua\b/g, "mot cua")
    .replace(/\s+/g, " ")
    .trim();
}

/** What a chat phrase names once "bộ phận", "ngành"… and a trailing "xã" are dropped; "" for nothing. */
export function typedDepartmentPhrase(words: string): string {
  return foldTypedDepartment(words).replace(LEADING_FILLER, "").replace(/ xa$/, "").trim();
}

/**
 * The department a user's phrase names ("tư pháp", "tu phap", "một cửa", "văn phòng",
 * "địa chính", "vh xh", "VHXH"), matched against each department's name, code and aliases
 * with diacritics folded. A phrase equal to a name (spaces ignored) wins; otherwise the
 * department one of whose names contains every word of the phrase. Null when nothing or
 * more than one department matches equally well.
 */
export function departmentNamedBy<D extends DepartmentNames>(
  words: string,
  departments: readonly D[],
): D | null {
  const phrase = typedDepartmentPhrase(words);
  if (phrase === "") return null;
  const compactPhrase = phrase.replace(/ /g, "");
  const phraseWords = phrase.split(" ");
  const scored = departments.map((d) => {
    const names = [d.name, d.code, ...d.aliases]
      .filter((n) => n.trim() !== "")
      .map((n) => foldTypedDepartment(n).replace(/ xa$/, ""));
    let score = 0;
    if (names.some((n) => n.replace(/ /g, "") === compactPhrase)) score = 2;
    else if (names.some((n) => phraseWords.every((w) => n.split(" ").includes(w)))) score = 1;
    return { department: d, score };
  });
  const best = Math.max(0, ...scored.map((s) => s.score));
  if (best === 0) return null;
  const top = scored.filter((s) => s.score === best);
  return top.length === 1 ? top[0]!.department : null;
}
