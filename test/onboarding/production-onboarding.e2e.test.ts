import { randomBytes, randomUUID } from "node:crypto";
import { join } from "node:path";
import nock from "nock";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { inject } from "vitest";
import { runCli } from "../../src/cli/commands.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { type RunningService, startService } from "../../src/service.js";
import { signZaloBody } from "../../src/zalo/signature.js";
import { startFakeZaloServer } from "../support/fake-zalo-server.js";
import { pgAdmin } from "../support/pg-admin.js";
import { type ReadmeCliCommand, readmeSection } from "../support/readme-commands.js";
import { type Provider, providers } from "../support/test-database.js";

/**
 * README's "Onboarding a commune", command for command, on an empty database in production
 * mode (no demo seed): the commands are read from the README itself and run in process
 * through the CLI's command table, then a citizen's question and an official's first
 * messages go through the webhook and their answers leave for Zalo (a fake Zalo on the
 * loopback, which speaks the token refresh and group list the commands need; nock refuses
 * anything else). If README changes, this test runs what it says now.
 */
const README = readmeSection("Onboarding a commune");
const APP = { id: "555000111", secret: "app-secret", oaSecretKey: "oa-secret-key" };
/** The groups the fake OA owns, by the purpose README's `group set` lines give them. */
const GROUPS: Record<string, { groupId: string; name: string }> = {
  leaders: { groupId: "group-lanh-dao", name: "Lãnh đạo UBND xã" },
  one_stop_desk: { groupId: "group-mot-cua", name: "Bộ phận một cửa" },
  department: { groupId: "group-tu-phap", name: "Tư pháp – Hộ tịch" },
};

function option(command: ReadmeCliCommand, name: string): string {
  const i = command.args.indexOf(name);
  if (i < 0) throw new Error(`README's "${command.line}" has no ${name}`);
  return command.args[i + 1]!;
}

const commands = (name: string) => README.commands.filter((c) => c.args[0] === name);

/** An empty database of the provider: nothing migrated, nothing seeded. */
async function emptyDatabase(provider: Provider): Promise<{ url: string; drop: () => Promise<void> }> {
  if (provider === "sqlite") {
    return { url: `file:${join(inject("tmpDir"), `${randomUUID()}.db`)}`, drop: async () => {} };
  }
  const base = inject("pgUrl");
  const name = `tro_ly_xa_onboard_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  await pgAdmin(base, (client) => client.query(`CREATE DATABASE ${name}`));
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      await pgAdmin(base, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** Runs `npm run cli -- <args>` in process with `env` added; returns its exit code and output. */
async function cli(args: readonly string[], env: Record<string, string> = {}) {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  const error = vi
    .spyOn(console, "error")
    .mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
  try {
    const code = await runCli(args);
    return { code, stdout: out.join("\n"), stderr: err.join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
    process.env = saved;
  }
}

describe("README's section lists the commands this test runs", () => {
  it("has the steps an operator types, with nothing but the install and the start besides", () => {
    expect(README.commands.map((c) => c.args.slice(0, c.args[0] === "commune" ? 2 : 1).join(" "))).toEqual(
      expect.arrayContaining([
        "migrate",
        "import-procedures",
        "commune create",
        "commune connect-oa",
        "department",
        "officials",
        "groups",
        "group",
        "procedures",
        "import-plan",
        "import-dossiers",
        "status",
        "link-code",
      ]),
    );
    expect(README.other).toEqual(["npm ci --include=dev", "npm run build && npm run start:prod"]);
  });
});

describe.each(providers())("README's onboarding on an empty %s database, in production", (provider) => {
  const createCommand = commands("commune").find((c) => c.args[1] === "create")!;
  const OA_ID = option(createCommand, "--oa-id");
  const slug = option(createCommand, "--slug");
  let zalo: Awaited<ReturnType<typeof startFakeZaloServer>>;
  let database: Awaited<ReturnType<typeof emptyDatabase>>;
  let service: RunningService | undefined;
  const savedEnv = { ...process.env };
  let clock = Date.now();
  const outputs = new Map<ReadmeCliCommand, { stdout: string; stderr: string }>();

  async function say(userId: string, text: string) {
    const before = zalo.fake.messages.length;
    const body = JSON.stringify({
      app_id: APP.id,
      event_name: "user_send_text",
      timestamp: String((clock += 1000)),
      sender: { id: userId },
      recipient: { id: OA_ID },
      message: { msg_id: randomBytes(10).toString("hex"), text },
    });
    const res = await request(service!.server)
      .post("/webhooks/zalo")
      .set("Content-Type", "application/json")
      .set("X-ZEvent-Signature", signZaloBody(APP.id, body, String(clock), APP.oaSecretKey))
      .send(body);
    expect(res.status).toBe(200);
    return zalo.waitFor((m) => m.seq > before && m.recipient.id === userId, 15_000);
  }

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
    zalo = await startFakeZaloServer({
      appId: APP.id,
      appSecret: APP.secret,
      oas: [{ oaId: OA_ID, groups: Object.values(GROUPS) }],
    });
    database = await emptyDatabase(provider);
    // README's step 0 exports these (checked below); the Zalo addresses point at the fake.
    const env = {
      DATABASE_URL: database.url,
      NODE_ENV: "production",
      ADMIN_API_TOKEN: "a".repeat(32),
      PUBLIC_BASE_URL: "https://troly.example.gov.vn",
      ZALO_APP_ID: APP.id,
      ZALO_APP_SECRET: APP.secret,
      ZALO_OA_SECRET_KEY: APP.oaSecretKey,
      ZALO_API_BASE_URL: zalo.url,
      ZALO_OAUTH_BASE_URL: `${zalo.url}/oauth`,
      LOG_LEVEL: "silent",
    };
    expect(Object.keys(env)).toEqual(expect.arrayContaining(README.exported));
    for (const key of ["SEED_DEMO", "ZALO_OA_ID", "ZALO_REFRESH_TOKEN", "PORT"]) delete process.env[key];
    Object.assign(process.env, env);
  }, 60_000);

  afterAll(async () => {
    await service?.stop();
    await zalo?.close();
    await database?.drop();
    process.env = savedEnv;
    nock.enableNetConnect();
  });

  it("brings the commune from nothing to ready with README's commands alone", async () => {
    for (const command of README.commands) {
      const env = { ...command.env };
      if (env.ZALO_REFRESH_TOKEN === "<refresh token>")
        env.ZALO_REFRESH_TOKEN = zalo.fake.refreshTokenOf(OA_ID);
      const args = command.args.map((a) =>
        a === "<group id>" ? GROUPS[option(command, "--purpose")]!.groupId : a,
      );
      expect(
        args.filter((a) => /^<.*>$/.test(a)),
        command.line,
      ).toEqual([]);
      const result = await cli(args, env);
      expect(result.code, `${command.line}\n${result.stderr}`).toBe(0);
      outputs.set(command, result);
    }
    const status = outputs.get(commands("status")[0]!)!.stdout;
    expect(status).toMatch(/✓ OA đã kết nối/);
    expect(status.trim().split("\n").at(-1)).toBe("Sẵn sàng hoạt động.");
    const plan = JSON.parse(outputs.get(commands("import-plan")[0]!)!.stdout.split("\n").at(-1)!) as {
      created: number;
      bad: number;
    };
    expect(plan).toMatchObject({ created: 39, bad: 0 });
    // The sample plan's "Kế toán Tài chính xã" is the commune's "Tài chính – Kế toán".
    expect(outputs.get(commands("import-plan")[0]!)!.stdout).not.toMatch(/Kế toán Tài chính/);
  }, 240_000);

  it("answers a citizen through the commune's OA, and links an official who then lists their tasks", async () => {
    expect(outputs.size, "the onboarding commands ran").toBe(README.commands.length);
    const config = loadConfig({ ...process.env, PORT: "0" });
    expect(config).toMatchObject({ env: "production", mode: "zalo", seedDemo: false });
    service = await startService(config, createLogger("silent"));
    const prisma = service.db.prisma;
    expect(await prisma.commune.findMany({ select: { slug: true } })).toEqual([{ slug }]);

    const answer = await say("citizen-1", "làm giấy khai sinh cần gì");
    expect(answer.oaId).toBe(OA_ID);
    expect(answer.text).toMatch(/^Thủ tục đăng ký khai sinh \(mã 1\.001193\)/);

    const linkCommand = commands("link-code")[0]!;
    const code = outputs.get(linkCommand)!.stdout.trim().split("\n").at(-1)!;
    expect(code).toMatch(/^\d{6}$/);
    const official = await prisma.official.findFirstOrThrow({
      where: { phone: { contains: linkCommand.args[1]!.slice(-3) } },
      include: { department: true },
    });
    const linked = await say("official-1", `đăng ký ${code}`);
    expect(linked.text).toMatch(new RegExp(`^Đã liên kết tài khoản Zalo với ${official.name}`));

    const mine = await say("official-1", "việc của tôi");
    expect(mine.oaId).toBe(OA_ID);
    expect(mine.text).toMatch(/^Việc của anh\/chị \(\d+\):/);
    const listed = [...mine.text.matchAll(/^\d+\. (NV\d+) · /gm)].map((m) => m[1]!);
    expect(listed.length).toBeGreaterThan(0);
    const tasks = await prisma.task.findMany({ where: { code: { in: listed } } });
    expect(tasks).toHaveLength(listed.length);
    for (const task of tasks) {
      // Each one is a task of the imported plan that the official's department leads or joins.
      expect(task.importKey).toMatch(/^plan:2023:/);
      const inDepartment =
        task.leadDepartmentId === official.departmentId ||
        (await prisma.taskCooperator.count({
          where: { taskId: task.id, departmentId: official.departmentId! },
        })) > 0;
      expect(inDepartment, task.code).toBe(true);
    }
  }, 60_000);

  it("calls a missing --only file a usage error, naming it", async () => {
    const result = await cli(["procedures", "serve", "--commune", slug, "--only", "no-such-codes.txt"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--only no-such-codes\.txt: no such file/);
  });
});
