import express from "express";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { loadWorkingCalendar } from "../../src/domain/calendar/load-calendar.js";
import { publicHolidays } from "../../src/domain/calendar/vietnam-holidays.js";
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

describe("admin API for the working calendar", () => {
  let db: Database;
  let app: express.Express;
  let communeId: string;
  const auth = { Authorization: `Bearer ${TOKEN}` };
  beforeAll(async () => {
    db = await createTestDatabase();
    communeId = (await db.prisma.commune.create({ data: { slug: "hoa-an", name: "Xã Hòa An", kind: "xa" } }))
      .id;
    app = express().use(
      adminRouter({
        token: TOKEN,
        prisma: db.prisma,
        inbox: new InboxStore(db.prisma),
        outbox: new OutboxStore(db.prisma),
      }),
    );
  });
  afterAll(() => db.close());

  it("needs the bearer token", async () => {
    await request(app).get("/admin/holidays?year=2027").expect(401);
    await request(app).post("/admin/holidays").send({ date: "2027-02-12", name: "X" }).expect(401);
    await request(app).delete("/admin/holidays/2027-02-10").expect(401);
    expect(await db.prisma.holiday.count()).toBe(0);
  });

  it("lists, adds, changes and removes national and commune days", async () => {
    const listed = await request(app).get("/admin/holidays?year=2027").set(auth).expect(200);
    expect(listed.body).toMatchObject({ year: 2027, commune: null });
    expect(listed.body.holidays).toHaveLength(publicHolidays(2027).length);
    expect(listed.body.holidays[0]).toEqual({
      date: "2027-01-01",
      name: "Tết Dương lịch",
      kind: "holiday",
      scope: "national",
      source: "defaults",
    });

    const added = await request(app)
      .post("/admin/holidays")
      .set(auth)
      .send({ date: "2027-02-20", name: "Làm bù cho ngày nghỉ 12/2", kind: "working_day" })
      .expect(201);
    expect(added.body).toEqual({
      holiday: { date: "2027-02-20", name: "Làm bù cho ngày nghỉ 12/2", kind: "working_day", commune: null },
      created: true,
    });
    const renamed = await request(app)
      .post("/admin/holidays")
      .set(auth)
      .send({ date: "2027-02-20", name: "Làm bù", kind: "working_day" })
      .expect(200);
    expect(renamed.body.created).toBe(false);
    await request(app)
      .post("/admin/holidays")
      .set(auth)
      .send({ date: "2027-03-15", name: "Lễ hội đình làng", commune: "hoa-an" })
      .expect(201);
    const removed = await request(app).delete("/admin/holidays/2027-02-10").set(auth).expect(200);
    expect(removed.body.removed).toEqual({
      date: "2027-02-10",
      name: "Nghỉ bù Tết Nguyên Đán",
      kind: "holiday",
      commune: null,
    });

    const national = await loadWorkingCalendar(db.prisma);
    const local = await loadWorkingCalendar(db.prisma, communeId);
    expect(national.isWorkingDay("2027-02-20")).toBe(true);
    expect(national.isWorkingDay("2027-02-10")).toBe(true);
    expect(national.isWorkingDay("2027-02-09")).toBe(false);
    expect([national.isWorkingDay("2027-03-15"), local.isWorkingDay("2027-03-15")]).toEqual([true, false]);

    const forCommune = await request(app)
      .get("/admin/holidays?year=2027&commune=hoa-an")
      .set(auth)
      .expect(200);
    expect(
      forCommune.body.holidays
        .filter((h: { scope: string }) => h.scope === "commune")
        .map((h: { date: string }) => h.date),
    ).toEqual(["2027-03-15"]);
    await request(app).delete("/admin/holidays/2027-03-15?commune=hoa-an").set(auth).expect(200);
    expect((await loadWorkingCalendar(db.prisma, communeId)).isWorkingDay("2027-03-15")).toBe(true);
    const audit = await db.prisma.auditLog.findMany({ where: { entityType: "holiday" } });
    expect(audit).toHaveLength(5);
    expect(new Set(audit.map((a) => `${a.channel}/${a.actorLabel}`))).toEqual(
      new Set(["admin_api/operator"]),
    );
  });

  it("answers bad input with 400 and unknown days or communes with 404, each with the reason", async () => {
    const post = (body: unknown) =>
      request(app)
        .post("/admin/holidays")
        .set(auth)
        .send(body as object);
    const cases: [request.Test, number, string][] = [
      [
        post({ date: "2027-02-30", name: "X" }),
        400,
        'date: expected a real day written YYYY-MM-DD (got "2027-02-30")',
      ],
      [post({ name: "X" }), 400, "date: date is required, written YYYY-MM-DD"],
      [post({ date: "2027-03-05" }), 400, "name: name is required, e.g. Nghỉ bù Tết Nguyên Đán"],
      [
        post({ date: "2027-03-05", name: "X", kind: "off" }),
        400,
        'kind: kind must be "holiday" or "working_day"',
      ],
      [
        post({ date: "2027-03-03", name: "Làm bù", kind: "working_day" }),
        400,
        "2027-03-03 (thứ Tư) is a weekday and not a national day off, so it is a working day already: " +
          "a working_day must be a Saturday or Sunday, or a national day off",
      ],
      [post({ date: "2027-03-05", name: "X", commune: "nope" }), 404, 'no commune with slug "nope"'],
      [
        request(app)
          .post("/admin/holidays")
          .set(auth)
          .set("Content-Type", "application/json")
          .send("{not json"),
        400,
        "the body is not valid JSON",
      ],
      [
        request(app).get("/admin/holidays?year=abc").set(auth),
        400,
        "year: year must be a number such as 2027",
      ],
      [request(app).get("/admin/holidays?commune=nope").set(auth), 404, 'no commune with slug "nope"'],
      [
        request(app).delete("/admin/holidays/2027-13-01").set(auth),
        400,
        'date: expected a real day written YYYY-MM-DD (got "2027-13-01")',
      ],
      [
        request(app).delete("/admin/holidays/2027-03-04").set(auth),
        404,
        "2027-03-04 is not in the national calendar: nothing to remove",
      ],
      [
        request(app).delete("/admin/holidays/2027-03-04?commune=hoa-an").set(auth),
        404,
        "2027-03-04 is not in the commune's own calendar: nothing to remove",
      ],
    ];
    for (const [req, status, error] of cases) {
      const res = await req;
      expect({ status: res.status, error: res.body.error }).toEqual({ status, error });
    }
  });
});
