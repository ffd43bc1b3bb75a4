/** A middleware handles the context or passes it on with `next()` (grammY's shape). */
export type Middleware<C> = (ctx: C, next: () => Promise<void>) => Promise<void> | void;

/** Chains middlewares left to right; calling next() twice is a bug and throws. */
export function compose<C>(...middlewares: Middleware<C>[]): (ctx: C) => Promise<void> {
  return (ctx) => {
    const dispatch = async (i: number): Promise<void> => {
      const middleware = middlewares[i];
      if (!middleware) return;
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
