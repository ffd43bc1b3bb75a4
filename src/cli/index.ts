import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config.js";
import { openDatabase } from "../db/client.js";
import { importCatalogueFile, seedDemoData } from "../db/demo.js";
import { applyMigrations } from "../db/migrate.js";

/**
 * Operator commands: `npm run cli -- <command> [options]`.
 * Each command opens the database named by DATABASE_URL (default: the embedded one).
 */
const commands: Record<string, { usage: string; run: (args: string[]) => Promise<void> }> = {
  migrate: {
    usage: "migrate                      apply committed migrations",
    run: async () => {
      const config = loadConfig();
      process.stdout.write(await applyMigrations(config.database));
    },
  },
  "seed-demo": {
    usage: "seed-demo                    seed the demo commune (no-op when present)",
    run: async () => {
      const config = loadConfig();
      await applyMigrations(config.database);
      const db = await openDatabase(config.database);
      try {
        const result = await seedDemoData(db.prisma, { now: new Date() });
        console.log(
          result.created ? `seeded: ${JSON.stringify(result.counts)}` : "demo commune already present",
        );
      } finally {
        await db.close();
      }
    },
  },
  "import-procedures": {
    usage: "import-procedures <file> [--dry-run] [--keep-missing]   load a TTHC catalogue (JSONL)",
    run: async (args) => {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: { "dry-run": { type: "boolean" }, "keep-missing": { type: "boolean" } },
      });
      const file = positionals[0];
      if (!file) throw new UsageError("import-procedures needs a file");
      const config = loadConfig();
      await applyMigrations(config.database);
      const db = await openDatabase(config.database);
      try {
        const report = await importCatalogueFile(db.prisma, file, {
          dryRun: values["dry-run"] ?? false,
          deactivateMissing: !(values["keep-missing"] ?? false),
          onProgress: (done) => process.stderr.write(`\r${done} rows`),
        });
        process.stderr.write("\n");
        for (const bad of report.bad)
          console.log(`line ${bad.line}${bad.code ? ` (${bad.code})` : ""}: ${bad.error}`);
        const { bad, ...counts } = report;
        console.log(
          `${values["dry-run"] ? "dry run: " : ""}${JSON.stringify({ ...counts, bad: bad.length })}`,
        );
      } finally {
        await db.close();
      }
    },
  },
};

class UsageError extends Error {}

function usage(): string {
  return `usage: npm run cli -- <command>\n\n${Object.values(commands)
    .map((c) => `  ${c.usage}`)
    .join("\n")}`;
}

const [name, ...rest] = process.argv.slice(2);
const command = name ? commands[name] : undefined;
if (!command) {
  console.error(usage());
  process.exit(name ? 2 : 0);
}
command.run(rest).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof UsageError) {
    console.error(error.message);
    if (error instanceof UsageError) console.error(usage());
    process.exit(2);
  }
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
