import { type Request, type Response, Router } from "express";

/**
 * Zalo's domain verification: the home page carries
 * `<meta name="zalo-platform-site-verification" content="…">`, and the HTML file Zalo
 * offers for download (named zalo_verifier….html) is served at any path containing
 * `zalo_verifier`. Both come from ZALO_SITE_VERIFICATION.
 */
export function siteVerificationRouter(code: string | undefined): Router {
  const router = Router();
  if (!code) return router;
  const html = `<!DOCTYPE html><html><head><meta name="zalo-platform-site-verification" content="${escapeAttr(code)}" /></head><body>There Is No Limit To What You Can Accomplish Using Zalo!</body></html>`;
  const send = (_req: Request, res: Response) => {
    res.type("html").send(html);
  };
  router.get("/", send);
  router.get(/zalo_verifier/, send);
  return router;
}

function escapeAttr(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
