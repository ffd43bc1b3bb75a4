-- AlterTable
ALTER TABLE "Dossier" ADD COLUMN "apologyRemindedOn" TEXT;
ALTER TABLE "Dossier" ADD COLUMN "escalatedAt" DATETIME;
ALTER TABLE "Dossier" ADD COLUMN "overdueAlertedAt" DATETIME;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Official" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communeId" TEXT NOT NULL,
    "departmentId" TEXT,
    "name" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "phone" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "remindersOn" BOOLEAN NOT NULL DEFAULT true,
    "digestTime" TEXT,
    "overdueOnly" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Official_communeId_fkey" FOREIGN KEY ("communeId") REFERENCES "Commune" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Official_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Official" ("active", "communeId", "createdAt", "departmentId", "id", "name", "phone", "role", "title", "updatedAt") SELECT "active", "communeId", "createdAt", "departmentId", "id", "name", "phone", "role", "title", "updatedAt" FROM "Official";
DROP TABLE "Official";
ALTER TABLE "new_Official" RENAME TO "Official";
CREATE UNIQUE INDEX "Official_communeId_phone_key" ON "Official"("communeId", "phone");
CREATE TABLE "new_JobRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communeId" TEXT,
    "job" TEXT NOT NULL,
    "slot" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "owner" TEXT,
    "leaseUntil" DATETIME,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'running',
    "detail" TEXT,
    CONSTRAINT "JobRun_communeId_fkey" FOREIGN KEY ("communeId") REFERENCES "Commune" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- Edited by hand: a run's scope is its commune, or "*" for a run over all communes.
INSERT INTO "new_JobRun" ("communeId", "detail", "finishedAt", "id", "job", "slot", "scope", "startedAt", "status") SELECT "communeId", "detail", "finishedAt", "id", "job", "slot", COALESCE("communeId", '*'), "startedAt", "status" FROM "JobRun";
DROP TABLE "JobRun";
ALTER TABLE "new_JobRun" RENAME TO "JobRun";
CREATE INDEX "JobRun_job_startedAt_idx" ON "JobRun"("job", "startedAt");
CREATE UNIQUE INDEX "JobRun_job_slot_scope_key" ON "JobRun"("job", "slot", "scope");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Dossier_communeId_overdueAlertedAt_dueAt_idx" ON "Dossier"("communeId", "overdueAlertedAt", "dueAt");

