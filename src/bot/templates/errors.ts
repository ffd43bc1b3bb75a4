/** What someone hears when handling their message failed for good (the error boundary). */
export const somethingWentWrong =
  "Xin lỗi anh/chị, hệ thống đang gặp sự cố nên em chưa xử lý được tin nhắn này. Cán bộ phụ trách đã được báo để kiểm tra; anh/chị vui lòng thử lại sau ít phút.";
