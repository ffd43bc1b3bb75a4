import type { DepartmentNames } from "../domain/departments/department-match.js";

/**
 * The fictional demo commune. Names, addresses and phone numbers are invented; the plan
 * tasks come from a real commune plan (assets/samples, imported by demo-plan.ts) so that the
 * demo reads true.
 */
export const DEMO_COMMUNE = {
  slug: "xa-hoa-an-demo",
  name: "Xã Hòa An",
  kind: "xa",
  district: "Huyện Triệu Hải",
  province: "Tỉnh Quảng Hà",
  address: "Thôn Đông Hòa, xã Hòa An, huyện Triệu Hải, tỉnh Quảng Hà",
  hotline: "0200 3 812 345",
  officeHours: "Sáng 7:00–11:30, chiều 13:30–17:00, thứ Hai–thứ Sáu",
} as const;

export type DepartmentCode = "VP" | "TP" | "VHXH" | "TCKT" | "DCXD" | "MC";

export interface DemoDepartment extends DepartmentNames {
  code: DepartmentCode;
  isOneStop: boolean;
}

export const DEMO_DEPARTMENTS: readonly DemoDepartment[] = [
  {
    code: "VP",
    name: "Văn phòng – Thống kê",
    aliases: ["Văn phòng UBND", "Văn phòng UBND xã", "VP UBND", "VP UBND xã", "UBND xã", "Văn phòng"],
    isOneStop: false,
  },
  {
    code: "TP",
    name: "Tư pháp – Hộ tịch",
    aliases: ["Tư pháp", "Tư pháp xã", "Tư pháp hộ tịch"],
    isOneStop: false,
  },
  {
    code: "VHXH",
    name: "Văn hóa – Xã hội",
    aliases: ["Ngành VH TT", "Ngành VHTT", "Văn hóa", "VHTT", "VH TT", "Cán bộ TTTT", "Văn hóa xã hội"],
    isOneStop: false,
  },
  {
    code: "TCKT",
    name: "Tài chính – Kế toán",
    aliases: ["Kế toán Tài chính xã", "Kế toán Tài chính", "Tài chính", "Kế toán", "Tài chính kế toán"],
    isOneStop: false,
  },
  {
    code: "DCXD",
    name: "Địa chính – Xây dựng",
    aliases: ["Địa chính", "Địa chính xây dựng", "Xây dựng"],
    isOneStop: false,
  },
  {
    code: "MC",
    name: "Bộ phận tiếp nhận và trả kết quả",
    aliases: ["Bộ phận TN & TKQ", "Bộ phận TN&TKQ", "Bộ phận một cửa", "Một cửa", "Bộ phận TN và TKQ"],
    isOneStop: true,
  },
];

export type OfficialRole = "leader" | "officer" | "admin";

export interface DemoOfficial {
  /** Stable handle used by the generators (the database id is not known in advance). */
  key: string;
  name: string;
  title: string;
  role: OfficialRole;
  departmentCode: DepartmentCode | null;
  phone: string;
}

export const DEMO_OFFICIALS: readonly DemoOfficial[] = [
  official("ct", "Lê Văn Thành", "Chủ tịch UBND xã", "leader", null, "0901234501"),
  official("pct-kt", "Nguyễn Thị Hồng Nhung", "Phó Chủ tịch UBND xã", "leader", null, "0901234502"),
  official("pct-vx", "Trần Đức Hải", "Phó Chủ tịch UBND xã", "leader", null, "0901234503"),
  // The operator: a Văn phòng civil servant who also runs the assistant.
  official("vp-1", "Hoàng Thị Mai Anh", "Công chức Văn phòng – Thống kê", "admin", "VP", "0901234504"),
  official("vp-2", "Phạm Quốc Bảo", "Công chức Văn phòng – Thống kê", "officer", "VP", "0901234505"),
  official("tp-1", "Nguyễn Thị Thu Hà", "Công chức Tư pháp – Hộ tịch", "officer", "TP", "0901234506"),
  official("tp-2", "Võ Minh Tuấn", "Công chức Tư pháp – Hộ tịch", "officer", "TP", "0901234507"),
  official("vhxh-1", "Đặng Thị Lan", "Công chức Văn hóa – Xã hội", "officer", "VHXH", "0901234508"),
  official("vhxh-2", "Bùi Văn Hùng", "Công chức Văn hóa – Xã hội", "officer", "VHXH", "0901234509"),
  official("tckt-1", "Trương Thị Kim Oanh", "Công chức Tài chính – Kế toán", "officer", "TCKT", "0901234510"),
  official("dcxd-1", "Lê Hữu Phước", "Công chức Địa chính – Xây dựng", "officer", "DCXD", "0901234511"),
  official("mc-1", "Nguyễn Thị Ngọc Ánh", "Công chức Bộ phận một cửa", "officer", "MC", "0901234512"),
];

function official(
  key: string,
  name: string,
  title: string,
  role: OfficialRole,
  departmentCode: DepartmentCode | null,
  phone: string,
): DemoOfficial {
  return { key, name, title, role, departmentCode, phone };
}

/** Civil servants of a department who can be given its tasks and dossiers, in listed order. */
export function departmentStaff(code: string): DemoOfficial[] {
  return DEMO_OFFICIALS.filter((o) => o.departmentCode === code && o.role !== "leader");
}

export const DEMO_ZALO_GROUPS = [
  {
    groupId: "demo-group-mot-cua",
    name: "Bộ phận một cửa xã Hòa An",
    purpose: "one_stop_desk",
    departmentCode: "MC",
  },
  {
    groupId: "demo-group-lanh-dao",
    name: "Lãnh đạo UBND xã Hòa An",
    purpose: "leaders",
    departmentCode: null,
  },
  // One group per department: where an official's reminders go when Zalo will not let the
  // OA write to them directly (silent for over 7 days).
  {
    groupId: "demo-group-van-phong",
    name: "Văn phòng – Thống kê",
    purpose: "department",
    departmentCode: "VP",
  },
  { groupId: "demo-group-tu-phap", name: "Tư pháp – Hộ tịch", purpose: "department", departmentCode: "TP" },
  { groupId: "demo-group-van-hoa", name: "Văn hóa – Xã hội", purpose: "department", departmentCode: "VHXH" },
  {
    groupId: "demo-group-tai-chinh",
    name: "Tài chính – Kế toán",
    purpose: "department",
    departmentCode: "TCKT",
  },
  {
    groupId: "demo-group-dia-chinh",
    name: "Địa chính – Xây dựng",
    purpose: "department",
    departmentCode: "DCXD",
  },
] as const;
