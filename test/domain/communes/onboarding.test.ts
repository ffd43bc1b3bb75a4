import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.js";
import { communeBySlug, OnboardingError, upsertCommune } from "../../../src/domain/communes/communes.js";
import { upsertDepartment } from "../../../src/domain/communes/departments.js";
import { setGroupPurpose, syncGroups } from "../../../src/domain/communes/groups.js";
import { onboardingStatus } from "../../../src/domain/communes/onboarding-status.js";
import { importOfficials } from "../../../src/domain/officials/import-officials.js";
import { importCatalogueFile } from "../../../src/domain/procedures/import-catalogue.js";
import { localNote } from "../../../src/domain/procedures/procedure-catalogue.js";
import { setServedProcedures } from "../../../src/domain/procedures/served.js";
import { connectOa } from "../../../src/zalo/connect-oa.js";
import { createTestDatabase, providers } from "../../support/test-database.js";

const dir = mkdtempSync(join(tmpdir(), "onboarding-"));
const sheet = (name: string, lines: string[]) => {
  const path = join(dir, name);
  writeFileSync(path, lines.join("\n"));
  return path;
};

describe.each(providers())("onboarding a commune on %s", (provider) => {
  let db: Database;
  let seq = 0;
  const prisma = () => db.prisma;
  const fresh = async () =>
    upsertCommune(prisma(), { name: "Xã Thử Nghiệm", slug: `xa-thu-${++seq}-${provider}` });

  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  afterAll(() => db.close());

  describe("the commune", () => {
    it("is created once and updated by the same command, changing only what it names", async () => {
      const slug = `xa-trieu-an-${provider}`;
      const first = await upsertCommune(prisma(), { name: "Xã Triệu An", slug, hotline: "0233 111" });
      expect(first.created).toBe(true);
      const again = await upsertCommune(prisma(), { name: "Xã Triệu An", slug, address: "Thôn 1" });
      expect(again).toEqual({ id: first.id, slug, created: false });
      const row = await prisma().commune.findUniqueOrThrow({ where: { id: first.id } });
      expect(row).toMatchObject({ hotline: "0233 111", address: "Thôn 1", kind: "xa" });
      const ward = await upsertCommune(prisma(), { name: "Phường Chánh Lộ", slug: `chanh-lo-${provider}` });
      expect((await prisma().commune.findUniqueOrThrow({ where: { id: ward.id } })).kind).toBe("phuong");
    });

    it("refuses what an operator mistyped, with the field and the reason", async () => {
      await expect(upsertCommune(prisma(), { name: "Xã Một", slug: "Xã Một" })).rejects.toThrow(
        /^slug: slug chỉ gồm chữ thường/,
      );
      await expect(upsertCommune(prisma(), { name: "Xã Một", slug: "xa-mot", oaId: "abc" })).rejects.toThrow(
        /^oaId: OA id là dãy số/,
      );
      await expect(upsertCommune(prisma(), { name: "X", slug: "xa-mot" })).rejects.toThrow(OnboardingError);
    });

    it("gives each OA to one commune only", async () => {
      await upsertCommune(prisma(), {
        name: "Xã Một",
        slug: `xa-oa-1-${provider}`,
        oaId: `99900${provider.length}1`,
      });
      await expect(
        upsertCommune(prisma(), {
          name: "Xã Hai",
          slug: `xa-oa-2-${provider}`,
          oaId: `99900${provider.length}1`,
        }),
      ).rejects.toThrow(/OA 99900\d1 đã thuộc một xã khác/);
    });

    it("names the communes there are when a slug is wrong", async () => {
      await expect(communeBySlug(prisma(), "khong-co")).rejects.toThrow(/không có xã "khong-co"; các xã: /);
    });
  });

  it("keeps one one-stop desk per commune, and updates a department by its code", async () => {
    const c = await fresh();
    await upsertDepartment(prisma(), c.id, { code: "MC", name: "Bộ phận một cửa", oneStop: true });
    await upsertDepartment(prisma(), c.id, { code: "TN", name: "Tiếp nhận", oneStop: true });
    await upsertDepartment(prisma(), c.id, {
      code: "VP",
      name: "Văn phòng",
      aliases: ["VP UBND", "Văn phòng UBND"],
    });
    const again = await upsertDepartment(prisma(), c.id, {
      code: "VP",
      name: "Văn phòng – Thống kê",
      aliases: ["VP UBND"],
    });
    expect(again.created).toBe(false);
    const rows = await prisma().department.findMany({ where: { communeId: c.id }, orderBy: { code: "asc" } });
    expect(rows.map((d) => [d.code, d.name, d.isOneStop, d.aliases])).toEqual([
      ["MC", "Bộ phận một cửa", false, ""],
      ["TN", "Tiếp nhận", true, ""],
      ["VP", "Văn phòng – Thống kê", false, "VP UBND"],
    ]);
    await expect(upsertDepartment(prisma(), c.id, { code: "văn phòng", name: "X" })).rejects.toThrow(
      /^code: mã bộ phận viết hoa/,
    );
  });

  describe("officials from the office's sheet", () => {
    it("imports them by phone, reports bad rows by number and keeps the rest, and changes nothing the second time", async () => {
      const c = await fresh();
      await upsertDepartment(prisma(), c.id, { code: "TP", name: "Tư pháp – Hộ tịch", aliases: ["Tư pháp"] });
      await upsertDepartment(prisma(), c.id, {
        code: "MC",
        name: "Bộ phận một cửa",
        aliases: ["Một cửa"],
        oneStop: true,
      });
      const file = sheet("can-bo.csv", [
        "DANH SÁCH CÁN BỘ",
        "Họ và tên;Chức danh;Vai trò;Bộ phận;Số điện thoại",
        "Nguyễn Văn Hòa;Chủ tịch UBND xã;;;0912 000 101",
        "Phạm Thị Lan;Công chức Tư pháp;Cán bộ;Tư pháp;+84912000104",
        "Bùi Thị Mai;Công chức Một cửa;can bo;mot cua;0912000108",
        ";Không tên;Cán bộ;Tư pháp;0912000109",
        "Lê Văn Số;Công chức;Cán bộ;Tư pháp;12345",
        "Đỗ Văn Quyền;Công chức;Giám đốc;Tư pháp;0912000110",
        "Trần Lạ;Công chức;Cán bộ;Ban Chỉ huy quân sự;0912000111",
      ]);
      const report = await importOfficials(prisma(), c.id, file);
      expect(report).toMatchObject({ rows: 7, created: 4, updated: 0, unchanged: 0 });
      expect(report.bad).toEqual([
        { line: 6, message: "thiếu họ tên" },
        { line: 7, message: 'số điện thoại "12345" không hợp lệ' },
        { line: 8, message: 'vai trò "Giám đốc" không rõ: dùng Lãnh đạo, Cán bộ hoặc Quản trị' },
      ]);
      expect(report.warnings).toEqual([
        {
          line: 9,
          message: 'không rõ bộ phận "Ban Chỉ huy quân sự": thêm bằng "department add" rồi nhập lại',
        },
      ]);
      const officials = await prisma().official.findMany({
        where: { communeId: c.id },
        orderBy: { phone: "asc" },
        select: { name: true, role: true, phone: true, department: { select: { code: true } } },
      });
      expect(officials).toEqual([
        { name: "Nguyễn Văn Hòa", role: "leader", phone: "0912000101", department: null },
        { name: "Phạm Thị Lan", role: "officer", phone: "0912000104", department: { code: "TP" } },
        { name: "Bùi Thị Mai", role: "officer", phone: "0912000108", department: { code: "MC" } },
        { name: "Trần Lạ", role: "officer", phone: "0912000111", department: null },
      ]);
      expect(await importOfficials(prisma(), c.id, file)).toMatchObject({
        created: 0,
        updated: 0,
        unchanged: 4,
      });
      // A changed row updates that official only.
      const changed = sheet("can-bo-2.csv", [
        "Họ và tên,Chức danh,Bộ phận,Số điện thoại",
        "Phạm Thị Lan,Phó Chủ tịch UBND xã,,0912000104",
      ]);
      expect(await importOfficials(prisma(), c.id, changed)).toMatchObject({ created: 0, updated: 1 });
      expect(
        await prisma().official.findFirst({ where: { communeId: c.id, phone: "0912000104" } }),
      ).toMatchObject({
        role: "leader",
        title: "Phó Chủ tịch UBND xã",
      });
    });

    it("writes nothing on a dry run", async () => {
      const c = await fresh();
      const file = sheet("kho.csv", ["Họ tên,Số điện thoại", "Nguyễn Thử,0912000555"]);
      expect(await importOfficials(prisma(), c.id, file, { dryRun: true })).toMatchObject({ created: 1 });
      expect(await prisma().official.count({ where: { communeId: c.id } })).toBe(0);
    });
  });

  it("records the OA's groups, keeps what an operator said each is for, and refuses a department group without its department", async () => {
    const c = await fresh();
    await upsertDepartment(prisma(), c.id, { code: "MC", name: "Một cửa", oneStop: true });
    await upsertDepartment(prisma(), c.id, { code: "TP", name: "Tư pháp" });
    expect(
      await syncGroups(prisma(), c.id, [
        { groupId: "g1", name: "Lãnh đạo" },
        { groupId: "g2", name: "Một cửa" },
        { groupId: "g3", name: "TP" },
      ]),
    ).toEqual({ added: 3, renamed: 0 });
    await setGroupPurpose(prisma(), c.id, "g1", { purpose: "leaders" });
    await setGroupPurpose(prisma(), c.id, "g2", { purpose: "one_stop_desk" });
    await setGroupPurpose(prisma(), c.id, "g3", { purpose: "department", departmentCode: "TP" });
    await expect(setGroupPurpose(prisma(), c.id, "g3", { purpose: "department" })).rejects.toThrow(
      /--department/,
    );
    await expect(setGroupPurpose(prisma(), c.id, "g9", { purpose: "leaders" })).rejects.toThrow(
      /groups --sync/,
    );
    expect(await syncGroups(prisma(), c.id, [{ groupId: "g1", name: "Lãnh đạo UBND" }])).toEqual({
      added: 0,
      renamed: 1,
    });
    const rows = await prisma().zaloGroup.findMany({
      where: { communeId: c.id },
      orderBy: { groupId: "asc" },
      select: { groupId: true, name: true, purpose: true, department: { select: { code: true } } },
    });
    expect(rows).toEqual([
      { groupId: "g1", name: "Lãnh đạo UBND", purpose: "leaders", department: null },
      { groupId: "g2", name: "Một cửa", purpose: "one_stop_desk", department: { code: "MC" } },
      { groupId: "g3", name: "TP", purpose: "department", department: { code: "TP" } },
    ]);
  });

  describe("going live", () => {
    beforeAll(async () => {
      await importCatalogueFile(prisma(), "assets/tthc/procedures.jsonl");
    }, 60_000);

    it("serves only the procedures named, and all of them again on request", async () => {
      const c = await fresh();
      const result = await setServedProcedures(prisma(), c.id, { codes: ["1.001193", "9.999999"] });
      expect(result.served).toBe(1);
      expect(result.notServed).toBeGreaterThan(300);
      expect(result.unknownCodes).toEqual(["9.999999"]);
      expect((await localNote(prisma(), c.id, "1.001193"))?.served).toBe(true);
      const other = await prisma().procedure.findFirstOrThrow({
        where: { communeService: true, NOT: { code: "1.001193" } },
      });
      expect((await localNote(prisma(), c.id, other.code))?.served).toBe(false);
      await setServedProcedures(prisma(), c.id, { all: true });
      expect((await localNote(prisma(), c.id, other.code))?.served).toBe(true);
    });

    it("says what is missing until the required steps are done", async () => {
      const c = await fresh();
      const now = new Date();
      const keys = async () => {
        const status = await onboardingStatus(prisma(), c.id, { now });
        return {
          ready: status.ready,
          missing: status.items.filter((i) => i.required && !i.ok).map((i) => i.key),
        };
      };
      expect(await keys()).toEqual({ ready: false, missing: ["oa", "oa_token", "departments", "leader"] });
      await upsertCommune(prisma(), {
        name: "Xã Thử Nghiệm",
        slug: c.slug,
        oaId: `77700${seq}${provider.length}`,
      });
      await connectOa(prisma(), {
        communeId: c.id,
        oaId: `77700${seq}${provider.length}`,
        refreshToken: "rt",
      });
      await upsertDepartment(prisma(), c.id, { code: "MC", name: "Một cửa", oneStop: true });
      expect(await keys()).toEqual({ ready: false, missing: ["leader"] });
      await importOfficials(
        prisma(),
        c.id,
        sheet(`lanh-dao-${seq}.csv`, [
          "Họ tên,Chức danh,Số điện thoại",
          "Chủ Tịch,Chủ tịch UBND xã,0912000777",
        ]),
      );
      expect(await keys()).toEqual({ ready: true, missing: [] });
      const status = await onboardingStatus(prisma(), c.id, { now });
      expect(status.items.find((i) => i.key === "plan")).toMatchObject({
        ok: false,
        message: expect.stringContaining("import-plan"),
      });
    });
  });
});
