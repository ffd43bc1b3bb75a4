import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Composer } from "../../src/bot/composer.js";
import type { BotContext } from "../../src/bot/context.js";
import { somethingWentWrong } from "../../src/bot/templates/errors.js";
import { BotHarness } from "../support/bot-harness.js";

/** A feature whose handler fails on "hỏng", before or after it has replied. */
const broken = {
  name: "broken",
  citizens: new Composer<BotContext>().on("text", async (ctx, next) => {
    if (ctx.update.text === "hỏng sau khi trả lời") await ctx.reply("Phần đầu câu trả lời");
    if (ctx.update.text.startsWith("hỏng")) throw new Error("database went away");
    return next();
  }),
};

describe("a handler that fails", () => {
  let chat: BotHarness;
  beforeAll(async () => {
    chat = await BotHarness.start({ seedDemo: false, features: (defaults) => [broken, ...defaults] });
  }, 60_000);
  afterAll(() => chat.stop());

  it("stays silent on a try that will be retried, and lets the transport retry it", async () => {
    const reply = await chat.onAttempt(1, false).as("citizen-1").send("hỏng");
    expect(reply.error).toBeInstanceOf(Error);
    expect((reply.error as Error).message).toBe("database went away");
    expect(reply.sent).toEqual([]);
  });

  it("tells the person once, on the last try, and still reports the failure", async () => {
    const who = chat.as("citizen-2");
    const update = (await who.send("xin chào")).update; // a working update first: one reply
    expect(update.kind).toBe("text");
    const last = await chat.onAttempt(5, true).as("citizen-2").send("hỏng");
    expect(last.error).toBeInstanceOf(Error);
    expect(last.toSender.map((m) => m.text)).toEqual([somethingWentWrong]);
    // The operator replays the parked event: the same update fails again, nobody is told twice.
    const replay = await chat.handle(last.update);
    expect(replay.error).toBeInstanceOf(Error);
    expect(replay.sent).toEqual([]);
  });

  it("does not take back a reply already written before the failure", async () => {
    const r = await chat.onAttempt(5, true).as("citizen-3").send("hỏng sau khi trả lời");
    expect(r.toSender.map((m) => m.text)).toEqual(["Phần đầu câu trả lời", somethingWentWrong]);
  });
});
