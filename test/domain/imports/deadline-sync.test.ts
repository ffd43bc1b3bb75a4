import { describe, expect, it } from "vitest";
import { syncDeadlines } from "../../../src/domain/imports/deadline-sync.js";

const d = (day: string) => new Date(`${day}T10:00:00Z`);
const row = (id: string, day: string, label: string, met: string | null = null) => ({
  id,
  dueAt: d(day),
  label,
  metAt: met ? d(met) : null,
});

describe("a plan import's deadlines against the stored ones", () => {
  it("changes nothing when the plan names the deadlines stored, an extended one included", () => {
    const sync = syncDeadlines(
      [
        row("a", "2026-06-30", "Quý II/2026", "2026-06-20"),
        row("b", "2027-01-15", "Quý IV/2026 (gia hạn đến 15/01/2027)"),
      ],
      [
        { dueAt: d("2026-06-30"), label: "Quý II/2026" },
        { dueAt: d("2026-12-31"), label: "Quý IV/2026" },
      ],
      { continuous: false },
    );
    expect(sync).toEqual({ changed: false, create: [], update: [], remove: [], dueAt: d("2027-01-15") });
  });

  it("removes a plain deadline the plan dropped, keeps a met one, and adds the new", () => {
    const sync = syncDeadlines(
      [row("a", "2026-06-30", "Quý II/2026", "2026-06-20"), row("b", "2026-12-31", "Quý IV/2026")],
      [{ dueAt: d("2026-09-30"), label: "Quý III/2026" }],
      { continuous: false },
    );
    expect(sync).toEqual({
      changed: true,
      create: [{ dueAt: d("2026-09-30"), label: "Quý III/2026" }],
      update: [],
      remove: ["b"],
      dueAt: d("2026-09-30"),
    });
  });

  it("relabels a deadline on the same day, and keeps a day an extension added as the due day", () => {
    const sync = syncDeadlines(
      [row("a", "2026-12-31", "Năm 2026", "2026-12-20"), row("b", "2027-01-20", "Gia hạn đến 20/01/2027")],
      [{ dueAt: d("2026-12-31"), label: "Cuối năm 2026" }],
      { continuous: false },
    );
    expect(sync).toMatchObject({
      update: [{ id: "a", dueAt: d("2026-12-31"), label: "Cuối năm 2026" }],
      remove: [],
      dueAt: d("2027-01-20"),
    });
  });

  it("gives a continuous task no due day, keeping its met deadlines as history", () => {
    const sync = syncDeadlines([row("a", "2026-12-31", "Năm 2026", "2026-12-01")], [], { continuous: true });
    expect(sync).toEqual({ changed: false, create: [], update: [], remove: [], dueAt: null });
  });
});
