// Vietnamese strings for a new follower.

export function followWelcome(communeName: string): string {
  return `Cảm ơn anh/chị đã quan tâm ${communeName}. Anh/chị có thể hỏi về thủ tục hành chính, tra cứu hồ sơ hoặc gửi phản ánh, kiến nghị tại đây.`;
}
