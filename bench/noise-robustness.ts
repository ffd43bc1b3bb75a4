/**
 * Does dictionary-vi earn its place? Corrupts the realistic questions the way phones do —
 * Telex keystrokes left in when the Vietnamese keyboard is off ("ddawng kys"), two
 * syllables typed without a space ("khaisinh") — and compares top-1 with the dictionary
 * repair on and off. The clean sets score the same either way (see bench/ablate.ts).
 *
 *   npx tsx bench/noise-robustness.ts
 */
import { readFileSync } from "node:fs";
import { loadCatalogueRecords } from "../src/domain/procedures/search/load-catalogue.js";
import { ProcedureIndex } from "../src/domain/procedures/search/procedure-index.js";
import { DEFAULT_CATALOGUE, parseQuestions, type QaRow } from "./eval-qa.js";

const FILES = ["realistic", "realistic-holdout", "realistic-blind"].map(
  (name) => `test/domain/procedures/search/${name}.jsonl`,
);
const rows = FILES.flatMap((f) => parseQuestions(readFileSync(f, "utf8"))).filter((r) => r.expected !== null);

/** A small deterministic generator, so runs compare. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

const TONE_KEYS: Record<string, string> = {
  "\u0301": "s",
  "\u0300": "f",
  "\u0309": "r",
  "\u0303": "x",
  "\u0323": "j",
};

/** "đăng" → "ddawng": the keys typed in Telex, unconverted. */
function telex(word: string): string {
  let out = "";
  let tone = "";
  for (const ch of word.toLowerCase().normalize("NFD")) {
    if (TONE_KEYS[ch]) tone = TONE_KEYS[ch];
    else if (ch === "\u0302") out += out.at(-1) ?? "";
    else if (ch === "\u0306" || ch === "\u031b") out += "w";
    else out += ch === "đ" ? "dd" : ch;
  }
  return out + tone;
}

const CORRUPTIONS: Record<string, (text: string, rnd: () => number) => string> = {
  "Telex residue in half the words": (text, rnd) =>
    text
      .split(" ")
      .map((w) => (rnd() < 0.5 ? telex(w) : w))
      .join(" "),
  "two syllables glued": (text, rnd) => {
    const words = text.split(" ");
    if (words.length < 2) return text;
    const i = Math.floor(rnd() * (words.length - 1));
    words.splice(i, 2, `${words[i]}${words[i + 1]}`);
    return words.join(" ");
  },
};

const { records } = await loadCatalogueRecords(DEFAULT_CATALOGUE);
const right = (index: ProcedureIndex, row: QaRow, text: string) => {
  const outcome = index.search(text);
  const top = outcome.results[0];
  return (
    outcome.decision !== "decline" &&
    top !== undefined &&
    [row.expected!, ...row.alternatives].some((c) => c === top.code || top.alternatives.includes(c))
  );
};

for (const repairSpelling of [true, false]) {
  const index = ProcedureIndex.build(records, { repairSpelling });
  for (const [name, corrupt] of Object.entries(CORRUPTIONS)) {
    const rnd = random(7);
    const hits = rows.filter((row) => right(index, row, corrupt(row.text, rnd))).length;
    console.log(
      `repair ${repairSpelling ? "on " : "off"} | ${name.padEnd(32)} | top-1 ${(hits / rows.length).toFixed(3)} (${rows.length} questions)`,
    );
  }
}
