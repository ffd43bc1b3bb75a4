import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  evaluate,
  formatReport,
  formatSetLine,
  parseQuestions,
  runEvaluation,
} from "../../../../bench/eval-qa.js";
import { CATALOGUE, realIndex } from "./catalogue.js";

const FIXTURE = fileURLToPath(new URL("fixtures/questions-tiny.jsonl", import.meta.url));

describe("parseQuestions", () => {
  it("reads question or message, null codes and alt_codes, and skips ambiguous rows", () => {
    const rows = parseQuestions(
      [
        '{"question": "a", "procedure_code": "1.1"}',
        "",
        '{"message": "b", "procedure_code": null, "alt_codes": ["2.2"], "category": "x"}',
        '{"message": "c", "procedure_code": "3.3", "ambiguous_text": true}',
      ].join("\n"),
    );
    expect(rows).toEqual([
      { line: 1, text: "a", expected: "1.1", alternatives: [], category: null },
      { line: 3, text: "b", expected: null, alternatives: ["2.2"], category: "x" },
    ]);
  });

  it("rejects a row without text", () => {
    expect(() => parseQuestions('{"procedure_code": "1.1"}')).toThrow(/line 1/);
  });
});

describe("the evaluation", () => {
  it("ends its report with one JSON line holding the summary", async () => {
    const report = await runEvaluation(FIXTURE, CATALOGUE);
    const lines = formatReport(report);
    const summary = JSON.parse(lines.at(-1)!) as Record<string, unknown>;
    expect(Object.keys(summary)).toEqual([
      "n",
      "top1",
      "top3",
      "mrr",
      "clarified",
      "resolved",
      "declined_correctly",
      "declined_wrongly",
      "p50_ms",
      "p95_ms",
      "baselines",
    ]);
    expect(summary.n).toBe(6);
    for (const key of [
      "top1",
      "top3",
      "mrr",
      "clarified",
      "resolved",
      "declined_correctly",
      "declined_wrongly",
    ]) {
      expect(summary[key]).toBeGreaterThanOrEqual(0);
      expect(summary[key]).toBeLessThanOrEqual(1);
    }
    expect(summary.p95_ms).toBeGreaterThanOrEqual(summary.p50_ms as number);
    const baselines = summary.baselines as Record<string, Record<string, unknown>>;
    expect(Object.keys(baselines)).toEqual(["minisearch_default", "substring"]);
    for (const baseline of Object.values(baselines)) expect(Object.keys(baseline)).toEqual(["top1", "top3"]);
  });

  it("scores duplicate clusters and alternative codes as right, and counts declines", async () => {
    const report = await runEvaluation(FIXTURE, CATALOGUE);
    // Four rows with a code: khai sinh, sao y, the duplicate cluster (3.000224 is one of the
    // ten identical records), and a row whose alt code is the answer.
    expect(report.summary.top1).toBe(1);
    expect(report.summary.declined_correctly).toBe(1);
    expect(report.summary.declined_wrongly).toBe(0);
    expect(report.misses).toEqual([]);
    expect(report.categories.find((c) => c.category === "từ chối")).toMatchObject({ n: 1, declined: 1 });
  });

  it("counts a right sibling among a clarifying answer's buttons as clarified, and as resolved", async () => {
    const { records, index } = await realIndex();
    const rows = parseQuestions(
      [
        // The default variant is answered; the foreign one is a button of the same message.
        '{"message": "làm giấy khai sinh cho con cần gì", "procedure_code": "2.000528"}',
        '{"message": "làm giấy khai sinh cho con cần gì", "procedure_code": "1.001193"}',
        '{"message": "xin giấy xác nhận độc thân", "procedure_code": "1.001193"}',
        '{"message": "làm hộ chiếu", "procedure_code": null}',
      ].join("\n"),
    );
    const { summary } = evaluate(rows, { records, index, baselines: false });
    expect(summary.top1).toBe(0.3333);
    expect(summary.clarified).toBe(0.3333);
    expect(summary.resolved).toBe(0.6667);
    const line = formatSetLine("heldout-x", summary, { top1: 0.88, resolved: 0.95 });
    expect(line).toContain("resolved 0.667");
    expect(line).toContain("top1 < 0.88");
  });

  it("counts the second or third choice of a question as clarified, not a fourth", async () => {
    const { records, index } = await realIndex();
    const outcome = index.search("thủ tục đất đai", { limit: 10 });
    expect(outcome.decision).toBe("choose");
    const row = (code: string) => JSON.stringify({ message: "thủ tục đất đai", procedure_code: code });
    const rows = parseQuestions([row(outcome.results[2]!.code), row(outcome.results[3]!.code)].join("\n"));
    const { summary } = evaluate(rows, { records, index, baselines: false });
    expect(summary.top1).toBe(0);
    expect(summary.clarified).toBe(0.5);
  });
});
