-- CreateTable
CREATE TABLE "TaskExtensionRequest" (
    "id" TEXT NOT NULL,
    "communeId" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "requestedDueAt" TIMESTAMP(3) NOT NULL,
    "reason" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TaskExtensionRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TaskExtensionRequest_taskId_status_idx" ON "TaskExtensionRequest"("taskId", "status");

-- CreateIndex
CREATE INDEX "TaskExtensionRequest_communeId_status_idx" ON "TaskExtensionRequest"("communeId", "status");

-- AddForeignKey
ALTER TABLE "TaskExtensionRequest" ADD CONSTRAINT "TaskExtensionRequest_communeId_fkey" FOREIGN KEY ("communeId") REFERENCES "Commune"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskExtensionRequest" ADD CONSTRAINT "TaskExtensionRequest_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskExtensionRequest" ADD CONSTRAINT "TaskExtensionRequest_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "Official"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskExtensionRequest" ADD CONSTRAINT "TaskExtensionRequest_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "Official"("id") ON DELETE SET NULL ON UPDATE CASCADE;

