// What someone linking their Zalo account to an official reads.

const REFUSALS: Record<string, string> = {
  invalid: "Mã liên kết không đúng. Anh/chị kiểm tra lại mã do cán bộ quản trị cấp giúp em.",
  expired: "Mã liên kết đã hết hạn. Anh/chị xin cán bộ quản trị cấp mã mới.",
  used: "Mã liên kết này đã được dùng. Anh/chị xin cán bộ quản trị cấp mã mới.",
  revoked: "Mã liên kết này đã bị thu hồi. Anh/chị xin cán bộ quản trị cấp mã mới.",
  rate_limited: "Anh/chị đã nhập sai mã nhiều lần. Vui lòng thử lại sau 15 phút.",
  already_linked_other:
    "Tài khoản Zalo này đang liên kết với một cán bộ khác. Anh/chị nhắn “hủy liên kết” trước.",
};

export function linkRefusal(reason: string): string {
  return REFUSALS[reason] ?? REFUSALS.invalid!;
}

export function linked(name: string, title: string): string {
  return `Đã liên kết tài khoản Zalo với ${name} (${title}).`;
}

export function unlinked(ok: boolean): string {
  return ok
    ? "Đã hủy liên kết. Tài khoản Zalo này không còn xem được việc của cán bộ."
    : "Tài khoản chưa liên kết.";
}
