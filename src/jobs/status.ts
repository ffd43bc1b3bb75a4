import type { Db } from "../db/client.js";
import { REMINDER_JOBS } from "./index.js";
import { nextOccurrence } from "./slots.js";

export interface JobInfo {
  name: string;
  description: string;
  schedule: string;
  lastRunAt: string | null;
  lastStatus: string | null;
  nextRunAt: string | null;
}

/** The housekeeping jobs, as operators see them next to the reminders. */
const HOUSEKEEPING = [
  { name: "zalo-token-refresh", description: "Làm mới mã truy cập Zalo OA", defaultSchedule: "*/10 * * * *" },
  {
    name: "cleanup",
    description: "Dọn dữ liệu cũ (sự kiện đã xử lý, tin đã gửi)",
    defaultSchedule: "30 2 * * *",
  },
];

/**
 * Every job with its schedule, its last run (from the JobRun rows the replicas share) and
 * its next one; read from the database, so the CLI shows it without a running service.
 */
export async function jobInfos(
  prisma: Db,
  schedules: Readonly<Record<string, string>>,
  timeZone: string,
  now = new Date(),
): Promise<JobInfo[]> {
  const jobs = [...REMINDER_JOBS, ...HOUSEKEEPING];
  return Promise.all(
    jobs.map(async (job) => {
      const schedule = schedules[job.name] ?? job.defaultSchedule;
      const last = await prisma.jobRun.findFirst({
        where: { job: job.name },
        orderBy: { startedAt: "desc" },
        select: { startedAt: true, status: true },
      });
      return {
        name: job.name,
        description: job.description,
        schedule,
        lastRunAt: last?.startedAt.toISOString() ?? null,
        lastStatus: last?.status ?? null,
        nextRunAt: nextOccurrence(schedule, timeZone, now)?.toISOString() ?? null,
      };
    }),
  );
}
