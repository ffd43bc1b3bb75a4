/**
 * Where the server's CPU goes under webhook ingest: `npx tsx bench/profile-ingest.ts
 * [seconds]` runs the service with `node --cpu-prof`, fires signed events at it in a
 * closed loop, stops it gracefully (the profile is written on exit) and prints the self
 * time by package (Prisma's client, its query compiler, the SQLite adapter, express, our
 * code …) and the top functions. The .cpuprofile stays in the printed directory.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_OA, freshDatabase, signedText, sleep, startFakeZalo, startService } from "./lib/harness.js";
import { closedLoop } from "./lib/load.js";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const seconds = Number(process.argv[2] ?? 8);
const dir = mkdtempSync(join(tmpdir(), "bench-prof-"));
const db = await freshDatabase(process.env.BENCH_PG_URL);
const zalo = await startFakeZalo();
const setup = await db.open();
await setup.prisma.commune.create({
  data: { slug: "xa-prof", name: "UBND xã Hồ Sơ", kind: "xa", zaloOaId: DEFAULT_OA },
});
await setup.close();
const spawnedAt = Date.now();
const service = await startService(db.url, zalo, {}, ["--cpu-prof", `--cpu-prof-dir=${dir}`]);
// Samples before the load (start-up: loading and compiling modules, migrations) are left out.
const skipUs = (Date.now() - spawnedAt) * 1000;
let n = 0;
const result = await closedLoop(service.url, () => signedText(`prof-${n++ % 300}`, "xin chào"), {
  connections: 10,
  durationMs: seconds * 1000,
});
console.log(`ingest while profiling: ${result.rps}/s, p99 ${result.p99_ms} ms`);
await sleep(2_000);
const exited = new Promise<void>((resolve) => service.child.once("exit", () => resolve()));
service.child.kill("SIGTERM");
await exited;
await zalo.close();
await db.drop();

const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
if (!file) throw new Error(`no profile in ${dir}`);
const profile = JSON.parse(readFileSync(join(dir, file), "utf8")) as Profile;
const self = new Map<number, number>();
let elapsed = 0;
profile.samples.forEach((id, i) => {
  elapsed += profile.timeDeltas[i] ?? 0;
  if (elapsed >= skipUs) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const idle = [...self.entries()]
  .filter(([id]) =>
    ["(idle)", "(program)", "(garbage collector)"].includes(byId.get(id)!.callFrame.functionName),
  )
  .reduce((a, [, t]) => a + t, 0);

function bucket(url: string, name: string): string {
  if (name === "(idle)") return "(idle)";
  if (name === "(garbage collector)") return "(garbage collector)";
  if (name === "(program)") return "(program: native, unattributed)";
  if (/query_compiler|\.wasm|wasm:/.test(url) || /^\$?wasm|^\w+\.wasm/.test(name))
    return "prisma query compiler (WASM)";
  if (url.includes("adapter-better-sqlite3") || url.includes("better-sqlite3"))
    return "better-sqlite3 adapter/driver";
  if (url.includes("adapter-pg") || url.includes("/pg/") || url.includes("pg-protocol"))
    return "pg adapter/driver";
  if (url.includes("@prisma/client") || url.includes("src/db/generated") || url.includes("/runtime/"))
    return "prisma client";
  if (url.includes("pino")) return "pino (logging)";
  if (
    url.includes("express") ||
    url.includes("body-parser") ||
    url.includes("raw-body") ||
    url.includes("router")
  )
    return "express";
  if (url.includes("/src/")) return `our code (${url.split("/src/")[1]?.split("/")[0] ?? "?"})`;
  if (url.includes("node_modules"))
    return `other: ${url.split("node_modules/").at(-1)?.split("/")[0] ?? "?"}`;
  if (url.startsWith("node:") || url === "") return "node internals";
  return "other";
}
const buckets = new Map<string, number>();
const fns = new Map<string, number>();
for (const [id, t] of self) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const b = bucket(url, functionName);
  buckets.set(b, (buckets.get(b) ?? 0) + t);
  const f = `${functionName || "(anonymous)"} ${url.split("node_modules/").at(-1) ?? url}:${lineNumber}`;
  fns.set(f, (fns.get(f) ?? 0) + t);
}
const busy = total - (buckets.get("(idle)") ?? 0);
console.log(
  `profile: ${join(dir, file)}; ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy`,
);
console.log("self time by package, share of busy time:");
for (const [b, t] of [...buckets]
  .filter(([k]) => k !== "(idle)")
  .sort((a, c) => c[1] - a[1])
  .slice(0, 14)) {
  console.log(`  ${((t / busy) * 100).toFixed(1).padStart(5)} %  ${b}`);
}
console.log("top functions (self):");
for (const [f, t] of [...fns]
  .filter(([f]) => !f.startsWith("(idle)"))
  .sort((a, c) => c[1] - a[1])
  .slice(0, 12)) {
  console.log(`  ${((t / busy) * 100).toFixed(1).padStart(5)} %  ${f}`);
}
void idle;
