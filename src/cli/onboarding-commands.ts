import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { type Config, loadConfig } from "../config.js";
import type { Database } from "../db/client.js";
import { communeBySlug, OnboardingError, upsertCommune } from "../domain/communes/communes.js";
import { upsertDepartment } from "../domain/communes/departments.js";
import { GROUP_PURPOSES, setGroupPurpose, syncGroups } from "../domain/communes/groups.js";
import { onboardingStatus } from "../domain/communes/onboarding-status.js";
import { reportLines } from "../domain/imports/report.js";
import { isTableInputError } from "../domain/imports/table.js";
import { importOfficials } from "../domain/officials/import-officials.js";
import { setServedProcedures } from "../domain/procedures/served.js";
import { createLogger } from "../logger.js";
import { ZaloAccounts } from "../zalo/accounts.js";
import { connectOa } from "../zalo/connect-oa.js";
import { type Command, UsageError, withDatabase } from "./command.js";
import { endProgress, progressPrinter } from "./progress.js";

/** Mistakes an operator can fix from the message are usage errors: exit 2 with the reason. */
async function operatorInput<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof OnboardingError || isTableInputError(error)) throw new UsageError(error.message);
    throw error;
  }
}

function need(value: string | undefined, what: string): string {
  if (!value) throw new UsageError(`${what} is required`);
  return value;
}

/** The Zalo app's accounts, in Zalo mode: to reach an OA from the command line. */
function zaloAccounts(db: Database, config: Config = loadConfig()): ZaloAccounts | null {
  if (config.mode !== "zalo") return null;
  const z = config.zalo;
  return new ZaloAccounts(
    db.prisma,
    {
      appId: z.appId!,
      appSecret: z.appSecret!,
      apiBaseUrl: z.apiBaseUrl,
      oauthBaseUrl: z.oauthBaseUrl,
      defaultOa: z.defaultOa,
    },
    createLogger("warn"),
  );
}

const commune: Command = {
  usage:
    'commune create --name "Xã …" --slug <slug> [--oa-id <id>] [--hotline …] [--address …] [--hours …] | commune connect-oa --commune <slug> (ZALO_REFRESH_TOKEN set) | commune status --commune <slug> | commune list',
  run: async (args) => {
    const [sub, ...rest] = args;
    const { values } = parseArgs({
      args: rest,
      options: {
        name: { type: "string" },
        slug: { type: "string" },
        commune: { type: "string" },
        "oa-id": { type: "string" },
        kind: { type: "string" },
        district: { type: "string" },
        province: { type: "string" },
        hotline: { type: "string" },
        address: { type: "string" },
        hours: { type: "string" },
        json: { type: "boolean" },
      },
    });
    switch (sub) {
      case "create":
        return withDatabase(async (db) => {
          const result = await operatorInput(
            upsertCommune(db.prisma, {
              name: need(values.name, "--name"),
              slug: need(values.slug, "--slug"),
              ...(values.kind ? { kind: values.kind as "xa" } : {}),
              ...(values["oa-id"] ? { oaId: values["oa-id"] } : {}),
              ...(values.district ? { district: values.district } : {}),
              ...(values.province ? { province: values.province } : {}),
              ...(values.hotline ? { hotline: values.hotline } : {}),
              ...(values.address ? { address: values.address } : {}),
              ...(values.hours ? { officeHours: values.hours } : {}),
            }),
          );
          console.log(JSON.stringify(result));
        });
      case "connect-oa": {
        const refreshToken = process.env.ZALO_REFRESH_TOKEN?.trim();
        if (!refreshToken) {
          throw new UsageError(
            "set ZALO_REFRESH_TOKEN to the OA's refresh token (from the OA admin's consent or the API Explorer); it is read from the environment so it never lands in the shell history",
          );
        }
        // Here ZALO_REFRESH_TOKEN is the commune's token, not a one-commune deployment's
        // default OA: the service's rule "ZALO_OA_ID and ZALO_REFRESH_TOKEN together" does
        // not apply, so the configuration is read without it.
        const config = loadConfig({ ...process.env, ZALO_REFRESH_TOKEN: undefined, ZALO_OA_ID: undefined });
        return withDatabase(async (db) => {
          const found = await operatorInput(communeBySlug(db.prisma, need(values.commune, "--commune")));
          const row = await db.prisma.commune.findUniqueOrThrow({ where: { id: found.id } });
          const oaId = values["oa-id"] ?? row.zaloOaId;
          if (!oaId)
            throw new UsageError(
              `the commune has no OA id: commune create --slug ${found.slug} --oa-id <id>`,
            );
          await operatorInput(connectOa(db.prisma, { communeId: found.id, oaId, refreshToken }));
          const accounts = zaloAccounts(db, config);
          if (accounts) {
            // Spend the refresh token now: a refused one is better found here than at the first message.
            try {
              await accounts.tokenManager(oaId).ensureFresh();
            } catch (error) {
              throw new UsageError(
                `Zalo refused the refresh token: ${error instanceof Error ? error.message : String(error)}`,
              );
            }
            console.log(`OA ${oaId} connected to ${found.name}: access token obtained`);
          } else {
            console.log(
              `OA ${oaId} stored for ${found.name}; the service will use it once Zalo credentials are set`,
            );
          }
        }, config);
      }
      case "status":
        return statusCommand.run(rest);
      case "list":
        return withDatabase(async (db) => {
          for (const c of await db.prisma.commune.findMany({ orderBy: { slug: "asc" } })) {
            console.log(`${c.slug}\t${c.name}\tOA ${c.zaloOaId ?? "-"}`);
          }
        });
      default:
        throw new UsageError("commune: create, connect-oa, status or list");
    }
  },
};

const statusCommand: Command = {
  usage: "status --commune <slug> [--json]    what the commune still lacks before it can go live",
  run: async (args) => {
    const { values } = parseArgs({
      args,
      options: { commune: { type: "string" }, json: { type: "boolean" } },
    });
    await withDatabase(async (db) => {
      const found = await operatorInput(communeBySlug(db.prisma, need(values.commune, "--commune")));
      const status = await onboardingStatus(db.prisma, found.id, {
        now: new Date(),
        defaultOaId: loadConfig().zalo.defaultOa?.oaId,
      });
      if (values.json) return console.log(JSON.stringify(status));
      console.log(`${status.commune.name} (${status.commune.slug})`);
      for (const item of status.items) {
        console.log(`${item.ok ? "✓" : item.required ? "✗" : "·"} ${item.message}`);
      }
      const missing = status.items.filter((i) => i.required && !i.ok).map((i) => i.key);
      console.log(status.ready ? "Sẵn sàng hoạt động." : `Chưa sẵn sàng: còn thiếu ${missing.join(", ")}.`);
    });
  },
};

const department: Command = {
  usage:
    'department add --commune <slug> --code VP --name "Văn phòng – Thống kê" [--aliases "VP UBND|Văn phòng UBND"] [--one-stop] | department list --commune <slug>',
  run: async (args) => {
    const [sub, ...rest] = args;
    const { values } = parseArgs({
      args: rest,
      options: {
        commune: { type: "string" },
        code: { type: "string" },
        name: { type: "string" },
        aliases: { type: "string" },
        "one-stop": { type: "boolean" },
      },
    });
    await withDatabase(async (db) => {
      const found = await operatorInput(communeBySlug(db.prisma, need(values.commune, "--commune")));
      if (sub === "list") {
        for (const d of await db.prisma.department.findMany({
          where: { communeId: found.id },
          orderBy: { code: "asc" },
        })) {
          console.log(
            `${d.code}\t${d.name}${d.isOneStop ? "\t(một cửa)" : ""}${d.aliases ? `\t${d.aliases}` : ""}`,
          );
        }
        return;
      }
      if (sub !== "add") throw new UsageError("department: add or list");
      const result = await operatorInput(
        upsertDepartment(db.prisma, found.id, {
          code: need(values.code, "--code").toUpperCase(),
          name: need(values.name, "--name"),
          aliases: (values.aliases ?? "")
            .split("|")
            .map((a) => a.trim())
            .filter(Boolean),
          oneStop: values["one-stop"] ?? false,
        }),
      );
      console.log(JSON.stringify(result));
    });
  },
};

/** `officials import <file> --commune <slug> [--dry-run]`: the operator command table lists it with `officials`. */
export async function importOfficialsCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { commune: { type: "string" }, "dry-run": { type: "boolean" } },
  });
  const file = need(positionals[0], "a CSV or XLSX file of officials");
  await withDatabase(async (db) => {
    const found = await operatorInput(communeBySlug(db.prisma, need(values.commune, "--commune")));
    const report = await operatorInput(
      importOfficials(db.prisma, found.id, file, {
        dryRun: values["dry-run"] ?? false,
        onProgress: progressPrinter("cán bộ"),
      }),
    );
    endProgress();
    for (const line of reportLines(report)) console.log(line);
    const { bad, warnings, ...counts } = report;
    console.log(JSON.stringify({ ...counts, bad: bad.length, warnings: warnings.length }));
  });
}

const groups: Command = {
  usage:
    "groups --commune <slug> [--sync] [--json]   the commune's Zalo groups (--sync: fetch them from the OA first)",
  run: async (args) => {
    const { values } = parseArgs({
      args,
      options: { commune: { type: "string" }, sync: { type: "boolean" }, json: { type: "boolean" } },
    });
    await withDatabase(async (db) => {
      const found = await operatorInput(communeBySlug(db.prisma, need(values.commune, "--commune")));
      if (values.sync) {
        const accounts = zaloAccounts(db);
        if (!accounts)
          throw new UsageError("--sync needs the Zalo credentials (ZALO_APP_ID …) to ask the OA");
        const client = await accounts.clientFor(found.id);
        const listed: { groupId: string; name: string }[] = [];
        for (let offset = 0; ; offset += 50) {
          const page = await client.listGroups(offset, 50);
          listed.push(...page.groups);
          if (page.groups.length < 50 || listed.length >= page.total) break;
        }
        const result = await syncGroups(db.prisma, found.id, listed);
        console.error(`${listed.length} groups from the OA: ${result.added} new, ${result.renamed} renamed`);
      }
      const rows = await db.prisma.zaloGroup.findMany({
        where: { communeId: found.id },
        orderBy: { name: "asc" },
        include: { department: { select: { code: true } } },
      });
      for (const g of rows) {
        if (values.json)
          console.log(
            JSON.stringify({
              groupId: g.groupId,
              name: g.name,
              purpose: g.purpose,
              department: g.department?.code ?? null,
            }),
          );
        else
          console.log(`${g.groupId}\t${g.purpose}${g.department ? `:${g.department.code}` : ""}\t${g.name}`);
      }
    });
  },
};

const group: Command = {
  usage: `group set <groupId> --commune <slug> --purpose ${GROUP_PURPOSES.join("|")} [--department <code>]`,
  run: async (args) => {
    const [sub, ...rest] = args;
    if (sub !== "set") throw new UsageError("group: set");
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { commune: { type: "string" }, purpose: { type: "string" }, department: { type: "string" } },
    });
    await withDatabase(async (db) => {
      const found = await operatorInput(communeBySlug(db.prisma, need(values.commune, "--commune")));
      await operatorInput(
        setGroupPurpose(db.prisma, found.id, need(positionals[0], "the group id"), {
          purpose: need(values.purpose, "--purpose") as (typeof GROUP_PURPOSES)[number],
          ...(values.department ? { departmentCode: values.department.toUpperCase() } : {}),
        }),
      );
      console.log(
        `group ${positionals[0]}: ${values.purpose}${values.department ? ` (${values.department})` : ""}`,
      );
    });
  },
};

/** The text of `--only`'s file; a file that cannot be read is the operator's to fix. */
function readCodesFile(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : String(error);
    throw new UsageError(
      `--only ${file}: ${reason}; give a text file of procedure codes, one per line (assets/samples/thu-tuc-phuc-vu.txt shows one)`,
    );
  }
}

const procedures: Command = {
  usage:
    "procedures serve --commune <slug> (--only <file of codes> | --codes 1.001193,2.000815 | --all)   which catalogue procedures the commune serves",
  run: async (args) => {
    const [sub, ...rest] = args;
    if (sub !== "serve") throw new UsageError("procedures: serve");
    const { values } = parseArgs({
      args: rest,
      options: {
        commune: { type: "string" },
        only: { type: "string" },
        codes: { type: "string" },
        all: { type: "boolean" },
      },
    });
    const listed = values.only
      ? readCodesFile(values.only).split(/[\s,;]+/)
      : values.codes
        ? values.codes.split(/[\s,;]+/)
        : null;
    const codes = listed?.map((c) => c.trim()).filter((c) => /^\d+\.\d+$/.test(c));
    if (!values.all && !codes?.length)
      throw new UsageError(
        values.only
          ? `--only ${values.only}: no procedure codes (such as 1.001193) in it`
          : "give --all, --codes or --only <file of procedure codes>",
      );
    await withDatabase(async (db) => {
      const found = await operatorInput(communeBySlug(db.prisma, need(values.commune, "--commune")));
      const result = await setServedProcedures(
        db.prisma,
        found.id,
        values.all ? { all: true } : { codes: codes! },
      );
      if (result.unknownCodes.length > 0)
        console.error(`not in the catalogue: ${result.unknownCodes.join(", ")}`);
      console.log(JSON.stringify(result));
    });
  },
};

/** Bringing a commune to life: the commune and its OA, departments, officials, groups, procedures. */
export const onboardingCommands: Record<string, Command> = {
  commune,
  status: statusCommand,
  department,
  groups,
  group,
  procedures,
};
