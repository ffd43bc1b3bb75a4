import type { Db } from "../../db/client.js";
import { dayKey } from "../calendar/working-days.js";

export interface StatusItem {
  /** Stable id of the check (for the console and tests). */
  key: string;
  ok: boolean;
  /** Required to go live; the others make the service better but can come later. */
  required: boolean;
  /** What is there, or what to do, in Vietnamese, with the command that does it. */
  message: string;
}

export interface OnboardingStatus {
  commune: { id: string; name: string; slug: string };
  ready: boolean;
  items: StatusItem[];
}

/**
 * What a commune still lacks before it can go live: its OA connected, departments with a
 * one-stop desk, a leader, the procedure catalogue; then what makes the service good: the
 * office's contacts, its groups, the plan, the dossiers.
 */
export async function onboardingStatus(
  prisma: Db,
  communeId: string,
  options: { now: Date; defaultOaId?: string | undefined },
): Promise<OnboardingStatus> {
  const commune = await prisma.commune.findUniqueOrThrow({ where: { id: communeId } });
  const oaId = commune.zaloOaId ?? options.defaultOaId ?? null;
  const token = oaId ? await prisma.oaToken.findUnique({ where: { oaId } }) : null;
  const year = Number(dayKey(options.now).slice(0, 4));
  const [departments, officials, linked, groups, procedures, notServed, tasks, dossiers, holidays] =
    await Promise.all([
      prisma.department.findMany({ where: { communeId }, select: { isOneStop: true } }),
      prisma.official.findMany({
        where: { communeId, active: true },
        select: { role: true, department: { select: { isOneStop: true } } },
      }),
      prisma.zaloUser.count({ where: { communeId, officialId: { not: null } } }),
      prisma.zaloGroup.findMany({ where: { communeId }, select: { purpose: true } }),
      prisma.procedure.count({ where: { active: true, communeService: true } }),
      prisma.communeProcedure.count({ where: { communeId, served: false } }),
      prisma.task.count({ where: { communeId, plan: { year } } }),
      prisma.dossier.count({ where: { communeId } }),
      prisma.holiday.count({ where: { communeId: null, date: { startsWith: String(year) } } }),
    ]);
  const slug = commune.slug;
  const items: StatusItem[] = [
    {
      key: "oa",
      required: true,
      ok: oaId !== null,
      message: oaId
        ? `OA Zalo: ${oaId}${commune.zaloOaId ? "" : " (OA mặc định của hệ thống)"}`
        : `chưa có OA Zalo: commune create --slug ${slug} --oa-id <OA id>`,
    },
    {
      key: "oa_token",
      required: true,
      ok: !!token?.refreshToken && token.state !== "failed",
      message: !token?.refreshToken
        ? `OA chưa được kết nối: ZALO_REFRESH_TOKEN=<mã> npm run cli -- commune connect-oa --commune ${slug}`
        : token.state === "failed"
          ? `mã truy cập OA bị từ chối (${token.lastError ?? "lỗi"}): cấp quyền lại rồi chạy lại commune connect-oa`
          : "OA đã kết nối",
    },
    {
      key: "departments",
      required: true,
      ok: departments.length > 0 && departments.some((d) => d.isOneStop),
      message:
        departments.length === 0
          ? `chưa có bộ phận: department add --commune ${slug} --code MC --name "Bộ phận một cửa" --one-stop`
          : departments.some((d) => d.isOneStop)
            ? `${departments.length} bộ phận, có Bộ phận một cửa`
            : `chưa chọn Bộ phận một cửa: department add … --one-stop`,
    },
    {
      key: "leader",
      required: true,
      ok: officials.some((o) => o.role === "leader"),
      message: `${officials.length} cán bộ (${officials.filter((o) => o.role === "leader").length} lãnh đạo), ${linked} đã liên kết Zalo${officials.length === 0 ? `: officials import <tệp> --commune ${slug}` : ""}`,
    },
    {
      key: "catalogue",
      required: true,
      ok: procedures > 0,
      message:
        procedures > 0
          ? `danh mục ${procedures} thủ tục cấp xã${notServed > 0 ? `, xã không làm ${notServed}` : ""}`
          : "chưa có danh mục thủ tục: import-procedures assets/tthc/procedures.jsonl",
    },
    {
      key: "desk_staff",
      required: false,
      ok: officials.some((o) => o.department?.isOneStop),
      message: officials.some((o) => o.department?.isOneStop)
        ? "có cán bộ Bộ phận một cửa (nhận câu hỏi người dân chuyển đến)"
        : "chưa có cán bộ Bộ phận một cửa: câu hỏi người dân chuyển đến sẽ chỉ vào nhóm",
    },
    {
      key: "contact",
      required: false,
      ok: !!(commune.hotline && commune.address && commune.officeHours),
      message:
        commune.hotline && commune.address && commune.officeHours
          ? "có đường dây nóng, địa chỉ, giờ làm việc"
          : `thiếu thông tin liên hệ cho người dân: commune-info --commune ${slug} --hotline … --address … --hours …`,
    },
    {
      key: "groups",
      required: false,
      ok: ["leaders", "one_stop_desk"].every((p) => groups.some((g) => g.purpose === p)),
      message: `${groups.length} nhóm Zalo (${["leaders", "one_stop_desk"]
        .map(
          (p) =>
            `${p === "leaders" ? "lãnh đạo" : "một cửa"}: ${groups.some((g) => g.purpose === p) ? "có" : "chưa"}`,
        )
        .join(
          ", ",
        )}${groups.some((g) => g.purpose === "none") ? `, ${groups.filter((g) => g.purpose === "none").length} chưa gán mục đích` : ""}): groups --commune ${slug} --sync, group set …`,
    },
    {
      key: "plan",
      required: false,
      ok: tasks > 0,
      message:
        tasks > 0
          ? `kế hoạch CCHC ${year}: ${tasks} nhiệm vụ`
          : `chưa có kế hoạch CCHC ${year}: import-plan <tệp> --commune ${slug} --year ${year}`,
    },
    {
      key: "dossiers",
      required: false,
      ok: dossiers > 0,
      message:
        dossiers > 0 ? `${dossiers} hồ sơ` : `chưa có hồ sơ một cửa: import-dossiers <tệp> --commune ${slug}`,
    },
    {
      key: "calendar",
      required: false,
      ok: holidays > 0,
      message: holidays > 0 ? `lịch nghỉ lễ ${year} đã có` : `lịch nghỉ lễ ${year} chưa lưu (dùng mặc định)`,
    },
  ];
  return {
    commune: { id: commune.id, name: commune.name, slug },
    ready: items.every((i) => !i.required || i.ok),
    items,
  };
}
