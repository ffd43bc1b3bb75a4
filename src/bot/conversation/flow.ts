import { z } from "zod";
import type { StoredFlow } from "./state-store.js";

/** How long a flow waits for the user's next step. */
export const FLOW_TTL_MS = 30 * 60_000;

/** What a flow needs of the context: the flow loaded for this update, and a way to start one. */
export interface FlowHost {
  readonly flow: StoredFlow | null;
  readonly callback: { verb: string; args: string[] } | null;
  startFlow(state: { flow: string } & Record<string, unknown>, ttlMs?: number): Promise<string>;
}

/**
 * Typed words that act like a step's buttons: "ok" at "Xác nhận … đã hoàn thành?" presses
 * "Xác nhận", "hủy" presses "Hủy". The value is the callback verb the words stand for.
 */
export interface TypedAnswers {
  yes?: string;
  no?: string;
}

export interface FlowDefinition<D> {
  readonly name: string;
  readonly typedAnswers: TypedAnswers;
  /** The flow's data when the user is in this flow. */
  read(host: Pick<FlowHost, "flow">): (D & { nonce: string }) | null;
  /** The flow's data when the pressed button belongs to the user's current run of this flow. */
  fromCallback(host: Pick<FlowHost, "flow" | "callback">): (D & { nonce: string }) | null;
  /** Starts the flow (replacing any other) and returns the nonce its buttons carry. */
  start(host: FlowHost, data: D, ttlMs?: number): Promise<string>;
}

const definitions = new Map<string, FlowDefinition<unknown>>();

/** The definition of a stored flow, for middleware that treats every flow alike. */
export function flowDefinition(name: string): FlowDefinition<unknown> | undefined {
  return definitions.get(name);
}

/**
 * Declares a multi-step flow and the data it keeps between steps; the feature that owns
 * the flow defines it next to its handlers. Data is validated with zod when it is written
 * and when it is read back, since a stored row may predate a change of shape.
 */
export function defineFlow<S extends z.ZodRawShape>(
  name: string,
  shape: S,
  typedAnswers: TypedAnswers = {},
): FlowDefinition<z.infer<z.ZodObject<S>>> {
  type D = z.infer<z.ZodObject<S>>;
  const schema = z.object(shape);
  const read = (host: Pick<FlowHost, "flow">): (D & { nonce: string }) | null => {
    const flow = host.flow;
    if (!flow || flow.name !== name) return null;
    const parsed = schema.safeParse(flow.state);
    return parsed.success ? { ...parsed.data, nonce: flow.nonce } : null;
  };
  const definition: FlowDefinition<D> = {
    name,
    typedAnswers,
    read,
    fromCallback(host) {
      const data = read(host);
      return data && host.callback?.args[0] === data.nonce ? data : null;
    },
    start(host, data, ttlMs = FLOW_TTL_MS) {
      return host.startFlow({ flow: name, ...schema.parse(data) }, ttlMs);
    },
  };
  if (definitions.has(name)) throw new Error(`flow ${name} defined twice`);
  definitions.set(name, definition as FlowDefinition<unknown>);
  return definition;
}
