import type { CallbackData } from "../messaging/callback-data.js";
import type { Update, UpdateKind } from "../messaging/update.js";
import type { AnyIntent, AnyIntentName } from "./intents/intent.js";

/** A middleware handles the context or passes it on with `next()` (grammY's shape). */
export type Middleware<C> = (ctx: C, next: NextFunction) => unknown;
export type NextFunction = () => Promise<void>;

/** What every context a composer routes must offer. */
export interface Routable {
  readonly update: Update;
  /** The officials' intent of a text message, parsed once per update; null when there is no text. */
  readonly intent: AnyIntent | null;
  /** The pressed button's data, for a callback update. */
  readonly callback: CallbackData | null;
  /** The name of the user's current multi-step flow, if any. */
  readonly flowName: string | null;
}

/** An error thrown by a handler, with the context it happened in (grammY's BotError). */
export class BotError<C> extends Error {
  constructor(
    readonly error: unknown,
    readonly ctx: C,
  ) {
    super(error instanceof Error ? error.message : String(error));
    this.name = "BotError";
  }
}

export type ErrorHandler<C> = (error: BotError<C>) => unknown;

/** Chains middlewares left to right; calling next() twice is a bug and throws. */
export function compose<C>(...middlewares: Middleware<C>[]): Middleware<C> {
  return (ctx, last) => {
    const dispatch = async (i: number): Promise<void> => {
      const middleware = middlewares[i];
      if (!middleware) return last();
      let called = false;
      await middleware(ctx, async () => {
        if (called) throw new Error("next() called twice in one middleware");
        called = true;
        await dispatch(i + 1);
      });
    };
    return dispatch(0);
  };
}

type WithUpdate<C, K extends UpdateKind> = C & { update: Extract<Update, { kind: K }> };
type WithIntent<C, N extends AnyIntentName> = C & { intent: Extract<AnyIntent, { name: N }> };
type WithCallback<C> = C & { callback: CallbackData };

const asArray = <T>(x: T | readonly T[]): readonly T[] => (Array.isArray(x) ? x : [x as T]);

/**
 * Routing as middleware, after grammY's Composer: each method adds handlers that run only
 * when the update matches, and otherwise passes it on. A handler that does not call
 * `next()` ends the update. Feature modules build one of these each and the bot chains
 * them; the order they are chained in is the order they are asked.
 */
export class Composer<C extends Routable> {
  private readonly chain: Middleware<C>[] = [];
  private errorHandler: ErrorHandler<C> | undefined;

  constructor(...middlewares: Middleware<C>[]) {
    this.chain.push(...middlewares);
  }

  use(...middlewares: Middleware<C>[]): this {
    this.chain.push(...middlewares);
    return this;
  }

  /** Runs `middlewares` when `predicate` holds; a type guard narrows the context they get. */
  filter<D extends C>(predicate: (ctx: C) => ctx is D, ...middlewares: Middleware<D>[]): this;
  filter(predicate: (ctx: C) => boolean, ...middlewares: Middleware<C>[]): this;
  filter(predicate: (ctx: C) => boolean, ...middlewares: Middleware<C>[]): this {
    const inner = compose(...middlewares);
    return this.use((ctx, next) => (predicate(ctx) ? inner(ctx, next) : next()));
  }

  /** Updates of a kind: "text", "callback", "attachment", "follow", "chat_opened" … */
  on<K extends UpdateKind>(kind: K | readonly K[], ...middlewares: Middleware<WithUpdate<C, K>>[]): this {
    const kinds = asArray(kind);
    return this.filter(
      (ctx): ctx is WithUpdate<C, K> => kinds.includes(ctx.update.kind as K),
      ...middlewares,
    );
  }

  /** Text messages whose intent (parsed once, kept on the context) has one of these names. */
  intent<N extends AnyIntentName>(
    name: N | readonly N[],
    ...middlewares: Middleware<WithIntent<C, N>>[]
  ): this {
    const names = asArray(name);
    return this.filter(
      (ctx): ctx is WithIntent<C, N> => ctx.intent !== null && names.includes(ctx.intent.name as N),
      ...middlewares,
    );
  }

  /**
   * Button presses whose data starts with `prefix`, compared by segment: "menu" matches
   * `#menu:pakn`, "menu:pakn" matches only that one.
   */
  callback(prefix: string | readonly string[], ...middlewares: Middleware<WithCallback<C>>[]): this {
    const prefixes = asArray(prefix).map((p) => p.split(":"));
    const matches = (data: CallbackData) => {
      const segments = [data.verb, ...data.args];
      return prefixes.some((p) => p.every((segment, i) => segments[i] === segment));
    };
    return this.filter(
      (ctx): ctx is WithCallback<C> => ctx.callback !== null && matches(ctx.callback),
      ...middlewares,
    );
  }

  /** Updates from someone in the middle of the named multi-step flow. */
  flow(name: string | readonly string[], ...middlewares: Middleware<C>[]): this {
    const names = asArray(name);
    return this.filter((ctx) => ctx.flowName !== null && names.includes(ctx.flowName), ...middlewares);
  }

  /**
   * The error boundary of everything this composer runs: a handler's error reaches
   * `handler` wrapped in a BotError with its context. What the handler throws propagates.
   */
  catch(handler: ErrorHandler<C>): this {
    this.errorHandler = handler;
    return this;
  }

  middleware(): Middleware<C> {
    const run = compose(...this.chain);
    const handler = this.errorHandler;
    if (!handler) return run;
    return async (ctx, next) => {
      let passedOn = false;
      try {
        await run(ctx, () => {
          passedOn = true;
          return next();
        });
      } catch (error) {
        // An error from after this composer (in `next`) is not ours to handle.
        if (passedOn) throw error;
        await handler(error instanceof BotError ? (error as BotError<C>) : new BotError(error, ctx));
      }
    };
  }
}
