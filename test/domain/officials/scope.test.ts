import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.js";
import {
  type Actor,
  canSeeTask,
  canUpdateTask,
  dossierScopeWhere,
  loadActor,
  parseRole,
  TASK_SCOPE_SELECT,
  taskScopeWhere,
} from "../../../src/domain/officials/scope.js";
import { createTestDatabase, providers } from "../../support/test-database.js";
import {
  addDossier,
  at17,
  createSmallCommune,
  type OfficialKey,
  type SmallCommune,
  vn,
} from "../tasks/small-commune.js";

describe("parseRole", () => {
  it("keeps known roles and demotes anything else to officer", () => {
    expect(parseRole("leader")).toBe("leader");
    expect(parseRole("admin")).toBe("admin");
    expect(parseRole("chairman")).toBe("officer");
  });
});

describe.each(providers())("scope on %s", (provider) => {
  let db: Database;
  let c: SmallCommune;
  let other: SmallCommune;
  const dossierIds: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    c = await createSmallCommune(db.prisma);
    other = await createSmallCommune(db.prisma);
    const add = async (key: string, handlerId: string | null, departmentId: string | null) => {
      dossierIds[key] = await addDossier(db.prisma, c.communeId, {
        receiptCode: `000.00.21.H45-260601-${key}`,
        receivedAt: vn("2026-06-01"),
        dueAt: at17("2026-06-04"),
        status: "processing",
        handlerId,
        departmentId,
      });
    };
    await add("tp1", c.officials.tp1, c.departments.TP);
    await add("tp2", c.officials.tp2, c.departments.TP);
    await add("tpOpen", null, c.departments.TP);
    await add("dc", c.officials.dc, c.departments.DCXD);
    await add("mc", c.officials.mc, c.departments.MC);
    await addDossier(db.prisma, other.communeId, {
      receiptCode: "other-1",
      receivedAt: vn("2026-06-01"),
      dueAt: at17("2026-06-04"),
      status: "processing",
    });
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  const visibleTasks = async (actor: Actor) =>
    (await db.prisma.task.findMany({ where: taskScopeWhere(actor), select: { code: true } }))
      .map((t) => t.code)
      .sort();
  const visibleDossiers = async (actor: Actor) => {
    const rows = await db.prisma.dossier.findMany({ where: dossierScopeWhere(actor), select: { id: true } });
    const names = Object.entries(dossierIds)
      .filter(([, id]) => rows.some((r) => r.id === id))
      .map(([key]) => key);
    return { names: names.sort(), count: rows.length };
  };

  it("loads the actor with role, department and whether it is the one-stop desk", async () => {
    expect(await loadActor(db.prisma, c.officials.mc)).toEqual(c.actor("mc"));
    expect(await loadActor(db.prisma, c.officials.leader)).toEqual(c.actor("leader"));
    expect(await loadActor(db.prisma, c.officials.vp)).toMatchObject({ role: "admin", oneStopDesk: false });
    expect(await loadActor(db.prisma, "nobody")).toBeNull();
    const inactive = await createSmallCommune(db.prisma);
    await db.prisma.official.update({ where: { id: inactive.officials.tp1 }, data: { active: false } });
    expect(await loadActor(db.prisma, inactive.officials.tp1)).toBeNull();
  });

  it("a leader sees every task of the commune and none of another", async () => {
    expect(await visibleTasks(c.actor("leader"))).toEqual(["NV1", "NV10", "NV2", "NV3", "NV4", "NV5"]);
    const leader = c.actor("leader");
    const otherTask = await db.prisma.task.findFirstOrThrow({
      where: { communeId: other.communeId },
      select: TASK_SCOPE_SELECT,
    });
    expect(canSeeTask(leader, otherTask)).toBe(false);
  });

  it("an officer sees their department's tasks, its cooperations and tasks assigned to them", async () => {
    // tp1: TP leads NV1, NV4, NV5; TP cooperates on NV2; NV3 is DCXD's; NV10 is VP's, given to tp2.
    expect(await visibleTasks(c.actor("tp1"))).toEqual(["NV1", "NV2", "NV4", "NV5"]);
    expect(await visibleTasks(c.actor("tp2"))).toEqual(["NV1", "NV10", "NV2", "NV4", "NV5"]);
    expect(await visibleTasks(c.actor("dc"))).toEqual(["NV2", "NV3"]);
    expect(await visibleTasks(c.actor("vp"))).toEqual(["NV10"]);
    expect(await visibleTasks(c.actor("mc"))).toEqual([]);
  });

  it("canSeeTask and canUpdateTask agree with taskScopeWhere for every official and task", async () => {
    const tasks = await db.prisma.task.findMany({
      where: { communeId: c.communeId },
      select: { code: true, ...TASK_SCOPE_SELECT },
    });
    for (const key of ["leader", "tp1", "tp2", "dc", "mc", "vp"] as OfficialKey[]) {
      const actor = c.actor(key);
      const visible = await visibleTasks(actor);
      for (const task of tasks) {
        expect(canSeeTask(actor, task), `${key} ${task.code}`).toBe(visible.includes(task.code));
        expect(canUpdateTask(actor, task), `${key} ${task.code}`).toBe(visible.includes(task.code));
      }
    }
  });

  it("an official without a department sees only tasks assigned to them", async () => {
    const actor: Actor = { ...c.actor("tp2"), departmentId: null };
    expect(await visibleTasks(actor)).toEqual(["NV10"]);
  });

  it("dossiers: leaders and the one-stop desk see all, others what they handle", async () => {
    const all = ["dc", "mc", "tp1", "tp2", "tpOpen"];
    expect(await visibleDossiers(c.actor("leader"))).toEqual({ names: all, count: 5 });
    expect(await visibleDossiers(c.actor("mc"))).toEqual({ names: all, count: 5 });
    // tp1 handles one and sees the department's unassigned one, not tp2's.
    expect(await visibleDossiers(c.actor("tp1"))).toEqual({ names: ["tp1", "tpOpen"], count: 2 });
    expect(await visibleDossiers(c.actor("dc"))).toEqual({ names: ["dc"], count: 1 });
    expect(await visibleDossiers(c.actor("vp"))).toEqual({ names: [], count: 0 });
  });

  it("works out the one-stop desk from the database when the actor does not say", async () => {
    const { oneStopDesk: _mc, ...mc } = c.actor("mc");
    const { oneStopDesk: _tp, ...tp1 } = c.actor("tp1");
    expect((await visibleDossiers(mc)).count).toBe(5);
    expect(await visibleDossiers(tp1)).toEqual({ names: ["tp1", "tpOpen"], count: 2 });
  });
});
