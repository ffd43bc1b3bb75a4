/**
 * The catalogue as the search sees it: one entry per distinct procedure name, the words of
 * that name that say what the procedure is, and the text of each indexed field.
 *
 * Records with the same name (the catalogue repeats "Hỗ trợ phát triển sản xuất cộng
 * đồng." under ten codes) are one entry: the first code, with the others as alternatives.
 */
import { foldText, normalizeText, tokensOf } from "./normalize.js";
import type { RankingParameters } from "./parameters.js";
import { COMMON_PROCEDURES } from "./synonyms.js";
import { bigramsOf } from "./terms.js";
import { GENERIC_WORDS } from "./vocabulary.js";

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

export interface Entry {
  /** Its position among the entries, and its id in the indexes. */
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

/** An entry's fields as the name index holds them, normalised. */
export interface IndexDocument {
  id: number;
  name: string;
  aliases: string;
  field: string;
  documents: string;
}

/** An entry's details (documents, requirements, steps …) as the details index holds them. */
export interface DetailDocument {
  id: number;
  details: string;
}

export interface Entries {
  entries: Entry[];
  documents: IndexDocument[];
  /** Empty when the details index is off: normalising the details is most of its cost. */
  detailDocuments: DetailDocument[];
}

/** The entries of the records, one per distinct name, in catalogue order, and their documents. */
export function buildEntries(
  records: readonly SearchableProcedure[],
  parameters: Pick<RankingParameters, "useDocuments" | "details">,
): Entries {
  const byKey = new Map<string, { first: SearchableProcedure; codes: string[]; commune: boolean }>();
  for (const record of records) {
    const key = foldText(record.name);
    const cluster = byKey.get(key);
    if (cluster) {
      cluster.codes.push(record.code);
      cluster.commune ||= record.commune_service !== false;
    } else {
      byKey.set(key, { first: record, codes: [record.code], commune: record.commune_service !== false });
    }
  }

  const built: Entries = { entries: [], documents: [], detailDocuments: [] };
  for (const { first, codes, commune } of byKey.values()) {
    const id = built.entries.length;
    const cleaned = cleanName(first.name);
    const name = normalizeText(cleaned);
    const aliases = normalizeText(aliasText(first));
    const nameTokens = tokensOf(name);
    built.entries.push({
      id,
      code: codes[0]!,
      name: first.name.replace(/\s+/g, " ").trim(),
      alternatives: codes.slice(1),
      communeService: commune,
      field: first.field ?? null,
      nameWords: new Set(salient(nameTokens)),
      nameBigrams: new Set(bigramsOf(nameTokens)),
      // A bracketed part explains or lists cases; what the procedure is comes outside it.
      nameSequence: [...new Set(salient(tokensOf(normalizeText(cleaned.replace(/\([^)]*\)/g, " ")))))],
      aliasWords: new Set(tokensOf(aliases)),
      ageRange: ageRangeOf(name),
      common: COMMON_NAMES.some((prefix) => name === prefix || name.startsWith(`${prefix} `)),
    });
    if (parameters.details.weight > 0)
      built.detailDocuments.push({ id, details: normalizeText(detailText(first)) });
    built.documents.push({
      id,
      name,
      aliases,
      field: normalizeText(first.field ?? ""),
      documents: parameters.useDocuments
        ? normalizeText((first.documents ?? []).map((d) => d.name).join(" . "))
        : "",
    });
  }
  return built;
}

/**
 * Function words of names, folded, chosen so that none collides with a content syllable
 * ("về" is left out: it folds like "vệ" of "bảo vệ"; "đối" like "đổi").
 */
const NAME_FUNCTION_WORDS = new Set(
  "cua cho va cac voi trong theo nhung duoc la thuoc viec nay co khi hoac sau".split(" "),
);

/** Words of a name that say what the procedure is (for the coverage features). */
export function salient(tokens: string[]): string[] {
  return tokens.filter((t) => !NAME_FUNCTION_WORDS.has(t) && !GENERIC_WORDS.has(t) && !/^\d+$/.test(t));
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

/** The portal's result codes ("Mã: KQ.G15.000031") are no words a citizen types. */
function withoutResultCodes(result: string | null | undefined): string {
  return (result ?? "").replace(/Mã:\s*[A-Z0-9.]+/g, " ");
}

/** What the citizen receives. */
function aliasText(record: SearchableProcedure): string {
  return withoutResultCodes(record.result).slice(0, 300);
}

/** The details a citizen's question may be about: documents, conditions, steps, result ... */
function detailText(record: SearchableProcedure): string {
  return [
    (record.documents ?? []).map((d) => d.name).join(" . "),
    record.requirements ?? "",
    (record.steps ?? []).join(" . "),
    withoutResultCodes(record.result),
    record.applicant ?? "",
    // Titles of the legal basis, without the numbers glued to them ("…Việt NamLuật 47/2014/QH13").
    (record.legal_basis ?? "").replace(/[0-9][0-9/.-]*[A-ZĐa-z0-9-]*/g, " . "),
  ].join(" . ");
}
