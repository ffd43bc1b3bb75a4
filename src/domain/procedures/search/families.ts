/**
 * Families of procedures and the qualifiers that tell their variants apart, read from
 * `assets/qa/families.json` (checked when this module is loaded).
 *
 * "Đăng ký khai sinh" has a dozen variants: with a foreign element, registered again,
 * mobile ("lưu động"), combined with a paternity recognition … A message that names the
 * family but no qualifier ("làm giấy khai sinh cho con") is about the common case: the
 * family's default variant is answered and the others are offered as buttons in the same
 * message. A family without a sensible default (the ID card: first card, exchange or
 * re-issue?) gets one short question with at most three buttons. A message that carries a
 * qualifier ("khai sinh cho con, chồng em người Hàn") gets the variant with the most of
 * the qualifiers it names.
 *
 * A qualifier is found in the message by its own phrases (`say`, the synonyms' pattern
 * syntax) or by a synonym whose catalogue words it lists (`means`), so that the everyday
 * words of `synonyms.json` ("việt kiều", "chồng người Hàn") count too.
 */
import { z } from "zod";
import { AssetError, loadAsset } from "../../../assets.js";
import type { SearchOutcome } from "./decision.js";
import { normalizeText } from "./normalize.js";
import type { SearchHit } from "./ranking.js";
import { compilePhrase, type SynonymMatch } from "./synonyms.js";

/** At most this many sibling buttons (Zalo shows five; two are for feedback). */
export const MAX_CLARIFY_OPTIONS = 3;

const label = z.string().min(1).max(20);

const familiesFile = z.object({
  qualifiers: z.record(
    z.string().regex(/^[a-zA-Z0-9]+$/),
    z.strictObject({
      /** Completes "Nếu …": "có yếu tố nước ngoài". */
      when: z.string().min(1),
      say: z.array(z.string().min(1)).optional(),
      means: z.array(z.string().min(1)).optional(),
    }),
  ),
  families: z.array(
    z.strictObject({
      id: z.string().regex(/^[a-z0-9-]+$/),
      name: z.string().min(1),
      /** The variant a message without qualifier is about; null: ask `question` instead. */
      default: z.string().nullable(),
      question: z
        .strictObject({
          text: z.string().min(1),
          options: z.array(z.string()).min(2).max(MAX_CLARIFY_OPTIONS),
        })
        .optional(),
      variants: z
        .array(z.strictObject({ code: z.string().min(1), label, qualifiers: z.array(z.string()) }))
        .min(2),
    }),
  ),
});

export type FamiliesFile = z.infer<typeof familiesFile>;

export interface Variant {
  code: string;
  /** The button title: keeps the words that set it apart ("Cấp lại thẻ (mất)"). */
  label: string;
  qualifiers: readonly string[];
  /** "có yếu tố nước ngoài, đăng ký lại …": when a citizen should pick it. */
  when: string;
}

export interface Family {
  id: string;
  name: string;
  default: string | null;
  question: { text: string; options: readonly string[] } | null;
  variants: readonly Variant[];
}

interface CompiledQualifier {
  say: RegExp[];
  means: Set<string>;
}

export class Families {
  private readonly byCode = new Map<string, Family>();

  private constructor(
    readonly families: readonly Family[],
    private readonly qualifiers: ReadonlyMap<string, CompiledQualifier>,
  ) {
    for (const family of families) for (const v of family.variants) this.byCode.set(v.code, family);
  }

  /** Checks what a schema cannot: codes once, defaults and options among the variants, known qualifiers. */
  static fromFile(file: FamiliesFile, source = "assets/qa/families.json"): Families {
    const fail = (message: string): never => {
      throw new AssetError(`${source}: ${message}`);
    };
    const seen = new Set<string>();
    const families: Family[] = file.families.map((f) => {
      const codes = new Set(f.variants.map((v) => v.code));
      if (f.default !== null && !codes.has(f.default)) fail(`${f.id}: default ${f.default} is not a variant`);
      if (f.default === null && !f.question) fail(`${f.id}: no default and no question`);
      for (const option of f.question?.options ?? [])
        if (!codes.has(option)) fail(`${f.id}: question option ${option} is not a variant`);
      const variants = f.variants.map((v) => {
        if (seen.has(v.code)) fail(`${f.id}: ${v.code} is in two families`);
        seen.add(v.code);
        for (const q of v.qualifiers) if (!file.qualifiers[q]) fail(`${f.id}: unknown qualifier ${q}`);
        const when = v.qualifiers.map((q) => file.qualifiers[q]!.when).join(", ");
        return { code: v.code, label: v.label, qualifiers: v.qualifiers, when };
      });
      return { id: f.id, name: f.name, default: f.default, question: f.question ?? null, variants };
    });
    const qualifiers = new Map(
      Object.entries(file.qualifiers).map(([id, q]) => [
        id,
        {
          say: (q.say ?? []).map(compilePhrase),
          means: new Set((q.means ?? []).map((m) => normalizeText(m))),
        },
      ]),
    );
    return new Families(families, qualifiers);
  }

  familyOf(code: string): Family | undefined {
    return this.byCode.get(code);
  }

  /** The qualifiers of `family`'s variants that the (normalised) message names. */
  qualifiersIn(family: Family, normalized: string, synonyms: readonly SynonymMatch[]): Set<string> {
    const padded = ` ${normalized} `;
    const found = new Set<string>();
    const means = new Set(synonyms.map((s) => s.means));
    for (const variant of family.variants) {
      for (const id of variant.qualifiers) {
        if (found.has(id)) continue;
        const q = this.qualifiers.get(id)!;
        if ([...q.means].some((m) => means.has(m)) || q.say.some((p) => new RegExp(p).test(padded)))
          found.add(id);
      }
    }
    return found;
  }
}

/** What the bot offers with (or instead of) an answer when a message fits a family. */
export interface Clarification {
  family: string;
  familyName: string;
  /**
   * `siblings`: results[0] is answered and `options` are offered as buttons in the same
   * message; `question`: nothing is answered, `question` is asked with `options` as buttons.
   */
  kind: "siblings" | "question";
  question?: string;
  options: ReadonlyArray<{ code: string; label: string; when: string }>;
}

/**
 * The outcome of a search, reconsidered with the families: the variant the message's
 * qualifiers call for (or the family's default when it names none) first, and the
 * siblings worth offering. Declines, and choices between procedures of different
 * families, are left as they are.
 */
export function clarifyFamily(
  outcome: SearchOutcome,
  normalized: string,
  synonyms: readonly SynonymMatch[],
  hitFor: (code: string, like: SearchHit) => SearchHit | undefined,
  table: Families = families(),
): SearchOutcome {
  const top = outcome.results[0];
  if (outcome.decision === "decline" || !top) return outcome;
  const family = table.familyOf(top.code);
  if (!family) return outcome;
  const second = outcome.results[1];
  if (outcome.decision === "choose" && !(second && table.familyOf(second.code) === family)) return outcome;

  const found = table.qualifiersIn(family, normalized, synonyms);
  const rank = (code: string) => {
    const at = outcome.results.findIndex((r) => r.code === code || r.alternatives.includes(code));
    return at < 0 ? Number.MAX_SAFE_INTEGER : at;
  };
  const order = (a: Variant, b: Variant) =>
    rank(a.code) - rank(b.code) || family.variants.indexOf(a) - family.variants.indexOf(b);
  const eligible = family.variants.filter((v) => v.qualifiers.every((q) => found.has(q)));
  const most = Math.max(0, ...eligible.map((v) => v.qualifiers.length));
  const topVariant = family.variants.find((v) => v.code === top.code);
  const variantOf = (code: string) => family.variants.find((v) => v.code === code)!;

  let chosen: Variant | undefined;
  let options: Variant[];
  let kind: Clarification["kind"] = "siblings";
  const refinementsOf = (base: Variant) =>
    family.variants
      .filter((v) => v !== base && base.qualifiers.every((q) => v.qualifiers.includes(q)))
      .sort((a, b) => a.qualifiers.length - b.qualifiers.length || order(a, b));
  if (
    outcome.decision === "answer" &&
    topVariant &&
    topVariant.code !== family.default &&
    most <= topVariant.qualifiers.length
  ) {
    // A clear winner other than the default, and no variant the message qualifies more:
    // the ranking read words the qualifiers' phrases may not list ("sửa lỗi sai sót"). It
    // stands; its refinements, else the default and the others, are offered.
    chosen = topVariant;
    const refinements = refinementsOf(chosen);
    options =
      refinements.length > 0
        ? refinements
        : family.variants
            .filter((v) => v !== chosen)
            .sort(
              (a, b) => Number(b.code === family.default) - Number(a.code === family.default) || order(a, b),
            );
  } else if (most > 0) {
    // The message names qualifiers: the variant with the most of them; its refinements
    // (the translator who is not a collaborator) are offered.
    chosen = eligible.filter((v) => v.qualifiers.length === most).sort(order)[0]!;
    options = refinementsOf(chosen);
  } else if (family.default !== null) {
    chosen = family.variants.find((v) => v.code === family.default)!;
    // In the file's order: the reviewer lists the variants by how often citizens need them.
    options = family.variants.filter((v) => v !== chosen);
  } else if (outcome.decision === "answer" && topVariant) {
    chosen = topVariant;
    options = family.question!.options.filter((c) => c !== chosen!.code).map(variantOf);
  } else {
    kind = "question";
    options = family.question!.options.map(variantOf);
  }

  const first = chosen ?? options[0]!;
  const firstHit =
    outcome.results.find((r) => r.code === first.code || r.alternatives.includes(first.code)) ??
    hitFor(first.code, top);
  if (!firstHit) return outcome;
  const shown = options.slice(0, MAX_CLARIFY_OPTIONS);
  return {
    ...outcome,
    decision: kind === "question" ? "choose" : "answer",
    // The variant put first may come from outside the ranking: the list keeps its length
    // (the caller's limit), dropping the last-ranked result.
    results: [firstHit, ...outcome.results.filter((r) => r !== firstHit)].slice(
      0,
      Math.max(outcome.results.length, 1),
    ),
    ...(shown.length > 0
      ? {
          clarification: {
            family: family.id,
            familyName: family.name,
            kind,
            ...(kind === "question" ? { question: family.question!.text } : {}),
            options: shown.map((v) => ({ code: v.code, label: v.label, when: v.when })),
          },
        }
      : {}),
  };
}

let loaded: Families | undefined;

/** The families of `assets/qa/families.json`. */
export function families(): Families {
  loaded ??= Families.fromFile(loadAsset("qa/families.json", familiesFile));
  return loaded;
}

// Loaded with the module, so that a bad file stops the service at start-up.
families();
