import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/db/client.js";
import { createApp } from "../../src/http/app.js";
import { createLogger } from "../../src/logger.js";
import { createTestDatabase } from "../support/test-database.js";

const log = createLogger("silent");
const scheduler = () => ({ state: "running" as const, timeZone: "Asia/Ho_Chi_Minh", jobs: [] });

function appFor(db: Database, overrides: { draining?: boolean; token?: string } = {}) {
  return createApp({
    log,
    health: {
      db,
      scheduler,
      zalo: () => ({ mode: "zalo", token: overrides.token ?? "ok" }),
      draining: () => overrides.draining ?? false,
    },
  });
}

describe("GET /health", () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  it("answers 200 with database, migrations, Zalo and scheduler state", async () => {
    const res = await request(appFor(db)).get("/health").expect(200);
    expect(res.body).toMatchObject({
      status: "ok",
      database: { reachable: true, provider: "sqlite" },
      migrations: { current: true, pending: [] },
      zalo: { mode: "zalo", token: "ok" },
      scheduler: { state: "running" },
    });
  });

  it("reports degraded, still 200, when the Zalo token cannot be refreshed", async () => {
    const res = await request(appFor(db, { token: "failed" }))
      .get("/health")
      .expect(200);
    expect(res.body.status).toBe("degraded");
  });

  it("answers 503 while draining so a load balancer stops sending work", async () => {
    const res = await request(appFor(db, { draining: true }))
      .get("/health")
      .expect(503);
    expect(res.body).toMatchObject({ status: "down", draining: true });
  });

  it("answers 503 when the database cannot be reached", async () => {
    // Nothing listens on port 1: the pool's connect fails, as with a database that is down.
    const unreachable = await openDatabase({
      provider: "postgres",
      url: "postgresql://nobody@127.0.0.1:1/none",
    });
    try {
      const res = await request(appFor(unreachable)).get("/health").expect(503);
      expect(res.body).toMatchObject({
        status: "down",
        database: { reachable: false, provider: "postgres" },
      });
    } finally {
      await unreachable.close();
    }
  });

  it("answers unknown paths with a JSON 404", async () => {
    const res = await request(appFor(db)).get("/nope").expect(404);
    expect(res.body).toEqual({ error: "not_found" });
  });
});
