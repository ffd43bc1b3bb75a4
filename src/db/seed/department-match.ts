/** What is needed to recognise a department in a plan's "Ngành chủ trì / phối hợp" cells. */
export interface DepartmentNames {
  code: string;
  name: string;
  aliases: readonly string[];
}

/**
 * Folds a department mention for comparison: lower case, no diacritics (đ → d), "&" and
 * dashes spaced, punctuation dropped, spaces collapsed. "Bộ phận TN&TKQ" and
 * "Bộ phận TN & TKQ" both become "bo phan tn & tkq".
 */
export function normaliseDepartmentText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/&/g, " & ")
    .replace(/[–—-]/g, " ")
    .replace(/[.()"“”]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Splits a cell into the departments it lists: "Tư pháp và cá nhân liên quan", "A; B, C". */
export function splitDepartmentList(text: string): string[] {
  return text
    .split(/[;,]|\s+và\s+/u)
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

/** The code of the department a single mention names, or null (generic "Các ngành chuyên môn"). */
export function matchDepartment(mention: string, departments: readonly DepartmentNames[]): string | null {
  const folded = normaliseDepartmentText(mention);
  // "Tư pháp xã", "VP UBND xã": the trailing "xã" adds nothing.
  const candidates = [folded, folded.replace(/ xa$/, "")];
  for (const department of departments) {
    const names = [department.name, department.code, ...department.aliases].map(normaliseDepartmentText);
    if (candidates.some((candidate) => names.includes(candidate))) return department.code;
  }
  return null;
}

/** Codes of every department a cell names, in order, without repeats. */
export function matchDepartments(text: string, departments: readonly DepartmentNames[]): string[] {
  const codes: string[] = [];
  for (const part of splitDepartmentList(text)) {
    const code = matchDepartment(part, departments);
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
