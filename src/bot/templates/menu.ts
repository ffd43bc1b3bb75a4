import type { Button } from "../../zalo/oa-client.js";

// Vietnamese strings the user sees for the greeting and the main menu.

export function greeting(communeName: string): string {
  return `Xin chào anh/chị! Đây là Trợ lý của ${communeName}. Anh/chị cần hỗ trợ việc gì ạ?`;
}

export function followWelcome(communeName: string): string {
  return `Cảm ơn anh/chị đã quan tâm ${communeName}. Anh/chị có thể hỏi về thủ tục hành chính, hồ sơ hoặc gửi phản ánh, kiến nghị tại đây.`;
}

export const nonTextHint = "Trợ lý hiện chỉ đọc được tin nhắn chữ. Anh/chị vui lòng gõ câu hỏi ạ.";

export const mainMenuButtons: Button[] = [
  { kind: "query", title: "Hỏi thủ tục", payload: "thủ tục" },
  { kind: "query", title: "Tra cứu hồ sơ", payload: "tra cứu hồ sơ" },
  { kind: "query", title: "Phản ánh, kiến nghị", payload: "phản ánh" },
];
