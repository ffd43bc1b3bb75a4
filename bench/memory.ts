/**
 * Resident memory of the server at rest, run as the bench runs it (dist/main.js after
 * `useCompiledService`, as production does): on a database with one commune and nothing
 * else (what ingest uses) and on the demo commune's (the national catalogue of 673
 * procedures with its search index, about a thousand dossiers, a dozen officials),
 * started again after seeding, as a deployment restarts. Both rest side by side while
 * their RSS is read from /proc each second: at start (1 s after /health answers) and at
 * the end of the window, by when V8 has usually given back the start-up's garbage (its
 * memory reducer runs once the process is quiet, 45–90 s here).
 */
import { DEFAULT_OA, freshDatabase, rssMb, sleep, startFakeZalo, startService } from "./lib/harness.js";

export interface RestingMemory {
  /** RSS (MB) 1 s after /health first answered. */
  start: number;
  /** RSS at the end of the window. */
  settled: number;
  /** The lowest RSS seen in the window. */
  min: number;
}

export interface MemoryResult {
  window_s: number;
  /** One commune, no catalogue. */
  empty: RestingMemory;
  /** The demo commune, its catalogue and search index loaded. */
  demo: RestingMemory;
}

/**
 * Starts both servers and leaves them at rest, sampling their RSS each second in the
 * background, so that the bench's other parts run meanwhile (the resting servers take no
 * CPU; their memory is their own). `finish` waits until they have rested `windowMs`
 * (V8's memory reducer gives the start-up's garbage back 45–90 s after the process goes
 * quiet here) and stops them.
 */
export async function startMemory(options: { windowMs?: number } = {}): Promise<{
  finish: () => Promise<MemoryResult>;
}> {
  const windowMs = options.windowMs ?? 90_000;
  const zalo = await startFakeZalo();
  const empty = await freshDatabase();
  const demo = await freshDatabase();
  const setup = await empty.open();
  await setup.prisma.commune.create({
    data: { slug: "xa-bench", name: "UBND xã Đo Tải", kind: "xa", zaloOaId: DEFAULT_OA },
  });
  await setup.prisma.$disconnect();
  // The first start seeds the demo commune (before /health answers); its garbage is not
  // what a running deployment holds, so that process is dropped.
  await (await startService(demo.url, zalo, { SEED_DEMO: "true" })).kill();

  const services = [await startService(empty.url, zalo), await startService(demo.url, zalo)];
  const startedAt = Date.now();
  await sleep(1_000);
  const start = services.map((s) => rssMb(s.child.pid!));
  const min = [...start];
  let last = [...start];
  const sampler = setInterval(() => {
    last = services.map((s) => rssMb(s.child.pid!));
    last.forEach((mb, i) => (min[i] = Math.min(min[i]!, mb)));
  }, 1_000);

  return {
    async finish() {
      try {
        const rest = windowMs - (Date.now() - startedAt);
        if (rest > 0) await sleep(rest);
        const at = (i: number): RestingMemory => ({ start: start[i]!, settled: last[i]!, min: min[i]! });
        return { window_s: Math.round((Date.now() - startedAt) / 1000), empty: at(0), demo: at(1) };
      } finally {
        clearInterval(sampler);
        for (const s of services) await s.kill();
        await zalo.close();
        await empty.drop();
        await demo.drop();
      }
    },
  };
}
