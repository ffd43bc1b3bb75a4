-- AlterTable
ALTER TABLE "Task" ADD COLUMN "importKey" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Dossier" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communeId" TEXT NOT NULL,
    "receiptCode" TEXT NOT NULL,
    "procedureId" TEXT,
    "procedureName" TEXT NOT NULL,
    "procedureCode" TEXT,
    "field" TEXT,
    "applicantName" TEXT NOT NULL,
    "applicantPhone" TEXT,
    "channel" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "processingDays" REAL NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "returnedAt" DATETIME,
    "status" TEXT NOT NULL,
    "handlerId" TEXT,
    "departmentId" TEXT,
    "onlineLevel" TEXT,
    "digitised" BOOLEAN NOT NULL DEFAULT false,
    "electronicResult" BOOLEAN NOT NULL DEFAULT false,
    "paidOnline" BOOLEAN NOT NULL DEFAULT false,
    "apologyAt" DATETIME,
    "overdueAlertedAt" DATETIME,
    "escalatedAt" DATETIME,
    "apologyRemindedOn" TEXT,
    "importedAt" DATETIME,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Dossier_communeId_fkey" FOREIGN KEY ("communeId") REFERENCES "Commune" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Dossier_procedureId_fkey" FOREIGN KEY ("procedureId") REFERENCES "Procedure" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Dossier_handlerId_fkey" FOREIGN KEY ("handlerId") REFERENCES "Official" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Dossier_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Dossier" ("apologyAt", "apologyRemindedOn", "applicantName", "applicantPhone", "channel", "communeId", "createdAt", "departmentId", "digitised", "dueAt", "escalatedAt", "field", "handlerId", "id", "note", "overdueAlertedAt", "paidOnline", "procedureId", "procedureName", "processingDays", "receiptCode", "receivedAt", "returnedAt", "status", "updatedAt") SELECT "apologyAt", "apologyRemindedOn", "applicantName", "applicantPhone", "channel", "communeId", "createdAt", "departmentId", "digitised", "dueAt", "escalatedAt", "field", "handlerId", "id", "note", "overdueAlertedAt", "paidOnline", "procedureId", "procedureName", "processingDays", "receiptCode", "receivedAt", "returnedAt", "status", "updatedAt" FROM "Dossier";
DROP TABLE "Dossier";
ALTER TABLE "new_Dossier" RENAME TO "Dossier";
CREATE INDEX "Dossier_communeId_status_dueAt_idx" ON "Dossier"("communeId", "status", "dueAt");
CREATE INDEX "Dossier_communeId_receivedAt_idx" ON "Dossier"("communeId", "receivedAt");
CREATE INDEX "Dossier_handlerId_status_idx" ON "Dossier"("handlerId", "status");
CREATE INDEX "Dossier_communeId_overdueAlertedAt_dueAt_idx" ON "Dossier"("communeId", "overdueAlertedAt", "dueAt");
CREATE UNIQUE INDEX "Dossier_communeId_receiptCode_key" ON "Dossier"("communeId", "receiptCode");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Task_communeId_importKey_key" ON "Task"("communeId", "importKey");

