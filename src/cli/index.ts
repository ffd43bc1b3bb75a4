import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config.js";
import type { Database } from "../db/client.js";
import { importCatalogueFile, seedDemoData } from "../db/demo.js";
import { createLinkCode, findOfficialByPhone, revokeLinks } from "../domain/officials/link-codes.js";
import { listOfficials } from "../domain/officials/list-officials.js";
import { resolveCommune, setLocalNote, updateCommuneContact } from "../domain/procedures/local-notes.js";
import { applyMigrations, openMigratedDatabase } from "../db/migrate.js";

/**
 * Operator commands: `npm run cli -- <command> [options]`.
 * Each command opens the database named by DATABASE_URL (default: the embedded one).
 */
/** Opens the configured database (migrated if needed) for one command and closes it after. */
async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openMigratedDatabase(loadConfig().database);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

const commands: Record<string, { usage: string; run: (args: string[]) => Promise<void> }> = {
  officials: {
    usage: "officials [--json] [--commune <slug>]   list officials and whether their Zalo is linked",
    run: async (args) => {
      const { values } = parseArgs({
        args,
        options: { json: { type: "boolean" }, commune: { type: "string" } },
      });
      const rows = await withDatabase((db) => listOfficials(db.prisma, values.commune));
      for (const r of rows) {
        if (values.json) {
          const { id, name, role, department, phone, linked } = r;
          console.log(JSON.stringify({ id, name, role, department, phone, linked }));
        } else {
          console.log(
            `${r.linked ? "✓" : " "} ${r.phone ?? "-"}\t${r.name} — ${r.title}${r.department ? ` (${r.department})` : ""}`,
          );
        }
      }
    },
  },
  "link-code": {
    usage: 'link-code <phone>            issue a one-time code the official sends as "đăng ký <code>"',
    run: async (args) => {
      const phone = args[0];
      if (!phone) throw new UsageError("link-code needs the official's phone number");
      const code = await withDatabase(async (db) => {
        const official = await findOfficialByPhone(db.prisma, undefined, phone);
        if (!official) throw new UsageError(`no active official with phone ${phone}`);
        const issued = await createLinkCode(db.prisma, official.id, {
          now: new Date(),
          actor: { label: "cli" },
          channel: "cli",
        });
        console.error(`code for ${official.name}, valid until ${issued.expiresAt.toISOString()}:`);
        return issued.code;
      });
      console.log(code);
    },
  },
  "revoke-link": {
    usage: "revoke-link <phone>          unlink the official's Zalo account and revoke unused codes",
    run: async (args) => {
      const phone = args[0];
      if (!phone) throw new UsageError("revoke-link needs the official's phone number");
      await withDatabase(async (db) => {
        const official = await findOfficialByPhone(db.prisma, undefined, phone);
        if (!official) throw new UsageError(`no active official with phone ${phone}`);
        const result = await revokeLinks(db.prisma, official.id, { label: "cli" }, { channel: "cli" });
        console.log(
          `${official.name}: ${result.unlinkedZaloUserId ? "unlinked" : "was not linked"}, ${result.revokedCodes} code(s) revoked`,
        );
      });
    },
  },
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
      const result = await withDatabase((db) => seedDemoData(db.prisma, { now: new Date() }));
      console.log(
        result.created ? `seeded: ${JSON.stringify(result.counts)}` : "demo commune already present",
      );
    },
  },
  "commune-info": {
    usage:
      "commune-info [--hotline ..] [--hours ..] [--address ..] [--commune <slug>]   show or set contact details",
    run: async (args) => {
      const { values } = parseArgs({
        args,
        options: {
          commune: { type: "string" },
          hotline: { type: "string" },
          hours: { type: "string" },
          address: { type: "string" },
        },
      });
      await withDatabase(async (db) => {
        const commune = await resolveCommune(db.prisma, values.commune);
        if (!commune) throw new UsageError("name the commune with --commune <slug> (several or none found)");
        const updated = await updateCommuneContact(db.prisma, commune.id, {
          ...(values.hotline ? { hotline: values.hotline } : {}),
          ...(values.hours ? { officeHours: values.hours } : {}),
          ...(values.address ? { address: values.address } : {}),
        });
        console.log(JSON.stringify(updated));
      });
    },
  },
  "procedure-local": {
    usage:
      "procedure-local <code> [--served|--not-served] [--note ..] [--fee ..] [--commune <slug>]   commune's notes on a procedure",
    run: async (args) => {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: {
          commune: { type: "string" },
          served: { type: "boolean" },
          "not-served": { type: "boolean" },
          note: { type: "string" },
          fee: { type: "string" },
        },
      });
      const code = positionals[0];
      if (!code) throw new UsageError("procedure-local needs a procedure code, e.g. 1.001193");
      await withDatabase(async (db) => {
        const commune = await resolveCommune(db.prisma, values.commune);
        if (!commune) throw new UsageError("name the commune with --commune <slug> (several or none found)");
        const note = await setLocalNote(db.prisma, commune.id, code, {
          ...(values.served ? { served: true } : values["not-served"] ? { served: false } : {}),
          ...(values.note !== undefined ? { localNotes: values.note || null } : {}),
          ...(values.fee !== undefined ? { localFees: values.fee || null } : {}),
        });
        if (!note) throw new UsageError(`no procedure with code ${code}`);
        console.log(
          JSON.stringify({
            code,
            name: note.name,
            served: note.served,
            note: note.localNotes,
            fee: note.localFees,
          }),
        );
      });
    },
  },
  "import-procedures": {
    usage:
      "import-procedures <file> [--dry-run] [--keep-missing]   load a TTHC catalogue (.jsonl, .json, .csv, .xlsx)",
    run: async (args) => {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: { "dry-run": { type: "boolean" }, "keep-missing": { type: "boolean" } },
      });
      const file = positionals[0];
      if (!file) throw new UsageError("import-procedures needs a file");
      const report = await withDatabase((db) =>
        importCatalogueFile(db.prisma, file, {
          dryRun: values["dry-run"] ?? false,
          deactivateMissing: !(values["keep-missing"] ?? false),
          onProgress: (done) => process.stderr.write(`\r${done} rows`),
        }),
      );
      process.stderr.write("\n");
      for (const bad of report.bad)
        console.log(`line ${bad.line}${bad.code ? ` (${bad.code})` : ""}: ${bad.error}`);
      const { bad, ...counts } = report;
      console.log(`${values["dry-run"] ? "dry run: " : ""}${JSON.stringify({ ...counts, bad: bad.length })}`);
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
