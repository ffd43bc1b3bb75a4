-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "importKey" TEXT;

-- AlterTable
ALTER TABLE "Dossier" ADD COLUMN     "electronicResult" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "importedAt" TIMESTAMP(3),
ADD COLUMN     "onlineLevel" TEXT,
ADD COLUMN     "procedureCode" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Task_communeId_importKey_key" ON "Task"("communeId", "importKey");

