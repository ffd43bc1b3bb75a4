/** HTML of the console's pages: escaping, and the frame every page shares. */

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function esc(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Data for the page's script, in a non-executed JSON block (no inline script under the CSP). */
export function jsonBlock(id: string, data: unknown): string {
  return `<script type="application/json" id="${esc(id)}">${JSON.stringify(data).replace(/</g, "\\u003c")}</script>`;
}

export interface PageOptions {
  title: string;
  body: string;
  /** The signed-in user's name and the CSRF token, for the header's sign-out button. */
  session?: { who: string; csrfToken: string; operator: boolean };
  scripts?: string[];
}

export function page(o: PageOptions): string {
  const nav = o.session
    ? `<header class="top"><strong>Trợ lý xã</strong>
  <nav>${o.session.operator ? '<a href="/console/operator">Vận hành</a> ' : ""}<a href="/console/leader">Tổng quan</a></nav>
  <form method="post" action="/console/sign-out" class="inline"><input type="hidden" name="_csrf" value="${esc(o.session.csrfToken)}">
  <span class="who">${esc(o.session.who)}</span> <button type="submit">Đăng xuất</button></form></header>`
    : `<header class="top"><strong>Trợ lý xã</strong></header>`;
  const scripts = (o.scripts ?? []).map((s) => `<script src="${esc(s)}" defer></script>`).join("");
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(o.title)} · Trợ lý xã</title>
<link rel="stylesheet" href="/console/static/console.css">${scripts}
</head><body>${nav}<main>${o.body}</main></body></html>`;
}
