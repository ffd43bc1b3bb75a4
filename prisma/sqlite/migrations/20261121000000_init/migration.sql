-- CreateTable
CREATE TABLE "Commune" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "district" TEXT,
    "province" TEXT,
    "zaloOaId" TEXT,
    "address" TEXT,
    "hotline" TEXT,
    "officeHours" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Department" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communeId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "aliases" TEXT NOT NULL DEFAULT '',
    "isOneStop" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Department_communeId_fkey" FOREIGN KEY ("communeId") REFERENCES "Commune" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Official" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communeId" TEXT NOT NULL,
    "departmentId" TEXT,
    "name" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "phone" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Official_communeId_fkey" FOREIGN KEY ("communeId") REFERENCES "Commune" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Official_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LinkCode" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "officialId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "revokedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LinkCode_officialId_fkey" FOREIGN KEY ("officialId") REFERENCES "Official" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Plan" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communeId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "documentNo" TEXT,
    "issuedOn" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Plan_communeId_fkey" FOREIGN KEY ("communeId") REFERENCES "Commune" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Task" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communeId" TEXT NOT NULL,
    "planId" TEXT,
    "code" TEXT NOT NULL,
    "section" TEXT,
    "sectionTitle" TEXT,
    "ordinal" INTEGER,
    "title" TEXT NOT NULL,
    "product" TEXT,
    "leadDepartmentId" TEXT,
    "leadText" TEXT,
    "cooperatingText" TEXT,
    "assigneeId" TEXT,
    "deadlineText" TEXT,
    "recurrence" TEXT NOT NULL DEFAULT 'none',
    "dueAt" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'todo',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "completedAt" DATETIME,
    "source" TEXT NOT NULL DEFAULT 'plan',
    "assignedBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Task_communeId_fkey" FOREIGN KEY ("communeId") REFERENCES "Commune" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Task_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Task_leadDepartmentId_fkey" FOREIGN KEY ("leadDepartmentId") REFERENCES "Department" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Task_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "Official" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TaskCooperator" (
    "taskId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,

    PRIMARY KEY ("taskId", "departmentId"),
    CONSTRAINT "TaskCooperator_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TaskCooperator_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TaskDeadline" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "taskId" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "label" TEXT NOT NULL,
    "metAt" DATETIME,
    CONSTRAINT "TaskDeadline_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Evidence" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "taskId" TEXT NOT NULL,
    "officialId" TEXT,
    "kind" TEXT NOT NULL,
    "url" TEXT,
    "name" TEXT,
    "sizeBytes" INTEGER,
    "note" TEXT,
    "sourceMsgId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Evidence_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Evidence_officialId_fkey" FOREIGN KEY ("officialId") REFERENCES "Official" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Procedure" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "field" TEXT,
    "level" TEXT,
    "processingTime" TEXT,
    "processingDays" REAL,
    "processingUnitMissing" BOOLEAN NOT NULL DEFAULT false,
    "fees" TEXT,
    "applicant" TEXT,
    "whereToFile" TEXT,
    "result" TEXT,
    "legalBasis" TEXT,
    "sourceUrl" TEXT,
    "onlineSubmissionListed" BOOLEAN NOT NULL DEFAULT false,
    "communeService" BOOLEAN NOT NULL DEFAULT true,
    "agency" TEXT,
    "details" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "CommuneProcedure" (
    "communeId" TEXT NOT NULL,
    "procedureId" TEXT NOT NULL,
    "served" BOOLEAN NOT NULL DEFAULT true,
    "localNotes" TEXT,
    "localFees" TEXT,

    PRIMARY KEY ("communeId", "procedureId"),
    CONSTRAINT "CommuneProcedure_communeId_fkey" FOREIGN KEY ("communeId") REFERENCES "Commune" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CommuneProcedure_procedureId_fkey" FOREIGN KEY ("procedureId") REFERENCES "Procedure" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Dossier" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communeId" TEXT NOT NULL,
    "receiptCode" TEXT NOT NULL,
    "procedureId" TEXT,
    "procedureName" TEXT NOT NULL,
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
    "digitised" BOOLEAN NOT NULL DEFAULT false,
    "paidOnline" BOOLEAN NOT NULL DEFAULT false,
    "apologyAt" DATETIME,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Dossier_communeId_fkey" FOREIGN KEY ("communeId") REFERENCES "Commune" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Dossier_procedureId_fkey" FOREIGN KEY ("procedureId") REFERENCES "Procedure" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Dossier_handlerId_fkey" FOREIGN KEY ("handlerId") REFERENCES "Official" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Dossier_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Holiday" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communeId" TEXT,
    "date" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'holiday',
    CONSTRAINT "Holiday_communeId_fkey" FOREIGN KEY ("communeId") REFERENCES "Commune" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ZaloUser" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communeId" TEXT NOT NULL,
    "zaloUserId" TEXT NOT NULL,
    "displayName" TEXT,
    "following" BOOLEAN NOT NULL DEFAULT true,
    "lastInteractionAt" DATETIME,
    "officialId" TEXT,
    "linkedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ZaloUser_communeId_fkey" FOREIGN KEY ("communeId") REFERENCES "Commune" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ZaloUser_officialId_fkey" FOREIGN KEY ("officialId") REFERENCES "Official" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ZaloGroup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communeId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "departmentId" TEXT,
    CONSTRAINT "ZaloGroup_communeId_fkey" FOREIGN KEY ("communeId") REFERENCES "Commune" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ZaloGroup_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InboxEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communeId" TEXT,
    "oaId" TEXT,
    "eventName" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "orderKey" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" DATETIME,
    "lastError" TEXT,
    "processedAt" DATETIME,
    CONSTRAINT "InboxEvent_communeId_fkey" FOREIGN KEY ("communeId") REFERENCES "Commune" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communeId" TEXT,
    "idempotencyKey" TEXT NOT NULL,
    "recipientType" TEXT NOT NULL,
    "recipientId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" DATETIME,
    "lockedBy" TEXT,
    "lastError" TEXT,
    "zaloMessageId" TEXT,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OutboxMessage_communeId_fkey" FOREIGN KEY ("communeId") REFERENCES "Commune" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OaToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communeId" TEXT,
    "oaId" TEXT NOT NULL,
    "accessToken" TEXT,
    "accessExpiresAt" DATETIME,
    "refreshToken" TEXT,
    "refreshExpiresAt" DATETIME,
    "lockedUntil" DATETIME,
    "lockedBy" TEXT,
    "state" TEXT NOT NULL DEFAULT 'ok',
    "lastError" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "OaToken_communeId_fkey" FOREIGN KEY ("communeId") REFERENCES "Commune" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "JobRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communeId" TEXT,
    "job" TEXT NOT NULL,
    "slot" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'running',
    "detail" TEXT,
    CONSTRAINT "JobRun_communeId_fkey" FOREIGN KEY ("communeId") REFERENCES "Commune" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConversationState" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communeId" TEXT NOT NULL,
    "zaloUserId" TEXT NOT NULL,
    "flow" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ConversationState_communeId_fkey" FOREIGN KEY ("communeId") REFERENCES "Commune" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communeId" TEXT NOT NULL,
    "actorOfficialId" TEXT,
    "actorLabel" TEXT,
    "channel" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuditLog_communeId_fkey" FOREIGN KEY ("communeId") REFERENCES "Commune" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AuditLog_actorOfficialId_fkey" FOREIGN KEY ("actorOfficialId") REFERENCES "Official" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Feedback" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communeId" TEXT NOT NULL,
    "zaloUserId" TEXT,
    "kind" TEXT NOT NULL,
    "trackingCode" TEXT,
    "procedureCode" TEXT,
    "question" TEXT,
    "content" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "answer" TEXT,
    "answeredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Feedback_communeId_fkey" FOREIGN KEY ("communeId") REFERENCES "Commune" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Commune_slug_key" ON "Commune"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Commune_zaloOaId_key" ON "Commune"("zaloOaId");

-- CreateIndex
CREATE UNIQUE INDEX "Department_communeId_code_key" ON "Department"("communeId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Official_communeId_phone_key" ON "Official"("communeId", "phone");

-- CreateIndex
CREATE UNIQUE INDEX "LinkCode_codeHash_key" ON "LinkCode"("codeHash");

-- CreateIndex
CREATE INDEX "LinkCode_officialId_idx" ON "LinkCode"("officialId");

-- CreateIndex
CREATE UNIQUE INDEX "Plan_communeId_year_title_key" ON "Plan"("communeId", "year", "title");

-- CreateIndex
CREATE INDEX "Task_communeId_status_dueAt_idx" ON "Task"("communeId", "status", "dueAt");

-- CreateIndex
CREATE INDEX "Task_communeId_leadDepartmentId_idx" ON "Task"("communeId", "leadDepartmentId");

-- CreateIndex
CREATE INDEX "Task_assigneeId_idx" ON "Task"("assigneeId");

-- CreateIndex
CREATE UNIQUE INDEX "Task_communeId_code_key" ON "Task"("communeId", "code");

-- CreateIndex
CREATE INDEX "TaskCooperator_departmentId_idx" ON "TaskCooperator"("departmentId");

-- CreateIndex
CREATE INDEX "TaskDeadline_dueAt_idx" ON "TaskDeadline"("dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "TaskDeadline_taskId_dueAt_key" ON "TaskDeadline"("taskId", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "Evidence_sourceMsgId_key" ON "Evidence"("sourceMsgId");

-- CreateIndex
CREATE INDEX "Evidence_taskId_idx" ON "Evidence"("taskId");

-- CreateIndex
CREATE UNIQUE INDEX "Procedure_code_key" ON "Procedure"("code");

-- CreateIndex
CREATE INDEX "Procedure_field_idx" ON "Procedure"("field");

-- CreateIndex
CREATE INDEX "Dossier_communeId_status_dueAt_idx" ON "Dossier"("communeId", "status", "dueAt");

-- CreateIndex
CREATE INDEX "Dossier_communeId_receivedAt_idx" ON "Dossier"("communeId", "receivedAt");

-- CreateIndex
CREATE INDEX "Dossier_handlerId_status_idx" ON "Dossier"("handlerId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Dossier_communeId_receiptCode_key" ON "Dossier"("communeId", "receiptCode");

-- CreateIndex
CREATE INDEX "Holiday_date_idx" ON "Holiday"("date");

-- CreateIndex
CREATE UNIQUE INDEX "ZaloUser_officialId_key" ON "ZaloUser"("officialId");

-- CreateIndex
CREATE UNIQUE INDEX "ZaloUser_communeId_zaloUserId_key" ON "ZaloUser"("communeId", "zaloUserId");

-- CreateIndex
CREATE UNIQUE INDEX "ZaloGroup_communeId_groupId_key" ON "ZaloGroup"("communeId", "groupId");

-- CreateIndex
CREATE UNIQUE INDEX "InboxEvent_dedupeKey_key" ON "InboxEvent"("dedupeKey");

-- CreateIndex
CREATE INDEX "InboxEvent_status_nextAttemptAt_idx" ON "InboxEvent"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "InboxEvent_orderKey_receivedAt_idx" ON "InboxEvent"("orderKey", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_idempotencyKey_key" ON "OutboxMessage"("idempotencyKey");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_recipientId_createdAt_idx" ON "OutboxMessage"("recipientId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "OaToken_communeId_key" ON "OaToken"("communeId");

-- CreateIndex
CREATE UNIQUE INDEX "OaToken_oaId_key" ON "OaToken"("oaId");

-- CreateIndex
CREATE INDEX "JobRun_job_startedAt_idx" ON "JobRun"("job", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "JobRun_job_slot_communeId_key" ON "JobRun"("job", "slot", "communeId");

-- CreateIndex
CREATE INDEX "ConversationState_expiresAt_idx" ON "ConversationState"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "ConversationState_communeId_zaloUserId_key" ON "ConversationState"("communeId", "zaloUserId");

-- CreateIndex
CREATE INDEX "AuditLog_entityType_entityId_createdAt_idx" ON "AuditLog"("entityType", "entityId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditLog_communeId_createdAt_idx" ON "AuditLog"("communeId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Feedback_trackingCode_key" ON "Feedback"("trackingCode");

-- CreateIndex
CREATE INDEX "Feedback_communeId_kind_createdAt_idx" ON "Feedback"("communeId", "kind", "createdAt");

