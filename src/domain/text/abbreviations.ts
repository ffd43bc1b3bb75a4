/**
 * The abbreviations and teencode people type ("ko", "nv", "gks"), read from one data file,
 * assets/text/abbreviations.json, that a domain expert can keep up to date (see the README
 * beside it). Officials and citizens share most short forms but not all: to an official "nv"
 * is "nhiệm vụ" and "tk" "thống kê"; to a citizen "c" is "chị". The file has a shared
 * section and one per audience, and each audience sees shared + its own.
 *
 * The file is read and checked when this module loads, so a bad edit stops the service at
 * start-up with a message that names the entry, instead of quietly matching less.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { projectRoot } from "../../paths.js";
import { foldVietnamese } from "./vietnamese.js";

export type Audience = "officials" | "citizens";

/** Lower-case letters as typed, no tone marks: folded messages are looked up token by token. */
const shortForm = z.string().regex(/^[a-z]+$/, "an abbreviation is written as typed: a to z, no tone marks");

/** Lower-case Vietnamese words with their tone marks, single spaces, NFC. */
const expansion = z
  .string()
  .regex(/^\p{Ll}+(?: \p{Ll}+)*$/u, "the words are lower-case letters separated by single spaces")
  .refine((words) => words === words.normalize("NFC"), "the words are not in Unicode NFC");

/** Groups (free names, for the reader) of abbreviation → words. */
const section = z.record(z.string(), z.record(shortForm, expansion));

export const abbreviationFileSchema = z
  .strictObject({ _comment: z.string().optional(), shared: section, officials: section, citizens: section })
  .superRefine((file, ctx) => {
    // Each audience must read one meaning per short form: no key twice in what it sees.
    const reported = new Set<string>();
    for (const audience of ["officials", "citizens"] as const) {
      const seen = new Map<string, string>();
      for (const name of ["shared", audience] as const) {
        for (const [group, entries] of Object.entries(file[name])) {
          for (const key of Object.keys(entries)) {
            const first = seen.get(key);
            const here = `${name} › ${group}`;
            if (first !== undefined && !reported.has(`${here} › ${key}`)) {
              reported.add(`${here} › ${key}`);
              ctx.addIssue({
                code: "custom",
                path: [name, group, key],
                message: `"${key}" is also in ${first}: give each short form one place`,
              });
            }
            seen.set(key, here);
          }
        }
      }
    }
  });

export type AbbreviationFile = z.infer<typeof abbreviationFileSchema>;

/** Each audience's short forms → their words, folded ("nv" → ["nhiem", "vu"]). */
export type AbbreviationTables = Record<Audience, ReadonlyMap<string, readonly string[]>>;

/** Parses and checks the file's text; throws one Error naming `source` and every problem. */
export function parseAbbreviations(json: string, source: string): AbbreviationTables {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new Error(`${source} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const parsed = abbreviationFileSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      // A bad key is reported as "Invalid key in record" with the key's own issues inside.
      const message =
        issue.code === "invalid_key" ? issue.issues.map((inner) => inner.message).join("; ") : issue.message;
      return `  ${issue.path.map(String).join(" › ") || "(file)"}: ${message}`;
    });
    throw new Error(`${source} has ${problems.length} problem(s):\n${problems.join("\n")}`);
  }
  const table = (audience: Audience): ReadonlyMap<string, readonly string[]> =>
    new Map(
      [parsed.data.shared, parsed.data[audience]].flatMap((groups) =>
        Object.values(groups).flatMap((entries) =>
          Object.entries(entries).map(([key, words]) => [key, foldVietnamese(words).split(" ")] as const),
        ),
      ),
    );
  return { officials: table("officials"), citizens: table("citizens") };
}

const ABBREVIATIONS_FILE = "assets/text/abbreviations.json";

function readAbbreviations(): AbbreviationTables {
  let json: string;
  try {
    json = readFileSync(join(projectRoot, ABBREVIATIONS_FILE), "utf8");
  } catch (error) {
    throw new Error(`${ABBREVIATIONS_FILE} cannot be read: ${(error as Error).message}`, { cause: error });
  }
  return parseAbbreviations(json, ABBREVIATIONS_FILE);
}

const TABLES = readAbbreviations();

/** The short forms `audience` uses, each with the words it stands for, folded. */
export function abbreviations(audience: Audience): ReadonlyMap<string, readonly string[]> {
  return TABLES[audience];
}
