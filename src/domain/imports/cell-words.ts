/**
 * The words a cell may hold for a coded value (a status, a channel, yes or no), kept in
 * assets/imports/values.json so a domain expert can add what their system prints. A cell
 * matches a word as a whole, folded (diacritics, case and punctuation ignored), so "Đã trả"
 * and "Trả lại hồ sơ" can never be taken for one another.
 */
import { z } from "zod";
import { AssetError, loadAsset } from "../../assets.js";
import { foldText } from "../text/vietnamese.js";

const words = z.array(z.string().min(1)).min(1);
const VALUES_FILE = "imports/values.json";

export const IMPORT_VALUES = loadAsset(
  VALUES_FILE,
  z
    .object({
      yesNo: z.object({ yes: words, no: words }),
      dossiers: z.object({
        status: z.object({
          received: words,
          processing: words,
          supplement: words,
          completed: words,
          returned: words,
          withdrawn: words,
          rejected: words,
        }),
        channel: z.object({ direct: words, online: words, postal: words }),
        onlineLevel: z.object({ full: words, partial: words }),
      }),
    })
    .loose(),
);

/** How a cell and a word are compared; a cell of symbols only ("✓", "-") is kept as it is. */
export function wordKey(text: string): string {
  return foldText(text) || text.trim();
}

/** A cell's meaning: one of the codes, or undefined when the cell is none of their words. */
export type WordReader<T extends string> = (cell: string) => T | undefined;

/**
 * Reads cells against `lists` (code → its words). Throws AssetError, naming the list, when a
 * word belongs to two codes: the file would otherwise decide by the order of its lists.
 */
export function wordReader<T extends string>(
  name: string,
  lists: Readonly<Record<T, string[]>>,
): WordReader<T> {
  const byKey = new Map<string, T>();
  for (const [code, list] of Object.entries(lists) as [T, string[]][]) {
    for (const word of list) {
      const key = wordKey(word);
      const other = byKey.get(key);
      if (other !== undefined && other !== code) {
        throw new AssetError(`assets/${VALUES_FILE}: ${name}: "${word}" is both ${other} and ${code}`);
      }
      byKey.set(key, code);
    }
  }
  return (cell) => byKey.get(wordKey(cell));
}

const yesNo = wordReader("yesNo", { yes: IMPORT_VALUES.yesNo.yes, no: IMPORT_VALUES.yesNo.no });

/** true for "có", "x", "1", "đã", "true" …; false for "không", "chưa", "0" …; undefined otherwise. */
export function parseYesNo(cell: string): boolean | undefined {
  const answer = yesNo(cell);
  return answer === undefined ? undefined : answer === "yes";
}
