/**
 * Proposes procedure families from the catalogue's names, for a person to review before
 * anything goes into assets/qa/families.json:
 *
 *   npx tsx scripts/propose-families.ts [assets/tthc/procedures.jsonl]
 *
 * Each commune procedure's name is stripped of the phrases that mark a variant ("có yếu tố
 * nước ngoài", "lưu động", "đăng ký lại" …, see QUALIFIER_PHRASES); names left with the same
 * root form a proposed family, the variant with no qualifier phrase as its default. Codes
 * already in families.json are marked, so a new catalogue's additions stand out. The output
 * is JSON in the file's shape, without labels: writing the button labels and the
 * qualifiers' everyday phrases is the reviewer's part.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadCatalogueRecords } from "../src/domain/procedures/search/load-catalogue.js";
import { projectRoot } from "../src/paths.js";

/** A phrase as whole words (\b is ASCII-only, and "đăng" starts with a letter it does not know). */
const word = (phrase: string) => new RegExp(`(?<![\\p{L}])${phrase}(?![\\p{L}])`, "iu");

/** Catalogue phrases that mark a variant → the qualifier of families.json they stand for. */
const QUALIFIER_PHRASES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\s*có yếu tố nước ngoài/i, "foreign"],
  [/\s*tại khu vực biên giới/i, "border"],
  [/\s*lưu động/i, "mobile"],
  [/\s*kết hợp đăng ký nhận cha, mẹ, con/i, "paternity"],
  [/\s*cho người đã có hồ sơ, giấy tờ cá nhân/i, "hasPapers"],
  [word("đăng ký lại"), "again"],
  [word("cấp lại"), "reissue"],
  [word("cấp đổi"), "exchange"],
  [word("chấm dứt"), "end"],
  [word("gia hạn"), "extend"],
  [word("xóa đăng ký"), "remove"],
];

const path = process.argv[2] ?? join(projectRoot, "assets/tthc/procedures.jsonl");
const { records } = await loadCatalogueRecords(path);
const known = new Set<string>(
  (
    JSON.parse(readFileSync(join(projectRoot, "assets/qa/families.json"), "utf8")) as {
      families: Array<{ variants: Array<{ code: string }> }>;
    }
  ).families.flatMap((f) => f.variants.map((v) => v.code)),
);

const groups = new Map<string, Array<{ code: string; name: string; qualifiers: string[] }>>();
for (const record of records) {
  if (!record.commune_service) continue;
  let root = record.name.replace(/^Thủ tục\s+/i, "");
  const qualifiers: string[] = [];
  for (const [phrase, id] of QUALIFIER_PHRASES) {
    if (!phrase.test(root)) continue;
    qualifiers.push(id);
    root = root.replace(
      phrase,
      id === "again"
        ? "đăng ký"
        : id === "reissue" || id === "exchange"
          ? "cấp"
          : id === "end" || id === "remove" || id === "extend"
            ? ""
            : " ",
    );
  }
  const key = root.toLowerCase().replace(/\s+/g, " ").trim();
  groups.set(key, [...(groups.get(key) ?? []), { code: record.code, name: record.name, qualifiers }]);
}

const proposals = [...groups]
  .filter(([, variants]) => variants.length > 1)
  .map(([root, variants]) => ({
    root,
    default: variants.find((v) => v.qualifiers.length === 0)?.code ?? null,
    variants: variants.map((v) => ({ ...v, inFamiliesJson: known.has(v.code) })),
  }));
console.log(JSON.stringify(proposals, null, 2));
console.error(`${proposals.length} proposed families; ${known.size} codes already in families.json`);
