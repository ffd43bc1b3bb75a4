import type { Button } from "../../../messaging/outgoing.js";
import { encodeCallback } from "../../../messaging/callback-data.js";

// What citizens read outside their questions: welcome, small talk, the menu, fall-backs.

export const citizenMenuButtons: Button[] = [
  { kind: "query", title: "Hỏi thủ tục", payload: encodeCallback("menu", "procedures"), hidden: true },
  { kind: "query", title: "Tra cứu hồ sơ", payload: encodeCallback("menu", "dossier"), hidden: true },
  { kind: "query", title: "Phản ánh, kiến nghị", payload: encodeCallback("menu", "pakn"), hidden: true },
  { kind: "query", title: "Hỏi cán bộ", payload: encodeCallback("menu", "handoff"), hidden: true },
];

export function followWelcome(communeName: string): string {
  return `Cảm ơn anh/chị đã quan tâm ${communeName}. Anh/chị có thể hỏi về thủ tục hành chính, tra cứu hồ sơ hoặc gửi phản ánh, kiến nghị tại đây.`;
}

export function greetingReply(communeName: string): string {
  return `Dạ, em chào anh/chị! Em là trợ lý tự động của ${communeName}. Anh/chị cứ nhắn câu hỏi về thủ tục hành chính, ví dụ: “làm giấy khai sinh cần gì”, “đăng ký kết hôn mất bao lâu”.`;
}

export const thanksReply = "Dạ, không có gì ạ. Anh/chị cần hỏi thêm cứ nhắn em nhé!";

export const textOnly = "Trợ lý hiện chỉ đọc được tin nhắn chữ. Anh/chị vui lòng gõ câu hỏi ạ.";

export const staleChoice = "Lựa chọn này đã hết hạn. Anh/chị nhắn lại câu hỏi giúp em.";
