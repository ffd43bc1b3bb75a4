// The web console's link in chat: short, with how long it lasts and that it works once.

export function consoleLinkText(url: string, minutes: number): string {
  return [
    "Đường dẫn mở bảng điều khiển của xã (dùng được một lần, trong " + minutes + " phút):",
    url,
    "Anh/chị không chuyển đường dẫn này cho người khác.",
  ].join("\n");
}

export const consoleForLeadersOnly =
  "Bảng điều khiển dành cho lãnh đạo UBND xã. Anh/chị cần số liệu nào, nhắn “báo cáo” hoặc “thống kê” để em gửi ngay ạ.";
