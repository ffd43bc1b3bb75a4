import { describe, expect, it } from "vitest";
import { type BotError, Composer, type Routable } from "../../src/bot/composer.js";
import type { AnyIntent } from "../../src/bot/intents/intent.js";
import type { CallbackData } from "../../src/messaging/callback-data.js";
import type { Update } from "../../src/messaging/update.js";

/** A bare routable context recording which handlers ran. */
function ctx(
  update: Partial<Update> & { kind: Update["kind"] },
  extra: { intent?: AnyIntent; callback?: CallbackData; flowName?: string } = {},
) {
  return {
    update: {
      id: "u1",
      communeId: "c",
      userId: "p",
      at: new Date(),
      delivery: { attempt: 1, final: false },
      ...update,
    } as Update,
    intent: extra.intent ?? null,
    callback: extra.callback ?? null,
    flowName: extra.flowName ?? null,
    ran: [] as string[],
  } satisfies Routable & { ran: string[] };
}
type Ctx = ReturnType<typeof ctx>;

async function run(composer: Composer<Ctx>, c: Ctx): Promise<boolean> {
  let fellThrough = false;
  await composer.middleware()(c, async () => {
    fellThrough = true;
  });
  return fellThrough;
}

describe("Composer", () => {
  it("routes by intent, and passes on what no handler takes", async () => {
    const bot = new Composer<Ctx>()
      .intent("my_tasks", (c) => void c.ran.push("mine"))
      .intent(["help", "greeting"], (c) => void c.ran.push("help"));
    const mine = ctx({ kind: "text" }, { intent: { name: "my_tasks" } });
    expect(await run(bot, mine)).toBe(false);
    expect(mine.ran).toEqual(["mine"]);
    const hello = ctx({ kind: "text" }, { intent: { name: "greeting" } });
    await run(bot, hello);
    expect(hello.ran).toEqual(["help"]);
    expect(await run(bot, ctx({ kind: "text" }, { intent: { name: "stats" } }))).toBe(true);
  });

  it("matches callbacks by whole segments of their data", async () => {
    const bot = new Composer<Ctx>()
      .callback("menu:pakn", (c) => void c.ran.push("pakn"))
      .callback("menu", (c) => void c.ran.push("menu"))
      .callback("me", (c) => void c.ran.push("me"));
    const pakn = ctx({ kind: "callback" }, { callback: { verb: "menu", args: ["pakn"] } });
    await run(bot, pakn);
    expect(pakn.ran).toEqual(["pakn"]);
    const other = ctx({ kind: "callback" }, { callback: { verb: "menu", args: ["dossier"] } });
    await run(bot, other);
    expect(other.ran).toEqual(["menu"]);
    // "me" is a prefix of "menu" as a string but not as a segment.
    expect(
      await run(
        new Composer<Ctx>().callback("me", () => undefined),
        other,
      ),
    ).toBe(true);
  });

  it("routes by update kind and by the current flow, in registration order", async () => {
    const bot = new Composer<Ctx>()
      .flow("await_evidence", (c, next) => {
        c.ran.push("flow");
        return next();
      })
      .on("attachment", (c) => void c.ran.push("attachment"))
      .on(["text", "callback"], (c) => void c.ran.push("words"));
    const photo = ctx({ kind: "attachment" }, { flowName: "await_evidence" });
    await run(bot, photo);
    expect(photo.ran).toEqual(["flow", "attachment"]);
    const text = ctx({ kind: "text" });
    await run(bot, text);
    expect(text.ran).toEqual(["words"]);
  });

  it("refuses a middleware that calls next() twice", async () => {
    const bot = new Composer<Ctx>().use(async (_c, next) => {
      await next();
      await next();
    });
    await expect(run(bot, ctx({ kind: "text" }))).rejects.toThrow(/next\(\) called twice/);
  });

  it("hands a handler's error to its error boundary with the context", async () => {
    const seen: BotError<Ctx>[] = [];
    const c = ctx({ kind: "text" });
    const bot = new Composer<Ctx>()
      .catch((e) => void seen.push(e))
      .use(() => {
        throw new Error("boom");
      });
    await run(bot, c);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.message).toBe("boom");
    expect(seen[0]!.ctx).toBe(c);
  });

  it("leaves errors from after the boundary to whoever passed the update on", async () => {
    const seen: unknown[] = [];
    const inner = new Composer<Ctx>().catch((e) => void seen.push(e)).use((_c, next) => next());
    const c = ctx({ kind: "text" });
    await expect(
      inner.middleware()(c, async () => {
        throw new Error("later");
      }),
    ).rejects.toThrow("later");
    expect(seen).toEqual([]);
  });
});
