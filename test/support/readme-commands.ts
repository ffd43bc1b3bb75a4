import { readFileSync } from "node:fs";

/** One `npm run cli -- …` line of a README section, as a shell would split it. */
export interface ReadmeCliCommand {
  /** The line as written (continuations joined, comment dropped). */
  line: string;
  /** Variables set in front of the command: `ZALO_REFRESH_TOKEN=<refresh token> npm run cli -- …`. */
  env: Record<string, string>;
  /** What follows `npm run cli --`. */
  args: string[];
}

/** The shell blocks of one README section, split into its cli commands and everything else. */
export interface ReadmeSection {
  commands: ReadmeCliCommand[];
  /** Names the section exports (`export A=… B=…`). */
  exported: string[];
  /** Other lines (npm ci, npm run build …), as written. */
  other: string[];
}

/**
 * Reads the ```sh blocks of the README section titled `heading` (a "## " heading), so a test
 * runs the very commands the README tells an operator to type.
 */
export function readmeSection(heading: string, readmePath = "README.md"): ReadmeSection {
  const text = readFileSync(readmePath, "utf8");
  const start = text.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README has no section "## ${heading}"`);
  const end = text.indexOf("\n## ", start + 1);
  const section = text.slice(start, end < 0 ? undefined : end);
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const result: ReadmeSection = { commands: [], exported: [], other: [] };
  for (const block of blocks) {
    for (const raw of block.replace(/\\\n\s*/g, "").split("\n")) {
      const line = stripComment(raw).trim();
      if (line === "") continue;
      const words = shellWords(line);
      if (words[0] === "export") {
        result.exported.push(...words.slice(1).map((w) => w.split("=")[0]!));
        continue;
      }
      const env: Record<string, string> = {};
      while (words.length > 0 && /^[A-Z_][A-Z0-9_]*=/.test(words[0]!)) {
        const [name, ...value] = words.shift()!.split("=");
        env[name!] = value.join("=");
      }
      if (words.slice(0, 4).join(" ") === "npm run cli --" && !words.includes("&&")) {
        result.commands.push({ line, env, args: words.slice(4) });
      } else {
        result.other.push(line);
      }
    }
  }
  return result;
}

/** Drops a `#` comment outside quotes. */
function stripComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#" && (i === 0 || /\s/.test(line[i - 1]!))) return line.slice(0, i);
  }
  return line;
}

/**
 * Splits a line into words the way sh does for plain and quoted words (no expansions); a
 * placeholder such as `<group id>` or `A=<refresh token>` is one word, as a reader takes it.
 */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  /** The character that closes what is open: a quote, or ">" of a placeholder. */
  let closer: string | null = null;
  for (const c of line) {
    if (closer) {
      if (c === closer) {
        if (closer === ">") word += c;
        closer = null;
      } else word += c;
    } else if (c === '"' || c === "'") {
      closer = c;
      word ??= "";
    } else if (c === "<") {
      closer = ">";
      word = (word ?? "") + c;
    } else if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else word = (word ?? "") + c;
  }
  if (closer) throw new Error(`unclosed ${closer} in: ${line}`);
  if (word !== null) words.push(word);
  return words;
}
