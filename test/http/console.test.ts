import type { Express } from "express";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import {
  CONSOLE_LINK_TTL_MS,
  createConsoleLink,
  createConsoleSession,
} from "../../src/domain/console/console-access.js";
import { createApp } from "../../src/http/app.js";
import { consoleRouter, type ConsoleDeps } from "../../src/http/console/console-router.js";
import type { JobRunner } from "../../src/jobs/runner.js";
import { createLogger } from "../../src/logger.js";
import { InboxStore } from "../../src/zalo/inbox.js";
import { OutboxStore } from "../../src/zalo/outbox.js";
import { createReportCommune } from "../domain/reports/report-fixture.js";
import { createTestDatabase, providers } from "../support/test-database.js";

const TOKEN = "console-admin-token-0123456789";

function consoleApp(db: Database, overrides: Partial<ConsoleDeps> = {}): Express {
  return createApp({
    log: createLogger("silent"),
    health: {
      db,
      scheduler: () => ({ state: "running", timeZone: "Asia/Ho_Chi_Minh", jobs: [] }),
      zalo: () => ({ mode: "sandbox", token: "ok" }),
      draining: () => false,
    },
    mount: (a) =>
      a.use(
        consoleRouter({
          prisma: db.prisma,
          log: createLogger("silent"),
          adminToken: TOKEN,
          publicBaseUrl: "http://localhost:3000",
          production: false,
          jobs: {} as JobRunner,
          schedules: {},
          timeZone: "Asia/Ho_Chi_Minh",
          inbox: new InboxStore(db.prisma),
          outbox: new OutboxStore(db.prisma),
          ...overrides,
        }),
      ),
  });
}

/** The hidden `_csrf` field of a page. */
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

/** Signs the agent in as the operator; answers the session's CSRF token. */
async function signInOperator(agent: ReturnType<typeof request.agent>): Promise<string> {
  const form = await agent.get("/console/sign-in").expect(200);
  await agent
    .post("/console/sign-in")
    .type("form")
    .send({ _csrf: csrfOf(form.text), token: TOKEN })
    .expect(303)
    .expect("location", "/console/operator");
  const page = await agent.get("/console/operator").expect(200);
  return csrfOf(page.text)!;
}

describe.each(providers())("the web console's sign-in on %s", (provider) => {
  let db: Database;
  let app: Express;
  let leaderId: string;

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    const { communeId } = await createReportCommune(db.prisma);
    leaderId = (await db.prisma.official.findFirstOrThrow({ where: { communeId, role: "leader" } })).id;
    app = consoleApp(db);
  }, 60_000);
  afterAll(() => db.close());

  it("lets nothing through without a session: pages go to sign-in, the rest is 401", async () => {
    for (const path of ["/console", "/console/leader", "/console/operator", "/console/static/console.js"]) {
      const res = await request(app).get(path).set("Accept", "text/html").expect(303);
      expect(res.headers.location).toBe("/console/sign-in");
    }
    await request(app).get("/console/report.xlsx").set("Accept", "application/json").expect(401);
    // Only the stylesheet, which the sign-in page needs, is served before signing in.
    await request(app).get("/console/static/console.css").expect(200).expect("content-type", /css/);
    await request(app).post("/console/operator/outbox/x/retry").expect(401);
    await request(app).post("/console/operator/dossiers/import?commune=x").send("a,b").expect(401);
  });

  it("signs the operator in with the admin token into an HttpOnly, SameSite=Strict, expiring cookie", async () => {
    const agent = request.agent(app);
    const form = await agent.get("/console/sign-in").expect(200);
    const wrong = await agent
      .post("/console/sign-in")
      .type("form")
      .send({ _csrf: csrfOf(form.text), token: "not-the-token-at-all" })
      .expect(401);
    expect(wrong.text).toContain("Mã quản trị không đúng");
    const ok = await agent
      .post("/console/sign-in")
      .type("form")
      .send({ _csrf: csrfOf(wrong.text), token: TOKEN })
      .expect(303);
    const cookie = [ok.headers["set-cookie"]].flat().find((c) => c?.startsWith("console_session="))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Expires=/);
    expect(cookie).toMatch(/Path=\/console/);
    const page = await agent.get("/console/operator").expect(200);
    expect(page.text).toContain("Vận hành");
    // The token is stored hashed: no row holds the cookie's value.
    const value = /console_session=([^;]+)/.exec(cookie)![1]!;
    expect(await db.prisma.consoleSession.count({ where: { tokenHash: value } })).toBe(0);
  });

  it("stops taking guesses of the admin token from an address after ten", async () => {
    const guesser = consoleApp(db);
    const agent = request.agent(guesser);
    const form = await agent.get("/console/sign-in").expect(200);
    const pre = csrfOf(form.text);
    for (let i = 0; i < 10; i++) {
      await agent
        .post("/console/sign-in")
        .type("form")
        .send({ _csrf: pre, token: `guess-${i}-0123456789` })
        .expect(401);
    }
    const refused = await agent
      .post("/console/sign-in")
      .type("form")
      .send({ _csrf: pre, token: TOKEN })
      .expect(429);
    expect(refused.text).toContain("15 phút");
  });

  it("refuses a sign-in form without its CSRF token", async () => {
    const agent = request.agent(app);
    await agent.get("/console/sign-in").expect(200);
    await agent.post("/console/sign-in").type("form").send({ _csrf: "forged", token: TOKEN }).expect(403);
    await request(app).post("/console/sign-in").type("form").send({ token: TOKEN }).expect(403);
  });

  it("refuses a change with a forged or missing CSRF token, and takes the session's own", async () => {
    const agent = request.agent(app);
    const csrf = await signInOperator(agent);
    await agent
      .post("/console/operator/outbox/none/retry")
      .type("form")
      .send({ _csrf: "forged" })
      .expect(403);
    await agent.post("/console/operator/outbox/none/retry").type("form").send({}).expect(403);
    await agent.post("/console/operator/outbox/none/retry").set("x-csrf-token", `${csrf}x`).expect(403);
    // Another session's token is no good either.
    const other = await signInOperator(request.agent(app));
    await agent.post("/console/operator/outbox/none/retry").type("form").send({ _csrf: other }).expect(403);
    await agent.post("/console/operator/outbox/none/retry").type("form").send({ _csrf: csrf }).expect(303);
    await agent.post("/console/operator/outbox/none/retry").set("x-csrf-token", csrf).expect(303);
  });

  it("opens the console for a leader through the one-time link, once", async () => {
    const { token } = await createConsoleLink(db.prisma, leaderId, new Date());
    const agent = request.agent(app);
    // Opening the link (as a chat preview would) does not spend it.
    const landing = await agent.get(`/console/link/${token}`).expect(200);
    await agent.get(`/console/link/${token}`).expect(200);
    await agent
      .post(`/console/link/${token}`)
      .type("form")
      .send({ _csrf: csrfOf(landing.text) })
      .expect(303)
      .expect("location", "/console/leader");
    const leaderPage = await agent.get("/console/leader").expect(200);
    expect(leaderPage.text).toContain("Lê Lãnh Đạo");
    // A leader sees their own commune whatever the query names.
    const other = await db.prisma.commune.create({
      data: { slug: `khac-${provider}`, name: "Xã Khác", kind: "xa" },
    });
    const asked = await agent.get(`/console/leader?commune=${other.slug}`).expect(200);
    expect(asked.text).not.toContain("Xã Khác");
    // A leader is not the operator.
    await agent.get("/console/operator").expect(403);
    // A leader who is no longer one loses the session.
    await db.prisma.official.update({ where: { id: leaderId }, data: { role: "officer" } });
    await agent.get("/console/leader").set("Accept", "text/html").expect(303);
    await db.prisma.official.update({ where: { id: leaderId }, data: { role: "leader" } });
    await agent.get("/console/leader").expect(200);

    // The same link a second time, even from another browser, is refused.
    const again = request.agent(app);
    const second = await again.get(`/console/link/${token}`).expect(200);
    const reused = await again
      .post(`/console/link/${token}`)
      .type("form")
      .send({ _csrf: csrfOf(second.text) })
      .expect(403);
    expect(reused.text).toContain("đã được dùng");
    await again.get("/console/leader").set("Accept", "text/html").expect(303);
    const audit = await db.prisma.auditLog.findMany({
      where: { entityId: leaderId, action: { startsWith: "console_" } },
    });
    expect(audit.map((a) => a.action).sort()).toEqual(["console_link_created", "console_signed_in"]);
  });

  it("refuses an expired link, an unknown one, and a link not posted from its own page", async () => {
    const past = new Date(Date.now() - CONSOLE_LINK_TTL_MS - 1000);
    const { token } = await createConsoleLink(db.prisma, leaderId, past);
    const agent = request.agent(app);
    const landing = await agent.get(`/console/link/${token}`).expect(200);
    const expired = await agent
      .post(`/console/link/${token}`)
      .type("form")
      .send({ _csrf: csrfOf(landing.text) })
      .expect(403);
    expect(expired.text).toContain("hết hạn");
    await agent
      .post("/console/link/not-a-link")
      .type("form")
      .send({ _csrf: csrfOf(landing.text) })
      .expect(403);
    const fresh = await createConsoleLink(db.prisma, leaderId, new Date());
    await request(app)
      .post(`/console/link/${fresh.token}`)
      .type("form")
      .send({ _csrf: "forged" })
      .expect(403);
    // …and that forged attempt did not spend it.
    const ok = request.agent(app);
    const page = await ok.get(`/console/link/${fresh.token}`).expect(200);
    await ok
      .post(`/console/link/${fresh.token}`)
      .type("form")
      .send({ _csrf: csrfOf(page.text) })
      .expect(303);
  });

  it("refuses an expired session, and ends one on sign-out", async () => {
    const old = await createConsoleSession(
      db.prisma,
      { role: "operator" },
      new Date(Date.now() - 9 * 3600_000),
    );
    await request(app)
      .get("/console/operator")
      .set("Cookie", `console_session=${old.token}`)
      .set("Accept", "text/html")
      .expect(303)
      .expect("location", "/console/sign-in");
    const agent = request.agent(app);
    const csrf = await signInOperator(agent);
    await agent.post("/console/sign-out").type("form").send({ _csrf: csrf }).expect(303);
    await agent.get("/console/operator").set("Accept", "text/html").expect(303);
  });

  it("in production answers only on the public URL's host, with Secure cookies", async () => {
    const prod = consoleApp(db, { production: true, publicBaseUrl: "https://xa.example.vn" });
    await request(prod).get("/console/sign-in").set("Host", "10.0.0.5:3000").expect(404);
    const res = await request(prod).get("/console/sign-in").set("Host", "xa.example.vn").expect(200);
    expect([res.headers["set-cookie"]].flat().join(";")).toMatch(/Secure/);
  });
});
