import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  type CatalogueRow,
  readCatalogue,
  UnsupportedFormatError,
} from "../../../src/domain/procedures/catalogue-source.js";
import { CATALOGUE_PATH } from "./real-catalogue.js";

const dir = mkdtempSync(join(tmpdir(), "catalogue-source-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function readAll(path: string): Promise<CatalogueRow[]> {
  const rows: CatalogueRow[] = [];
  for await (const row of readCatalogue(path)) rows.push(row);
  return rows;
}

describe("readCatalogue", () => {
  it("reads JSONL with line numbers, skipping blank lines and a byte-order mark", async () => {
    const path = file("a.jsonl", '\uFEFF{"code":"1.000001"}\r\n\n{"code":"1.000002"}\n');
    expect(await readAll(path)).toEqual([
      { line: 1, raw: { code: "1.000001" } },
      { line: 3, raw: { code: "1.000002" } },
    ]);
  });

  it("turns a line that is not JSON into a bad row and reads on", async () => {
    const path = file("b.jsonl", '{"code":"1.000001"}\n{"code": "1.0000\n{"code":"1.000003"}\n');
    expect(await readAll(path)).toEqual([
      { line: 1, raw: { code: "1.000001" } },
      { line: 2, raw: undefined, error: "not valid JSON" },
      { line: 3, raw: { code: "1.000003" } },
    ]);
  });

  it("reads a JSON array, numbering records by position", async () => {
    const path = file("c.json", '[{"code":"1.000001"},\n{"code":"1.000002"}]');
    expect((await readAll(path)).map((row) => row.line)).toEqual([1, 2]);
  });

  it("refuses a JSON file that is not an array", async () => {
    await expect(readAll(file("d.json", '{"code":"1.000001"}'))).rejects.toThrow(/expected a JSON array/);
  });

  it("refuses other formats at once with 'unsupported format'", () => {
    expect(() => readCatalogue(join(dir, "catalogue.txt"))).toThrow(UnsupportedFormatError);
    expect(() => readCatalogue(join(dir, "catalogue.xls"))).toThrow(/^unsupported format ".xls"/);
  });

  it("reads the 673 lines of the real catalogue", async () => {
    const rows = await readAll(CATALOGUE_PATH);
    expect(rows).toHaveLength(673);
    expect(rows.filter((row) => row.error)).toEqual([]);
    expect(rows.at(-1)?.line).toBe(673);
  });
});
