import { parseArgs } from "node:util";
import { loadConfig } from "../config.js";
import type { Database } from "../db/client.js";
import { seedDemoData } from "../demo/seed-demo-data.js";
import { formatDateTimeVi, WEEKDAY_NAMES_VI } from "../domain/calendar/format.js";
import {
  addHoliday,
  type HolidayEditContext,
  HolidayEditError,
  listHolidays,
  removeHoliday,
} from "../domain/calendar/holidays.js";
import { dayKey, weekdayOf } from "../domain/calendar/working-days.js";
import { createLinkCode, findOfficialByPhone, revokeLinks } from "../domain/officials/link-codes.js";
import { listOfficials } from "../domain/officials/list-officials.js";
import { importCatalogueFile } from "../domain/procedures/import-catalogue.js";
import { resolveCommune, setLocalNote, updateCommuneContact } from "../domain/procedures/local-notes.js";
import { DatabaseBusyError, migrateNow } from "../db/migrate.js";
import { type Command, UsageError, withDatabase } from "./command.js";
import { importOfficialsCommand } from "./onboarding-commands.js";
import { endProgress, progressPrinter } from "./progress.js";

/** The operator's everyday commands: officials and their links, the calendar, the catalogue. */
export const operatorCommands: Record<string, Command> = {
  officials: {
    usage:
      "officials [--json] [--commune <slug>] | officials import <file> --commune <slug> [--dry-run]   list officials (and whether their Zalo is linked), or load them from a CSV/XLSX sheet",
    run: async (args) => {
      if (args[0] === "import") return importOfficialsCommand(args.slice(1));
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
        // The operator reads Vietnam time, not UTC.
        console.error(
          `code for ${official.name}, valid until ${formatDateTimeVi(issued.expiresAt, new Date())}:`,
        );
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
    usage: "migrate                      apply committed migrations (none pending: nothing is touched)",
    run: async () => {
      const config = loadConfig();
      try {
        const { applied } = await migrateNow(config.database);
        console.log(applied.length === 0 ? "no pending migrations" : `applied: ${applied.join(", ")}`);
      } catch (error) {
        if (error instanceof DatabaseBusyError) throw new UsageError(error.message);
        throw error;
      }
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
  holidays: {
    usage:
      "holidays [--year 2027] [--commune <slug>] [--json]   days off and làm bù days of a year (national, plus the commune's)",
    run: async (args) => {
      const { values } = parseArgs({
        args,
        options: { year: { type: "string" }, commune: { type: "string" }, json: { type: "boolean" } },
      });
      const year = values.year ?? dayKey(new Date()).slice(0, 4);
      const rows = await withDatabase(async (db) => {
        const communeId = await communeIdFor(db, values.commune);
        return holidayUsage(listHolidays(db.prisma, year, communeId));
      });
      if (!values.json) {
        const source = rows.find((r) => r.scope === "national")?.source;
        console.log(
          `${year}: national days ${source === "table" ? "from the Holiday table" : "from the defaults (not stored yet)"}`,
        );
      }
      for (const r of rows) {
        const weekday = WEEKDAY_NAMES_VI[weekdayOf(r.date)]!;
        if (values.json) console.log(JSON.stringify({ ...r, weekday }));
        else {
          const kind = r.kind === "working_day" ? "làm bù" : "nghỉ";
          console.log(
            `${r.date}  ${weekday.padEnd(8)}  ${kind.padEnd(6)}  ${r.name}${r.scope === "commune" ? `  [${values.commune}]` : ""}`,
          );
        }
      }
    },
  },
  "holiday-add": {
    usage:
      'holiday-add <YYYY-MM-DD> --name "…" [--working-day] [--commune <slug>]   add or change a day off (or a làm bù day)',
    run: async (args) => {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: {
          name: { type: "string" },
          "working-day": { type: "boolean" },
          commune: { type: "string" },
        },
      });
      const date = positionals[0];
      if (!date) throw new UsageError("holiday-add needs a date, e.g. 2027-02-12");
      if (!values.name)
        throw new UsageError('holiday-add needs --name "…", e.g. --name "Nghỉ bù Tết Nguyên Đán"');
      const { holiday, created } = await withDatabase(async (db) => {
        const communeId = await communeIdFor(db, values.commune);
        const kind = values["working-day"] ? "working_day" : "holiday";
        const input = { date, name: values.name!, kind, communeId } as const;
        return holidayUsage(addHoliday(db.prisma, input, cliEdit()));
      });
      const { communeId, ...day } = holiday;
      console.log(JSON.stringify({ ...day, commune: communeId ? values.commune : null, created }));
    },
  },
  "holiday-remove": {
    usage:
      "holiday-remove <YYYY-MM-DD> [--commune <slug>]   remove a day from the national or the commune's calendar",
    run: async (args) => {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: { commune: { type: "string" } },
      });
      const date = positionals[0];
      if (!date) throw new UsageError("holiday-remove needs a date, e.g. 2027-02-12");
      const { removed } = await withDatabase(async (db) => {
        const communeId = await communeIdFor(db, values.commune);
        return holidayUsage(removeHoliday(db.prisma, { date, communeId }, cliEdit()));
      });
      console.log(`removed ${removed.date} ${removed.name} (${values.commune ?? "national"})`);
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
          onProgress: progressPrinter("thủ tục"),
        }),
      );
      endProgress();
      for (const bad of report.bad)
        console.log(`line ${bad.line}${bad.code ? ` (${bad.code})` : ""}: ${bad.error}`);
      const { bad, ...counts } = report;
      console.log(`${values["dry-run"] ? "dry run: " : ""}${JSON.stringify({ ...counts, bad: bad.length })}`);
    },
  },
};

/** The commune named by --commune, or null (the national calendar) without it. */
async function communeIdFor(db: Database, slug: string | undefined): Promise<string | null> {
  if (slug === undefined) return null;
  // resolveCommune reads an empty slug as "the only commune": here it must name one.
  if (!slug) throw new UsageError("--commune needs a commune's slug");
  const commune = await resolveCommune(db.prisma, slug);
  if (!commune) throw new UsageError(`no commune with slug "${slug}"`);
  return commune.id;
}

/** Calendar edits from this CLI are audited as the "cli" operator. */
function cliEdit(): HolidayEditContext {
  return { actor: { label: "cli" }, channel: "cli", now: new Date() };
}

/** An operator's wrong date, name or kind is a usage error: exit 2 with the reason. */
async function holidayUsage<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw error instanceof HolidayEditError ? new UsageError(error.message) : error;
  }
}
