import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The allowed directions between the layers of src/ (README, "Architecture"): events flow
 * zalo → bot → domain → db, everything leaves through messaging's notifier, and no layer
 * reaches up. Type-only imports count too: a type is a dependency on its module's shape.
 */
const SRC = resolve(import.meta.dirname, "../src");

/** layer → layers it must never import. */
const FORBIDDEN: Record<string, string[]> = {
  bot: ["zalo", "http", "jobs", "cli", "demo"],
  zalo: ["bot", "jobs", "http", "cli", "demo"],
  domain: ["bot", "zalo", "http", "jobs", "cli", "demo", "messaging"],
  db: ["domain", "bot", "zalo", "http", "jobs", "cli", "demo", "messaging"],
  messaging: ["domain", "bot", "zalo", "http", "jobs", "cli", "demo", "db"],
  jobs: ["http", "cli"],
  demo: ["bot", "zalo", "http", "jobs", "cli"],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "generated" ? [] : sourceFiles(path);
    return name.endsWith(".ts") ? [path] : [];
  });
}

const IMPORT = /(?:import|export)\s([^'"]*?)from\s+["'](\.[^"']+)["']|import\(\s*["'](\.[^"']+)["']\s*\)/g;

interface Import {
  target: string;
  /** `import type …`: no tie at run time, but still a dependency on the other layer. */
  typeOnly: boolean;
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(IMPORT)].map((m) => ({
    target: resolve(dirname(file), (m[2] ?? m[3])!.replace(/\.js$/, ".ts")),
    typeOnly: /^type\s/.test(m[1] ?? ""),
  }));
}

const layerOf = (file: string) => {
  const parts = relative(SRC, file).split("/");
  return parts.length > 1 ? parts[0]! : parts[0]!.replace(/\.ts$/, "");
};

describe("layers of src/", () => {
  const files = sourceFiles(SRC);
  const imports = new Map(files.map((f) => [f, importsOf(f).filter((i) => i.target.startsWith(SRC))]));

  it("import one way only", () => {
    const broken = [...imports].flatMap(([from, targets]) =>
      targets
        .filter(({ target }) => FORBIDDEN[layerOf(from)]?.includes(layerOf(target)))
        .map(({ target }) => `${relative(SRC, from)} → ${relative(SRC, target)}`),
    );
    expect(broken).toEqual([]);
  });

  it("have no import cycle between files at run time", () => {
    const edges = new Map(
      [...imports].map(([f, list]) => [f, list.filter((i) => !i.typeOnly).map((i) => i.target)]),
    );
    const state = new Map<string, "visiting" | "done">();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "visiting") {
        cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(SRC, f)).join(" → "));
        return;
      }
      state.set(file, "visiting");
      for (const next of edges.get(file) ?? []) if (edges.has(next)) visit(next, [...path, file]);
      state.set(file, "done");
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
