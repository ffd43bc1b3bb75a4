import { z } from "zod";
import { loadAsset } from "../../assets.js";
import { foldVietnamese as fold } from "../../domain/text/vietnamese.js";

const vocabulary = loadAsset(
  "bot/typed-answers.json",
  z.object({
    yes: z.array(z.string().min(1)).min(1),
    no: z.array(z.string().min(1)).min(1),
    politeness: z.array(z.string().min(1)),
  }),
);

/** Common short forms of "không" and "ok" typed on a phone. */
const SHORT: Record<string, string> = { ko: "khong", k: "khong", kg: "khong", hok: "khong", oki: "ok" };

const words = (list: string[]) => new Set(list.map((w) => normalize(w)));
const YES = words(vocabulary.yes);
const NO = words(vocabulary.no);
const POLITENESS = words(vocabulary.politeness);

function normalize(text: string): string {
  return fold(text)
    .replace(/[^a-z0-9 ]+/g, " ")
    .split(" ")
    .filter(Boolean)
    .map((w) => SHORT[w] ?? w)
    .join(" ");
}

/** "yes" or "no" when the whole message is one of those answers ("ok em", "hủy nhé"); else null. */
export function typedAnswerOf(text: string): "yes" | "no" | null {
  const tokens = normalize(text).split(" ").filter(Boolean);
  while (tokens.length > 1 && POLITENESS.has(tokens[tokens.length - 1]!)) tokens.pop();
  while (tokens.length > 1 && POLITENESS.has(tokens[0]!)) tokens.shift();
  const core = tokens.join(" ");
  if (YES.has(core)) return "yes";
  if (NO.has(core)) return "no";
  return null;
}
