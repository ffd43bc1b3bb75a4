/**
 * Everyday words → the catalogue's words. Citizens say "lấy vợ", "sao y", "nhập hộ khẩu";
 * the catalogue says "đăng ký kết hôn", "chứng thực bản sao từ bản chính", "đăng ký thường
 * trú". A match adds the catalogue's words to the query (the citizen's words stay), so the
 * ranking model still decides between "đăng ký kết hôn" and its variants.
 *
 * The tables are data a domain expert extends: `assets/qa/synonyms.json` (synonyms and the
 * commonly requested procedures) and `assets/qa/referrals.json` (what citizens ask the
 * commune for that the catalogue does not hold: divorce is the court's, passports the
 * provincial police's …; those words count as no evidence for any procedure, and the bot
 * says where to go). Both are checked against their schemas when this module is loaded.
 *
 * Phrases are written with tone marks for the reader and normalised like the query. A tiny
 * pattern syntax keeps the tables readable:
 *   "a/b"      one word of several ("bố/mẹ mất")
 *   "[a/b]"    an optional word ("[giấy] khai sinh")
 *   "…"        up to three words of anything in between ("sinh … con"); "……" up to six
 *   "!a/b"     as the last word: the next word must not be one of these ("nhận con !nuôi")
 *   "{NAME}"   a macro of `synonyms.json` ("{DOCUMENT_LOSS} [giấy] khai sinh")
 */
import { z } from "zod";
import { AssetError, loadAsset } from "../../../assets.js";
import { normalizeText } from "./normalize.js";

export interface Synonym {
  /** What citizens say (patterns, see above). */
  say: readonly string[];
  /** What the catalogue calls it. */
  means: string;
  /**
   * A qualifier of some procedure ("có yếu tố nước ngoài", "lại", "lưu động") rather than
   * a procedure: on its own it is not enough to name one.
   */
  modifier?: boolean;
  /** The synonym does not apply when one of these is in the message too. */
  unless?: readonly string[];
}

export interface NotInCatalogue {
  say: readonly string[];
  /** The topic is in the catalogue after all when one of these is in the message too. */
  unless?: readonly string[];
  topic: string;
  /** Who handles it, when known. */
  referral: string | null;
  kind: ReferralKind;
  /** Decline even when the rest of the message clearly fits a procedure. */
  strict: boolean;
}

/**
 * What the bot does with a topic the catalogue does not hold: `referral`, one line naming
 * the agency; `office`, the commune's own hours, phone and address; `commune_desk`, the
 * commune handles it but the catalogue has no record: name the desk and offer "Hỏi cán bộ";
 * `dispute`, a personal dispute: reception hours and "Hỏi cán bộ".
 */
export const REFERRAL_KINDS = ["referral", "office", "commune_desk", "dispute"] as const;
export type ReferralKind = (typeof REFERRAL_KINDS)[number];

const phrases = z.array(z.string().min(1)).min(1);

const synonymsFile = z.object({
  macros: z.record(z.string().regex(/^[A-Z_]+$/), z.string().min(1)),
  synonyms: z.array(
    z.strictObject({
      say: phrases,
      means: z.string().min(1),
      modifier: z.boolean().optional(),
      unless: phrases.optional(),
      note: z.string().optional(),
    }),
  ),
  commonProcedures: z.array(z.string().min(1)),
});

const referralsFile = z.object({
  topics: z.array(
    z
      .strictObject({
        topic: z.string().min(1),
        kind: z.enum(REFERRAL_KINDS),
        say: phrases,
        unless: phrases.optional(),
        agency: z.string().min(1).optional(),
        /** The topic's words outweigh a procedure the rest of the message fits ("công ty TNHH … đăng ký kinh doanh"). */
        strict: z.boolean().optional(),
        note: z.string().optional(),
      })
      .refine((t) => t.kind !== "referral" || t.agency !== undefined, {
        message: "a topic of kind referral names its agency",
      }),
  ),
  receivers: z.array(
    z.strictObject({
      where: z.string().min(1),
      body: z.string().min(1),
      communeAddress: z.boolean(),
    }),
  ),
  agencies: z.array(
    z
      .strictObject({
        agency: z.string().min(1),
        field: z.string().min(1).optional(),
        where: z.string().min(1).optional(),
      })
      .refine((a) => a.field !== undefined || a.where !== undefined, {
        message: "a rule needs field or where",
      }),
  ),
  agencyByField: z.record(z.string(), z.string().min(1)),
});

const SYNONYMS_FILE = loadAsset("qa/synonyms.json", synonymsFile);
const REFERRALS_FILE = loadAsset("qa/referrals.json", referralsFile);

/** "{DOCUMENT_LOSS} [giấy] khai sinh" → the macro spelled out; an unknown macro stops start-up. */
function expandMacros(phrase: string): string {
  return phrase.replace(/\{([A-Z_]+)\}/g, (_, name: string) => {
    const value = SYNONYMS_FILE.macros[name];
    if (value === undefined)
      throw new AssetError(`assets/qa/synonyms.json: unknown macro {${name}} in "${phrase}"`);
    return value;
  });
}

const expandAll = (list: readonly string[] | undefined) => list?.map(expandMacros);

export const SYNONYMS: readonly Synonym[] = SYNONYMS_FILE.synonyms.map((s) => ({
  say: expandAll(s.say)!,
  means: s.means,
  ...(s.modifier ? { modifier: true } : {}),
  ...(s.unless ? { unless: expandAll(s.unless)! } : {}),
}));

/**
 * The procedures a commune handles most (hộ tịch, chứng thực, cư trú, căn cước, household
 * business): when a message fits several procedures equally, these are the likelier ones.
 * Matched as the start of the name, without "Thủ tục".
 */
export const COMMON_PROCEDURES: readonly string[] = SYNONYMS_FILE.commonProcedures;

export const NOT_IN_CATALOGUE: readonly NotInCatalogue[] = REFERRALS_FILE.topics.map((t) => ({
  say: expandAll(t.say)!,
  ...(t.unless ? { unless: expandAll(t.unless)! } : {}),
  topic: t.topic,
  referral: t.agency ?? null,
  kind: t.kind,
  strict: t.strict === true,
}));

/**
 * Who handles a branch-agency procedure (see ../agency.ts): `field` a regular expression
 * over the catalogue's field, `where` one over its `where` (case-insensitive); then a
 * fallback by field.
 */
export const AGENCY_RULES: ReadonlyArray<{ agency: string; field?: RegExp; where?: RegExp }> =
  REFERRALS_FILE.agencies.map((a) => ({
    agency: a.agency,
    ...(a.field ? { field: new RegExp(a.field, "u") } : {}),
    ...(a.where ? { where: new RegExp(a.where, "iu") } : {}),
  }));
export const AGENCY_BY_FIELD: ReadonlyMap<string, string> = new Map(
  Object.entries(REFERRALS_FILE.agencyByField),
);

/** Who receives a procedure, by the first body its `where` names ("Công an cấp xã"). */
export const RECEIVERS: ReadonlyArray<{ where: RegExp; body: string; communeAddress: boolean }> =
  REFERRALS_FILE.receivers.map((r) => ({
    where: compilePhrase(r.where),
    body: r.body,
    communeAddress: r.communeAddress,
  }));

// ---------------------------------------------------------------------------
// Compilation and matching

interface Slot {
  kind: "word" | "optional" | "gap" | "not";
  alternatives: string[];
}

/** "lấy (vợ/chồng) [người] !nuôi" → slots. */
function slotsOf(phrase: string): Slot[] {
  const slots: Slot[] = [];
  let i = 0;
  while (i < phrase.length) {
    if (phrase[i] === " ") {
      i++;
      continue;
    }
    const negative = phrase[i] === "!";
    if (negative) i++;
    let body: string;
    let optional = false;
    const open = phrase[i];
    if (open === "(" || open === "[") {
      const end = phrase.indexOf(open === "(" ? ")" : "]", i);
      if (end < 0) throw new Error(`unclosed ${open} in "${phrase}"`);
      optional = open === "[";
      body = phrase.slice(i + 1, end);
      i = end + 1;
    } else {
      const end = phrase.indexOf(" ", i);
      const stop = end < 0 ? phrase.length : end;
      body = phrase.slice(i, stop);
      i = stop;
    }
    const alternatives = body
      .split("/")
      // Normalised exactly like a message, so that both sides meet.
      .map((alt) => normalizeText(alt.trim()))
      .filter(Boolean);
    const gap = body === "…" || body === "……";
    const kind = gap ? "gap" : negative ? "not" : optional ? "optional" : "word";
    slots.push({ kind, alternatives: gap ? [body === "……" ? "long" : "short"] : alternatives });
  }
  return slots;
}

/**
 * One phrase of the table → a RegExp over normalised text padded with a space on both
 * sides (every slot consumes the space before it, so word boundaries are exact).
 */
export function compilePhrase(phrase: string): RegExp {
  return regExpOf(slotsOf(phrase));
}

function regExpOf(slots: readonly Slot[]): RegExp {
  let source = "";
  for (const slot of slots) {
    const alts = slot.alternatives.join("|");
    if (slot.kind === "gap")
      source += slot.alternatives[0] === "long" ? "(?: [a-z0-9]+){0,6}" : "(?: [a-z0-9]+){0,3}";
    else if (slot.kind === "not") source += `(?! (?:${alts}) )`;
    else if (slot.kind === "optional") source += `(?: (?:${alts}))?`;
    else source += ` (?:${alts})`;
  }
  return new RegExp(`${source}(?= )`, "g");
}

export interface SynonymMatch {
  /** The catalogue's words, normalised. */
  means: string;
  /** A qualifier, not a procedure (see `Synonym.modifier`). */
  modifier: boolean;
  /** The span of the message (normalised text) that matched. */
  start: number;
  end: number;
}

export interface NotInCatalogueMatch {
  topic: string;
  referral: string | null;
  kind: ReferralKind;
  strict: boolean;
  start: number;
  end: number;
}

/**
 * A phrase of the tables, compiled, with the words it cannot match without: for each of
 * its plain word slots, the words of each alternative. Most phrases lack one of them in
 * a given message and are passed over without running their expression.
 */
interface Matcher {
  pattern: RegExp;
  required: string[][][];
}

function compileMatcher(phrase: string): Matcher {
  const slots = slotsOf(phrase);
  return {
    pattern: regExpOf(slots),
    // A word slot matches " alternative" between spaces, so each word of the alternative
    // is a whole word of the message (when the alternative is plain words, not a pattern).
    required: slots
      .filter(
        (slot) =>
          slot.kind === "word" &&
          slot.alternatives.length > 0 &&
          slot.alternatives.every((alt) => /^[a-z0-9 ]+$/.test(alt)),
      )
      .map((slot) => slot.alternatives.map((alt) => alt.split(" "))),
  };
}

/** The words of a (normalised) message, and the message padded as the expressions expect. */
interface Subject {
  padded: string;
  words: ReadonlySet<string>;
}

function subjectOf(text: string): Subject {
  const padded = ` ${text} `;
  return { padded, words: new Set(padded.split(" ")) };
}

function mayMatch(matcher: Matcher, subject: Subject): boolean {
  return matcher.required.every((alternatives) =>
    alternatives.some((words) => words.every((w) => subject.words.has(w))),
  );
}

interface CompiledSynonym {
  patterns: Matcher[];
  unless: Matcher[];
  means: string;
  modifier: boolean;
}

interface CompiledExclusion {
  patterns: Matcher[];
  unless: Matcher[];
  topic: string;
  referral: string | null;
  kind: ReferralKind;
  strict: boolean;
}

let compiled: { synonyms: CompiledSynonym[]; exclusions: CompiledExclusion[] } | undefined;

function tables() {
  compiled ??= {
    synonyms: SYNONYMS.map((s) => ({
      patterns: s.say.map(compileMatcher),
      unless: (s.unless ?? []).map(compileMatcher),
      means: normalizeText(s.means),
      modifier: s.modifier === true,
    })),
    exclusions: NOT_IN_CATALOGUE.map((n) => ({
      patterns: n.say.map(compileMatcher),
      unless: (n.unless ?? []).map(compileMatcher),
      topic: n.topic,
      referral: n.referral,
      kind: n.kind,
      strict: n.strict,
    })),
  };
  return compiled;
}

function matchesOf(matcher: Matcher, subject: Subject): Array<{ start: number; end: number }> {
  const found: Array<{ start: number; end: number }> = [];
  if (!mayMatch(matcher, subject)) return found;
  for (const m of subject.padded.matchAll(matcher.pattern)) {
    if (m[0].trim() === "") continue;
    // The padded text is one character longer on the left, and the match starts with a space.
    found.push({ start: m.index, end: m.index + m[0].length - 1 });
  }
  return found;
}

/** Every synonym that occurs in the (normalised) message, one match per synonym, in table order. */
export function findSynonyms(normalized: string): SynonymMatch[] {
  const matches: SynonymMatch[] = [];
  const subject = subjectOf(normalized);
  for (const synonym of tables().synonyms) {
    if (synonym.unless.some((p) => matchesOf(p, subject).length > 0)) continue;
    let best: { start: number; end: number } | undefined;
    for (const pattern of synonym.patterns) {
      for (const m of matchesOf(pattern, subject)) {
        if (!best || m.end - m.start > best.end - best.start) best = m;
      }
    }
    if (best) matches.push({ means: synonym.means, modifier: synonym.modifier, ...best });
  }
  return matches;
}

/** Topics the catalogue does not hold that the (normalised) message asks about. */
export function findNotInCatalogue(normalized: string): NotInCatalogueMatch[] {
  const matches: NotInCatalogueMatch[] = [];
  const subject = subjectOf(normalized);
  for (const exclusion of tables().exclusions) {
    if (exclusion.unless.some((p) => matchesOf(p, subject).length > 0)) continue;
    for (const pattern of exclusion.patterns) {
      for (const m of matchesOf(pattern, subject)) {
        matches.push({
          topic: exclusion.topic,
          referral: exclusion.referral,
          kind: exclusion.kind,
          strict: exclusion.strict,
          ...m,
        });
      }
    }
  }
  return matches;
}

/** The message with the catalogue's words of every synonym appended (for display and tests). */
export function expandSynonyms(normalized: string): string {
  const extra = findSynonyms(normalized).map((m) => m.means);
  return [normalized, ...extra].join(" ").trim();
}
