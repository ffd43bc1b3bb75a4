import express from "express";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { adminRouter } from "../../src/http/admin.js";
import { InboxStore } from "../../src/zalo/inbox.js";
import { OutboxStore } from "../../src/zalo/outbox.js";
import { createTestDatabase } from "../support/test-database.js";

const TOKEN = "admin-token-for-tests-0123456789";

describe("admin API", () => {
  let db: Database;
  let app: express.Express;
  let inbox: InboxStore;
  beforeAll(async () => {
    db = await createTestDatabase();
    inbox = new InboxStore(db.prisma, { maxAttempts: 1, leaseMs: 60_000, backoffMs: () => 0 });
    app = express().use(
      adminRouter({ token: TOKEN, prisma: db.prisma, inbox, outbox: new OutboxStore(db.prisma) }),
    );
  });
  afterAll(() => db.close());

  it("refuses requests without the right bearer token, and is off without a configured token", async () => {
    await request(app).get("/admin/inbox").expect(401);
    await request(app).get("/admin/inbox").set("Authorization", "Bearer wrong").expect(401);
    const off = express().use(
      adminRouter({ token: undefined, prisma: db.prisma, inbox, outbox: new OutboxStore(db.prisma) }),
    );
    expect((await request(off).get("/admin/inbox").expect(503)).body.error).toBe("admin_api_disabled");
  });

  it("lists a parked event with its error, without the citizen's message, and replays it", async () => {
    await inbox.insert({
      communeId: null,
      oaId: null,
      eventName: "user_send_text",
      dedupeKey: "p1",
      orderKey: "u",
      payload: JSON.stringify({ message: { text: "số điện thoại của tôi 0912345678" } }),
    });
    const [claimed] = await inbox.claim(1);
    await inbox.fail(claimed!, "handler crashed");
    const auth = { Authorization: `Bearer ${TOKEN}` };
    const list = await request(app).get("/admin/inbox?status=parked").set(auth).expect(200);
    expect(list.body.events).toEqual([
      expect.objectContaining({ id: claimed!.id, lastError: "handler crashed" }),
    ]);
    expect(JSON.stringify(list.body)).not.toContain("0912345678");

    await request(app).post(`/admin/inbox/${claimed!.id}/replay`).set(auth).expect(200);
    expect((await db.prisma.inboxEvent.findUniqueOrThrow({ where: { id: claimed!.id } })).status).toBe(
      "pending",
    );
    await request(app).post(`/admin/inbox/${claimed!.id}/replay`).set(auth).expect(404);
  });

  it("answers a bad status filter with 400", async () => {
    await request(app)
      .get("/admin/outbox?status=bogus")
      .set({ Authorization: `Bearer ${TOKEN}` })
      .expect(400);
  });
});

describe("admin API for officials' links", () => {
  it("issues a link code for an official and revokes the link", async () => {
    const db = await createTestDatabase();
    try {
      const commune = await db.prisma.commune.create({ data: { slug: "x", name: "Xã X", kind: "xa" } });
      const official = await db.prisma.official.create({
        data: {
          communeId: commune.id,
          name: "Lê A",
          title: "Công chức",
          role: "officer",
          phone: "0911111111",
        },
      });
      const app = express().use(
        adminRouter({
          token: TOKEN,
          prisma: db.prisma,
          inbox: new InboxStore(db.prisma),
          outbox: new OutboxStore(db.prisma),
        }),
      );
      const auth = { Authorization: `Bearer ${TOKEN}` };
      const listed = await request(app).get("/admin/officials").set(auth).expect(200);
      expect(listed.body.officials).toEqual([expect.objectContaining({ id: official.id, linked: false })]);
      const issued = await request(app)
        .post(`/admin/officials/${official.id}/link-code`)
        .set(auth)
        .expect(201);
      expect(issued.body.code).toMatch(/^\d{6}$/);
      await request(app).post("/admin/officials/nope/link-code").set(auth).expect(404);
      const revoked = await request(app)
        .post(`/admin/officials/${official.id}/revoke-link`)
        .set(auth)
        .expect(200);
      expect(revoked.body).toMatchObject({ revokedCodes: 1 });
    } finally {
      await db.close();
    }
  });
});
