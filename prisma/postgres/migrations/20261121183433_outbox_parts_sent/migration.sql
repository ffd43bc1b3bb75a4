-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "partsSent" INTEGER NOT NULL DEFAULT 0;

