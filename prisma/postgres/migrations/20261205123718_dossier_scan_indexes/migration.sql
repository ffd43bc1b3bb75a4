-- DropIndex
DROP INDEX "Dossier_handlerId_status_idx";

-- DropIndex
DROP INDEX "Dossier_communeId_overdueAlertedAt_dueAt_idx";

-- CreateIndex
CREATE INDEX "Dossier_handlerId_communeId_status_dueAt_idx" ON "Dossier"("handlerId", "communeId", "status", "dueAt");

-- CreateIndex
CREATE INDEX "Dossier_communeId_overdueAlertedAt_status_dueAt_idx" ON "Dossier"("communeId", "overdueAlertedAt", "status", "dueAt");

-- CreateIndex
CREATE INDEX "Dossier_communeId_escalatedAt_status_dueAt_idx" ON "Dossier"("communeId", "escalatedAt", "status", "dueAt");

