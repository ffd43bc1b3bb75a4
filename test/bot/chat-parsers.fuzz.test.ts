import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { INTENT_NAMES } from "../../src/bot/intents/intent.js";
import { parseOfficialIntent } from "../../src/bot/intents/parse-official-intent.js";
import {
  findDayRange,
  parseDeadlinePhrase,
  summariseDeadline,
} from "../../src/domain/calendar/date-phrases/index.js";
import type { ProcedureIndex } from "../../src/domain/procedures/search/procedure-index.js";
import { realIndex } from "../domain/procedures/search/catalogue.js";
import { vietnameseText } from "../support/vietnamese-arbitrary.js";

/**
 * Fuzzing the chat parsers with random Vietnamese-looking text (see vietnameseText):
 * whatever a person types, each parser answers with a well-formed result, quickly, and
 * never throws. Bounded: a few thousand messages in all, a few seconds.
 */
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const now = fc.date({ min: new Date("2020-01-01"), max: new Date("2040-01-01"), noInvalidDate: true });

describe("chat parsers under random Vietnamese-looking text", () => {
  it("officials' intents: a known intent for every message", () => {
    fc.assert(
      fc.property(vietnameseText(), now, (text, at) => {
        const intent = parseOfficialIntent(text, at);
        expect(INTENT_NAMES).toContain(intent.name);
      }),
      { numRuns: 1500 },
    );
  });

  it("date phrases: a day range reads as ordered ISO days inside the text, or nothing", () => {
    fc.assert(
      fc.property(vietnameseText(10), now, (text, at) => {
        const today = at.toISOString().slice(0, 10);
        const found = findDayRange(text, today);
        if (!found) return;
        expect(found.range.from).toMatch(DAY);
        expect(found.range.to).toMatch(DAY);
        expect(found.range.from <= found.range.to).toBe(true);
        expect(found.start).toBeGreaterThanOrEqual(0);
        expect(found.end).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 1500 },
    );
  });

  it("deadline phrases: valid sorted days and a summary for any text and year", () => {
    fc.assert(
      fc.property(vietnameseText(10), fc.integer({ min: 2000, max: 2100 }), (text, year) => {
        const parsed = parseDeadlinePhrase(text, year);
        const days = parsed.deadlines.map((d) => d.dueOn);
        for (const d of days) expect(d).toMatch(DAY);
        expect([...days].sort()).toEqual(days);
        const summary = summariseDeadline(text, year);
        expect(typeof summary.understood).toBe("boolean");
      }),
      { numRuns: 1000 },
    );
  });

  describe("citizens' question search", () => {
    let index: ProcedureIndex;
    beforeAll(async () => {
      index = (await realIndex()).index;
    }, 60_000);

    it("answers, offers choices or declines, with confidences in [0, 1], in bounded time", () => {
      const times: number[] = [];
      fc.assert(
        fc.property(vietnameseText(24), (text) => {
          const started = performance.now();
          const outcome = index.search(text, { limit: 5 });
          times.push(performance.now() - started);
          expect(outcome.results.length).toBeLessThanOrEqual(5);
          expect(outcome.topConfidence).toBeGreaterThanOrEqual(0);
          expect(outcome.topConfidence).toBeLessThanOrEqual(1);
          expect(["answer", "choose", "decline"]).toContain(outcome.decision);
        }),
        // "sat" once put a family's default in front of five ranked results: six.
        { numRuns: 400, examples: [["sat"]] },
      );
      // No input makes one search take long (the machine is shared: a loose bound).
      times.sort((a, b) => a - b);
      expect(times.at(-1)!).toBeLessThan(1_000);
    }, 60_000);
  });
});
