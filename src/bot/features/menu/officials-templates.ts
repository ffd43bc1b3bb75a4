import type { Button } from "../../../messaging/outgoing.js";

// The officials' menu and fall-backs.

export const officialMenuButtons: Button[] = [
  { kind: "query", title: "Việc của tôi", payload: "việc của tôi" },
  { kind: "query", title: "Việc quá hạn", payload: "việc quá hạn" },
  { kind: "query", title: "Hồ sơ quá hạn", payload: "hồ sơ quá hạn" },
  { kind: "query", title: "Thống kê quý này", payload: "thống kê quý này" },
  { kind: "query", title: "Hướng dẫn", payload: "hướng dẫn" },
];

export function officialHelp(name: string): string {
  return [
    `Chào ${name}. Anh/chị có thể nhắn:`,
    "• việc của tôi · việc tuần này · việc quá hạn",
    "• NV12 (xem chi tiết) · lịch sử NV12",
    "• xong NV12 · NV12 60% đã gửi dự thảo",
    "• gia hạn NV12 đến 30/7 vì chờ số liệu",
    "• minh chứng NV12 (rồi gửi ảnh/tệp)",
    "• hồ sơ quá hạn · hồ sơ hôm nay · hồ sơ <mã biên nhận>",
    "• thống kê · tỉ lệ đúng hạn quý này",
    "• báo cáo quý 1 · báo cáo 6 tháng · tỉ lệ số hóa · rủi ro chỉ số",
    "• đã xin lỗi HS <mã> (ghi nhận thư xin lỗi)",
    "• tắt nhắc · bật nhắc · nhắc lúc 6h30 · chỉ nhắc việc quá hạn",
  ].join("\n");
}

export const notUnderstood = "Em chưa hiểu ý anh/chị. Anh/chị chọn một mục dưới đây hoặc nhắn “hướng dẫn”.";

export const officialsThanks = "Dạ, anh/chị cần gì thêm cứ nhắn em ạ.";

export const cancelled = "Đã hủy. Anh/chị cần gì thêm cứ nhắn em.";

export const staleButton =
  "Yêu cầu này đã hết hạn hoặc đã được xử lý. Anh/chị gửi lại lệnh giúp em (ví dụ: “xong NV12”).";

export const evidenceHint =
  'Anh/chị muốn lưu tệp này làm minh chứng? Nhắn "minh chứng NV12" trước, rồi gửi lại ảnh/tệp.';
