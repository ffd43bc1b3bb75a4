import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Db } from "../../../src/db/client.js";
import { recordApology } from "../../../src/domain/dossiers/apology.js";
import {
  importDossierFile,
  importDossierRecords,
  type DossierImportOptions,
} from "../../../src/domain/imports/dossier-import.js";
import type { DossierImportDb } from "../../../src/domain/imports/dossier-lookups.js";
import { loadActor } from "../../../src/domain/officials/scope.js";
import { captureLog } from "../../support/capture-log.js";
import { createDossierCommune, SAMPLE_EXPORT } from "../../support/dossier-commune.js";
import { createTestDatabase, providers } from "../../support/test-database.js";

/** Friday 4 December 2026, 11:00 in Vietnam: the day the sample was exported. */
const NOW = new Date("2026-12-04T04:00:00Z");
const LATER = new Date("2026-12-07T02:00:00Z");
const CODE = (tail: string) => `000.00.21.H45-${tail}`;
const SAMPLE = readFileSync(SAMPLE_EXPORT, "utf8");
const dir = mkdtempSync(join(tmpdir(), "ho-so-"));

/** The sample with one row's text edited, written where an operator would keep it. */
function editedSample(name: string, edits: [tail: string, from: string, to: string][]): string {
  const lines = SAMPLE.split("\r\n").map((line) => {
    let out = line;
    for (const [tail, from, to] of edits) {
      if (!line.includes(CODE(tail))) continue;
      if (!out.includes(from)) throw new Error(`no "${from}" on the row of ${tail}`);
      out = out.replace(from, to);
    }
    return out;
  });
  const path = join(dir, name);
  writeFileSync(path, lines.join("\r\n"));
  return path;
}

/** The import's tables, with every write to the dossiers recorded. */
function watchWrites(prisma: Db): { db: DossierImportDb; writes: string[] } {
  const writes: string[] = [];
  const dossier = new Proxy(prisma.dossier, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof property !== "string" || !/^(create|update|upsert|delete)/.test(property)) return value;
      return (...args: unknown[]) => {
        writes.push(property);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  const { procedure, official, department, holiday } = prisma;
  return { db: { dossier, procedure, official, department, holiday }, writes };
}

describe.each(providers())("importing the one-stop system's dossiers on %s", (provider) => {
  let db: Database;
  let communeId: string;
  let officialIds: Map<string, string>;
  let departmentIds: Map<string, string>;
  let procedureId: (code: string) => Promise<string>;

  const dossier = (tail: string) =>
    db.prisma.dossier.findUniqueOrThrow({
      where: { communeId_receiptCode: { communeId, receiptCode: CODE(tail) } },
    });
  const importSample = (file = SAMPLE_EXPORT, options: DossierImportOptions = {}) =>
    importDossierFile(db.prisma, communeId, file, { now: NOW, ...options });

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    ({ communeId, officialIds, departmentIds } = await createDossierCommune(db.prisma));
    procedureId = async (code) => (await db.prisma.procedure.findUniqueOrThrow({ where: { code } })).id;
  }, 60_000);
  afterAll(() => db.close());

  it("creates each dossier of the sample with the fields its export gives", async () => {
    const report = await importSample();
    expect(report).toEqual({
      rows: 33,
      created: 33,
      updated: 0,
      unchanged: 0,
      bad: [],
      warnings: [
        { line: 25, message: expect.stringMatching(/^không có cán bộ "Trần Văn Khách"/) },
        { line: 26, message: expect.stringMatching(/^không nhận ra bộ phận "Phòng Kinh tế"/) },
      ],
    });
    const staff = (key: string) => officialIds.get(key)!;
    const expected: [string, Record<string, unknown>][] = [
      [
        "261102-0901",
        {
          procedureCode: "1.001193",
          procedureName: "Thủ tục đăng ký khai sinh",
          field: "Hộ tịch",
          applicantName: "Trần Văn An",
          applicantPhone: "0912345601",
          channel: "online",
          onlineLevel: "full",
          receivedAt: new Date("2026-11-02T01:15:00Z"),
          dueAt: new Date("2026-11-03T10:00:00Z"),
          returnedAt: new Date("2026-11-03T03:20:00Z"),
          status: "returned",
          handlerId: staff("tp-1"),
          departmentId: departmentIds.get("TP"),
          digitised: true,
          electronicResult: true,
          paidOnline: false,
          apologyAt: null,
        },
      ],
      // "+84 903 …", "Tư pháp" for the department, 1/1/1 for the flags.
      [
        "261103-0901",
        {
          applicantPhone: "0903111603",
          channel: "online",
          onlineLevel: "partial",
          handlerId: staff("tp-2"),
          departmentId: departmentIds.get("TP"),
          digitised: true,
          electronicResult: true,
          paidOnline: true,
        },
      ],
      // Late, with the letter's date.
      [
        "261104-0901",
        {
          channel: "direct",
          onlineLevel: null,
          dueAt: new Date("2026-11-05T10:00:00Z"),
          returnedAt: new Date("2026-11-09T02:00:00Z"),
          apologyAt: new Date("2026-11-06T01:00:00Z"),
          note: "Trễ hẹn do chờ xác minh thông tin cư trú",
        },
      ],
      // Late, no letter; by post.
      [
        "261105-0901",
        {
          channel: "postal",
          onlineLevel: null,
          processingDays: 15,
          dueAt: new Date("2026-11-26T10:00:00Z"),
          returnedAt: new Date("2026-12-01T03:00:00Z"),
          apologyAt: null,
          handlerId: staff("dcxd-1"),
        },
      ],
      // A desk dossier's "Mức độ 4" is the procedure's level, not how it was filed.
      [
        "261106-0901",
        { channel: "direct", onlineLevel: null, status: "returned", departmentId: departmentIds.get("MC") },
      ],
      ["261109-0901", { channel: "online", onlineLevel: "full" }],
      // No code in the export: found by its name.
      [
        "261111-0901",
        {
          procedureId: await procedureId("1.000656"),
          procedureCode: "1.000656",
          procedureName: "Thủ tục đăng ký khai tử",
        },
      ],
      // Not in the catalogue: kept as recorded.
      [
        "261113-0901",
        {
          procedureId: null,
          procedureCode: "H45-XA-07",
          procedureName: "Xác nhận đơn đề nghị vay vốn ưu đãi hộ nghèo",
          field: "Giảm nghèo",
          processingDays: 3,
          handlerId: staff("vhxh-1"),
        },
      ],
      [
        "261116-0901",
        { receivedAt: new Date("2026-11-16T01:30:00Z"), dueAt: new Date("2026-11-17T10:00:00Z") },
      ],
      // Bare days: received at the day's start, due and returned by the end of office hours.
      [
        "261116-0902",
        {
          receivedAt: new Date("2026-11-15T17:00:00Z"),
          dueAt: new Date("2026-11-16T10:00:00Z"),
          returnedAt: new Date("2026-11-16T10:00:00Z"),
          processingDays: 0,
        },
      ],
      // "09:30 ngày 17/11/2026"; a letter said only with an "x" is recorded at the import.
      ["261117-0901", { receivedAt: new Date("2026-11-17T02:30:00Z"), apologyAt: NOW }],
      ["261118-0901", { status: "processing", returnedAt: null, note: "Chờ đo đạc thực địa" }],
      ["261119-0901", { status: "supplement", applicantPhone: "02323812617" }],
      ["261123-0901", { status: "withdrawn", returnedAt: null }],
      ["261124-0901", { status: "rejected" }],
      ["261126-0901", { handlerId: null, departmentId: departmentIds.get("TP") }],
      ["261127-0901", { handlerId: staff("mc-1"), departmentId: null }],
      ["261201-0901", { status: "completed", returnedAt: new Date("2026-12-03T09:00:00Z") }],
      ["261202-0901", { status: "processing", paidOnline: true }],
      // No due date in the export: 3 working days of the catalogue's "đăng ký giám hộ" from Thursday.
      ["261203-0901", { dueAt: new Date("2026-12-08T10:00:00Z"), processingDays: 3 }],
      ["261204-0903", { status: "received", channel: "online", onlineLevel: "partial", paidOnline: true }],
    ];
    for (const [tail, fields] of expected) {
      expect({ tail, ...(await dossier(tail)) }).toMatchObject({ tail, ...fields, importedAt: NOW });
    }
    expect(await db.prisma.dossier.count({ where: { communeId } })).toBe(33);
  });

  it("changes nothing, and writes nothing, when the same file comes again", async () => {
    const before = await db.prisma.dossier.findMany({
      where: { communeId },
      orderBy: { receiptCode: "asc" },
    });
    const { db: watched, writes } = watchWrites(db.prisma);
    const report = await importDossierFile(watched, communeId, SAMPLE_EXPORT, { now: LATER });
    expect(report).toMatchObject({ rows: 33, created: 0, updated: 0, unchanged: 33, bad: [] });
    expect(writes).toEqual([]);
    expect(
      await db.prisma.dossier.findMany({ where: { communeId }, orderBy: { receiptCode: "asc" } }),
    ).toEqual(before);
  });

  it("updates only the dossier whose row changed, and when it was imported", async () => {
    const file = editedSample("tra-ket-qua.csv", [
      ["261118-0901", ",,Đang xử lý,", ",04/12/2026 10:00,Đã trả kết quả,"],
    ]);
    const report = await importSample(file, { now: LATER });
    expect(report).toMatchObject({ rows: 33, created: 0, updated: 1, unchanged: 32, bad: [] });
    expect(await dossier("261118-0901")).toMatchObject({
      status: "returned",
      returnedAt: new Date("2026-12-04T03:00:00Z"),
      importedAt: LATER,
    });
    expect(await db.prisma.dossier.count({ where: { communeId, importedAt: NOW } })).toBe(32);
  });

  it("keeps what the bot manages and a letter recorded in chat", async () => {
    const alertedAt = new Date("2026-12-03T02:00:00Z");
    const escalatedAt = new Date("2026-12-04T02:00:00Z");
    const open = await dossier("261130-0901");
    await db.prisma.dossier.update({
      where: { id: open.id },
      data: { overdueAlertedAt: alertedAt, escalatedAt, apologyRemindedOn: "2026-12-04" },
    });
    // The late dossier without a letter in the export: its handler says in chat it was sent.
    const handler = await loadActor(db.prisma, officialIds.get("dcxd-1")!);
    const chatAt = new Date("2026-12-02T03:00:00Z");
    const recorded = await recordApology(
      db.prisma,
      { receiptCode: CODE("261105-0901") },
      { actor: handler!, channel: "zalo", now: chatAt },
    );
    expect(recorded).toMatchObject({ ok: true, already: false });
    const later = new Date("2026-12-08T02:00:00Z");
    // The export moves both rows on: a new note on one, a new due date on the other, and
    // the letter's own date for the one recorded in chat.
    const file = editedSample("cap-nhat.csv", [
      ["261130-0901", "Chờ công dân đến ký sổ", "Đã hẹn công dân ngày 09/12"],
      ["261130-0901", "01/12/2026 17:00", "02/12/2026 17:00"],
      ["261105-0901", "Không,,Trễ hẹn", "Không,03/12/2026,Trễ hẹn"],
    ]);
    const report = await importSample(file, { now: later });
    expect(report.bad).toEqual([]);
    expect(await dossier("261130-0901")).toMatchObject({
      note: "Đã hẹn công dân ngày 09/12",
      dueAt: new Date("2026-12-02T10:00:00Z"),
      overdueAlertedAt: alertedAt,
      escalatedAt,
      apologyRemindedOn: "2026-12-04",
      importedAt: later,
    });
    expect(await dossier("261105-0901")).toMatchObject({ apologyAt: chatAt });
    // A file whose apology column is empty again clears nothing either.
    await importSample(SAMPLE_EXPORT, { now: later });
    expect(await dossier("261105-0901")).toMatchObject({ apologyAt: chatAt });
    expect(await dossier("261130-0901")).toMatchObject({ overdueAlertedAt: alertedAt, escalatedAt });
  });

  it("reports bad rows by number and imports the rest", async () => {
    const header = SAMPLE.split("\r\n")[2]!;
    const row = (tail: string, received: string, status: string, code = CODE(tail)) =>
      `1,${code},1.004837,Thủ tục đăng ký giám hộ,Hộ tịch,Người Thử,0912000111,Trực tiếp,,${received},,,${status},Võ Minh Tuấn,Tư pháp,,,,,`;
    const path = join(dir, "loi.csv");
    writeFileSync(
      path,
      [
        header,
        row("261207-0001", "07/12/2026 08:00", "Đang xử lý"),
        row("261207-0002", "31/11/2026 08:00", "Đang xử lý"),
        row("261207-0003", "07/12/2026 08:00", "Đang xử lý", ""),
        row("261207-0004", "07/12/2026 08:00", "Đã xong"),
        row("261207-0005", "07/12/2026 08:30", "Mới tiếp nhận"),
        row("261207-0001", "07/12/2026 09:00", "Đang xử lý"),
        `1,${CODE("261207-0006")},,Thủ tục không có tên trong danh mục,,Người Thử,,Trực tiếp,,07/12/2026 08:00,,,Đang xử lý,,,,,,,`,
        row("261207-0007", "0912 000 222", "Đang xử lý"),
      ].join("\n"),
    );
    const report = await importDossierFile(db.prisma, communeId, path, { now: LATER });
    expect(report.bad).toEqual([
      {
        line: 3,
        message:
          'ngày tiếp nhận "31/11/2026 08:00" không đọc được (viết như 07/12/2026 09:30 hoặc 07/12/2026)',
      },
      { line: 4, message: "thiếu mã hồ sơ" },
      { line: 5, message: expect.stringMatching(/^trạng thái "Đã xong" không rõ/) },
      { line: 7, message: `mã hồ sơ ${CODE("261207-0001")} trùng với dòng 2` },
      { line: 8, message: expect.stringMatching(/^không có hạn trả, và thủ tục không có trong danh mục/) },
      // The phone number typed in the date column is not repeated in the report.
      { line: 9, message: expect.stringMatching(/^ngày tiếp nhận "091\*\*\*22" không đọc được/) },
    ]);
    expect(report).toMatchObject({ rows: 8, created: 2 });
    expect(await dossier("261207-0001")).toMatchObject({
      status: "processing",
      receivedAt: new Date("2026-12-07T01:00:00Z"),
      dueAt: new Date("2026-12-10T10:00:00Z"),
    });
    expect(await dossier("261207-0005")).toMatchObject({ status: "received" });
  });

  it("reads an XLSX export, dates as Excel keeps them, like the CSV", async () => {
    const other = await createDossierCommune(db.prisma);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Hồ sơ");
    const lines = SAMPLE.replace(/^\uFEFF/, "").split("\r\n");
    const { parse } = await import("csv-parse/sync");
    const records = parse(lines.join("\n"), { relax_column_count: true }) as string[][];
    const DATE = /^(\d\d)\/(\d\d)\/(\d{4}) (\d\d):(\d\d)$/;
    for (const record of records) {
      sheet.addRow(
        record.map((cell) => {
          const m = DATE.exec(cell);
          // Excel stores wall-clock time without a zone; exceljs writes a Date's UTC fields.
          return m ? new Date(Date.UTC(+m[3]!, +m[2]! - 1, +m[1]!, +m[4]!, +m[5]!)) : cell;
        }),
      );
    }
    const data = Buffer.from(await workbook.xlsx.writeBuffer());
    const report = await importDossierFile(
      db.prisma,
      other.communeId,
      { name: "ho-so.xlsx", data },
      { now: NOW },
    );
    expect(report).toMatchObject({ rows: 33, created: 33, bad: [] });
    // Every column but the ones that differ between two communes by construction.
    const comparable = (id: string) =>
      db.prisma.dossier.findMany({
        where: { communeId: id },
        orderBy: { receiptCode: "asc" },
        omit: {
          id: true,
          communeId: true,
          handlerId: true,
          departmentId: true,
          createdAt: true,
          updatedAt: true,
        },
        include: { handler: { select: { name: true } }, department: { select: { code: true } } },
      });
    const fresh = await createDossierCommune(db.prisma);
    await importDossierFile(db.prisma, fresh.communeId, SAMPLE_EXPORT, { now: NOW });
    expect(await comparable(other.communeId)).toEqual(await comparable(fresh.communeId));
  });

  it("checks a file without writing on a dry run, and tells its progress on a long one", async () => {
    const fresh = await createDossierCommune(db.prisma);
    const header = SAMPLE.split("\r\n")[2]!;
    const rows = Array.from(
      { length: 450 },
      (_, i) =>
        `${i + 1},${CODE(`261130-${String(i + 1).padStart(4, "0")}`)},2.000815,Chứng thực bản sao,Chứng thực,Người Thử,,Trực tiếp,,30/11/2026 08:00,30/11/2026 17:00,30/11/2026 09:00,Đã trả kết quả,,Một cửa,x,,,,`,
    );
    const path = join(dir, "dai.csv");
    writeFileSync(path, [header, ...rows].join("\n"));
    const progress: number[] = [];
    const { db: watched, writes } = watchWrites(db.prisma);
    const dry = await importDossierFile(watched, fresh.communeId, path, {
      now: NOW,
      dryRun: true,
      onProgress: (done) => progress.push(done),
    });
    expect(dry).toMatchObject({ rows: 450, created: 450, bad: [] });
    expect(writes).toEqual([]);
    expect(await db.prisma.dossier.count({ where: { communeId: fresh.communeId } })).toBe(0);
    expect(progress).toEqual([200, 400, 450]);
    const real = await importDossierFile(db.prisma, fresh.communeId, path, { now: NOW });
    expect(real).toEqual(dry);
    expect(await db.prisma.dossier.count({ where: { communeId: fresh.communeId } })).toBe(450);
  });

  it("never writes an applicant's phone number to the log, even when a write fails", async () => {
    const { log, text: logged } = captureLog();
    const fresh = await createDossierCommune(db.prisma);
    const report = await importDossierFile(db.prisma, fresh.communeId, SAMPLE_EXPORT, { now: NOW, log });
    expect(report.created).toBe(33);
    // Pushed records too, one with a phone number where a date belongs.
    await importDossierRecords(
      db.prisma,
      fresh.communeId,
      [
        {
          receiptCode: CODE("261204-0950"),
          procedureCode: "1.001193",
          applicantName: "Người Thử",
          applicantPhone: "0912 777 888",
          channel: "Trực tiếp",
          receivedAt: "0912777888",
          status: "Mới tiếp nhận",
        },
      ],
      { now: NOW, log },
    );
    const text = logged();
    expect(text).toMatch(/"msg":"dossier import"/);
    expect(text).toMatch(/"created":33/);
    const phones = [...SAMPLE.matchAll(/,((?:\+84|0)[\d .]{8,14}\d),/g)].map((m) => m[1]!.replace(/\D/g, ""));
    expect(phones.length).toBeGreaterThan(30);
    const digits = text.replace(/\D/g, " ");
    for (const phone of [...phones, "0912777888"]) {
      expect(digits).not.toContain(phone.replace(/^84/, "0").slice(-9));
    }

    // Prisma quotes a failed call's arguments in its error; the import masks them.
    const failing: DossierImportDb = {
      ...watchWrites(db.prisma).db,
      dossier: new Proxy(db.prisma.dossier, {
        get(target, property, receiver) {
          if (property !== "createMany") return Reflect.get(target, property, receiver) as unknown;
          return () => Promise.reject(new Error('Invalid invocation: { applicantPhone: "0912345601" }'));
        },
      }),
    };
    const empty = await createDossierCommune(db.prisma);
    const error = await importDossierFile(failing, empty.communeId, SAMPLE_EXPORT, { now: NOW }).then(
      () => new Error("the import went through"),
      (e: unknown) => e as Error,
    );
    expect(error.message).toMatch(/Invalid invocation/);
    expect(`${error.message}${error.stack}`).not.toMatch(/0912345601|345601/);
  });
});
