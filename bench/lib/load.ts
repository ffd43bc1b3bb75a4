/**
 * A small HTTP load generator over loopback (keep-alive connections), in the spirit of
 * autocannon: closed loop (N connections, each sends its next request when the last is
 * answered: the throughput the server sustains) or open loop at a fixed rate (latency at
 * a given arrival rate, e.g. 1,000 events/s). Each request body comes from `next()`, so
 * every event is unique and signed. autocannon itself is not a dependency of this repo.
 */
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";

export interface LoadRequest {
  path: string;
  body: string;
  headers: Record<string, string>;
  /** Anything to remember about an acknowledged request (e.g. its event's msg_id). */
  tag?: string;
}

export interface LoadResult {
  requests: number;
  ok: number;
  errors: number;
  statuses: Record<string, number>;
  durationMs: number;
  rps: number;
  p50_ms: number;
  p99_ms: number;
  /** Tags of the requests answered 2xx. */
  acknowledged: string[];
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const round = (n: number, digits = 1) => Number(n.toFixed(digits));

function send(agent: Agent, base: URL, r: LoadRequest): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      {
        agent,
        hostname: base.hostname,
        port: base.port,
        method: "POST",
        path: r.path,
        headers: { ...r.headers, "content-length": Buffer.byteLength(r.body) },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", () => resolve(0));
    req.end(r.body);
  });
}

function summarise(
  latencies: number[],
  statuses: Record<string, number>,
  acknowledged: string[],
  ms: number,
): LoadResult {
  const requests = latencies.length;
  const ok = Object.entries(statuses)
    .filter(([s]) => s.startsWith("2"))
    .reduce((n, [, c]) => n + c, 0);
  return {
    requests,
    ok,
    errors: requests - ok,
    statuses,
    durationMs: round(ms, 0),
    rps: round((requests / ms) * 1000, 0),
    p50_ms: round(percentile(latencies, 50), 2),
    p99_ms: round(percentile(latencies, 99), 2),
    acknowledged,
  };
}

/** `connections` requests in flight at all times for `durationMs`. */
export async function closedLoop(
  baseUrl: string,
  next: () => LoadRequest,
  options: { connections: number; durationMs: number; stop?: () => boolean },
): Promise<LoadResult> {
  const base = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const acknowledged: string[] = [];
  const started = performance.now();
  const end = started + options.durationMs;
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (performance.now() < end && !options.stop?.()) {
        const r = next();
        const t0 = performance.now();
        const status = await send(agent, base, r);
        latencies.push(performance.now() - t0);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status >= 200 && status < 300 && r.tag) acknowledged.push(r.tag);
      }
    }),
  );
  const ms = performance.now() - started;
  agent.destroy();
  return summarise(latencies, statuses, acknowledged, ms);
}

/** Requests started at `rate` per second for `durationMs`, whatever the answers take (open loop). */
export async function fixedRate(
  baseUrl: string,
  next: () => LoadRequest,
  options: { rate: number; durationMs: number },
): Promise<LoadResult> {
  const base = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const acknowledged: string[] = [];
  const started = performance.now();
  const total = Math.round((options.rate * options.durationMs) / 1000);
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    // Latency is counted from when the request was due, so a stalled client counts too.
    const due = started + (i * 1000) / options.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const r = next();
    inFlight.push(
      send(agent, base, r).then((status) => {
        latencies.push(performance.now() - due);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status >= 200 && status < 300 && r.tag) acknowledged.push(r.tag);
      }),
    );
  }
  await Promise.all(inFlight);
  const ms = performance.now() - started;
  agent.destroy();
  return summarise(latencies, statuses, acknowledged, ms);
}
