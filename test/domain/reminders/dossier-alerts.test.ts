import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.js";
import { loadWorkingCalendar } from "../../../src/domain/calendar/load-calendar.js";
import type { WorkingCalendar } from "../../../src/domain/calendar/working-days.js";
import {
  apologiesOutstanding,
  dueForEscalation,
  newlyOverdue,
} from "../../../src/domain/reminders/dossier-alerts.js";
import { createTestDatabase, providers } from "../../support/test-database.js";
import { addDossier, at17, createSmallCommune, vn } from "../tasks/small-commune.js";

/** Monday 7 December 2026, 10:00 (Vietnam). */
const NOW = vn("2026-12-07", 10);
const TODAY = "2026-12-07";

/**
 * The scans' filters are evaluated by the database (the apology scan's "returned after its
 * due time" compares two columns), so each case here runs on both providers, with the
 * edges: returned exactly at the due time, closed without a result, marked already.
 */
describe.each(providers())("dossier alert scans on %s", (provider) => {
  let db: Database;
  let communeId: string;
  let calendar: WorkingCalendar;
  const codes = (items: readonly { receiptCode: string }[]) => items.map((d) => d.receiptCode);

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    const c = await createSmallCommune(db.prisma);
    communeId = c.communeId;
    calendar = await loadWorkingCalendar(db.prisma, communeId);
    const add = async (
      code: string,
      fields: {
        due: Date;
        status?: string;
        returned?: Date;
        received?: Date;
        apology?: Date;
        alerted?: Date;
        escalated?: Date;
        remindedOn?: string;
      },
    ) => {
      const id = await addDossier(db.prisma, communeId, {
        receiptCode: code,
        receivedAt: fields.received ?? vn("2026-11-20"),
        dueAt: fields.due,
        status: fields.status ?? "processing",
        returnedAt: fields.returned ?? null,
        handlerId: c.officials.mc,
      });
      await db.prisma.dossier.update({
        where: { id },
        data: {
          apologyAt: fields.apology ?? null,
          overdueAlertedAt: fields.alerted ?? null,
          escalatedAt: fields.escalated ?? null,
          apologyRemindedOn: fields.remindedOn ?? null,
        },
      });
    };
    // Open.
    await add("OPEN-NOT-DUE", { due: at17("2026-12-08") });
    await add("OPEN-DUE-NOW", { due: NOW });
    await add("OPEN-LATE-1D", { due: at17("2026-12-04") });
    await add("OPEN-LATE-4D", { due: at17("2026-12-01"), alerted: vn("2026-12-02") });
    await add("OPEN-LATE-TOLD", {
      due: at17("2026-11-30"),
      alerted: vn("2026-12-01"),
      escalated: vn("2026-12-03"),
      remindedOn: TODAY,
    });
    await add("OPEN-LATE-SUPPL", { due: at17("2026-12-03"), status: "supplement", remindedOn: "2026-12-04" });
    await add("OPEN-LATE-APOLOGISED", { due: at17("2026-12-03"), apology: vn("2026-12-04") });
    // An open dossier with a return time before its due time (an odd import): not late.
    await add("OPEN-RETURNED-EARLY", { due: at17("2026-12-03"), returned: vn("2026-12-02") });
    await add("OPEN-LAST-YEAR", { due: at17("2025-12-31"), received: vn("2025-12-24") });
    // Closed.
    await add("RETURNED-LATE", { due: at17("2026-12-01"), status: "returned", returned: vn("2026-12-03") });
    await add("COMPLETED-LATE-1MIN", {
      due: at17("2026-12-01"),
      status: "completed",
      returned: vn("2026-12-01", 17, 1),
    });
    await add("RETURNED-AT-DUE", {
      due: at17("2026-12-01"),
      status: "returned",
      returned: at17("2026-12-01"),
    });
    await add("RETURNED-EARLY", { due: at17("2026-12-01"), status: "returned", returned: vn("2026-11-30") });
    await add("RETURNED-NO-TIME", { due: at17("2026-12-01"), status: "returned" });
    await add("WITHDRAWN-LATE", { due: at17("2026-12-01"), status: "withdrawn", returned: vn("2026-12-03") });
    await add("REJECTED-LATE", { due: at17("2026-12-01"), status: "rejected", returned: vn("2026-12-03") });
    await add("RETURNED-LATE-APOLOGISED", {
      due: at17("2026-12-01"),
      status: "returned",
      returned: vn("2026-12-03"),
      apology: vn("2026-12-04"),
    });
    await add("RETURNED-LATE-REMINDED", {
      due: at17("2026-12-01"),
      status: "returned",
      returned: vn("2026-12-03"),
      remindedOn: TODAY,
    });
    // Another commune's late dossier is never this commune's.
    const other = await createSmallCommune(db.prisma);
    await addDossier(db.prisma, other.communeId, {
      receiptCode: "OTHER-LATE",
      receivedAt: vn("2026-11-20"),
      dueAt: at17("2026-12-01"),
      status: "processing",
    });
  });
  afterAll(() => db?.close());

  it("announces open dossiers past their due time that nobody was told of, earliest first", async () => {
    expect(codes(await newlyOverdue(db.prisma, communeId, NOW))).toEqual([
      "OPEN-LAST-YEAR",
      "OPEN-LATE-APOLOGISED",
      "OPEN-LATE-SUPPL",
      "OPEN-RETURNED-EARLY",
      "OPEN-LATE-1D",
    ]);
  });

  it("escalates open dossiers late by the given working days that the leaders were not told of", async () => {
    const long = await dueForEscalation(db.prisma, communeId, { now: NOW, calendar, afterWorkingDays: 2 });
    expect(long.map((d) => [d.receiptCode, d.overdueWorkingDays])).toEqual([
      ["OPEN-LAST-YEAR", 232],
      ["OPEN-LATE-4D", 4],
      ["OPEN-LATE-APOLOGISED", 2],
      ["OPEN-LATE-SUPPL", 2],
      ["OPEN-RETURNED-EARLY", 2],
    ]);
  });

  it("reminds of this year's late dossiers with no apology, open or returned after their due time", async () => {
    expect(codes(await apologiesOutstanding(db.prisma, communeId, { now: NOW, calendar }))).toEqual([
      "COMPLETED-LATE-1MIN",
      "OPEN-LATE-4D",
      "RETURNED-LATE",
      "OPEN-LATE-SUPPL",
      "OPEN-LATE-1D",
    ]);
  });
});
