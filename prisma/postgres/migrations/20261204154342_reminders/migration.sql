-- DropIndex
DROP INDEX "JobRun_job_slot_communeId_key";

-- AlterTable
ALTER TABLE "Official" ADD COLUMN     "digestTime" TEXT,
ADD COLUMN     "overdueOnly" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "remindersOn" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "Dossier" ADD COLUMN     "apologyRemindedOn" TEXT,
ADD COLUMN     "escalatedAt" TIMESTAMP(3),
ADD COLUMN     "overdueAlertedAt" TIMESTAMP(3);

-- AlterTable
-- Edited by hand: existing runs get their commune, or "*", as scope.
ALTER TABLE "JobRun" ADD COLUMN     "leaseUntil" TIMESTAMP(3),
ADD COLUMN     "owner" TEXT,
ADD COLUMN     "scope" TEXT NOT NULL DEFAULT '*';
UPDATE "JobRun" SET "scope" = COALESCE("communeId", '*');
ALTER TABLE "JobRun" ALTER COLUMN "scope" DROP DEFAULT;

-- CreateIndex
CREATE INDEX "Dossier_communeId_overdueAlertedAt_dueAt_idx" ON "Dossier"("communeId", "overdueAlertedAt", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "JobRun_job_slot_scope_key" ON "JobRun"("job", "slot", "scope");

