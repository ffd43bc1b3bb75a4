import { join } from "node:path";
import express, { type NextFunction, type Request, type Response, Router } from "express";
import {
  createConsoleSession,
  endConsoleSession,
  redeemConsoleLink,
} from "../../domain/console/console-access.js";
import { projectRoot } from "../../paths.js";
import { adminTokenMatches } from "../admin.js";
import { esc, page } from "./html.js";
import { leaderRoutes } from "./leader-view.js";
import { type OperatorDeps, operatorRoutes } from "./operator-view.js";
import {
  type CookieOptions,
  issuePreToken,
  preTokenValid,
  requireConsoleSession,
  SESSION_COOKIE,
  sessionOf,
  setSessionCookie,
} from "./session.js";

/** What the operator's pages need, plus sign-in's own settings. */
export interface ConsoleDeps extends OperatorDeps {
  /** ADMIN_API_TOKEN: the operator's sign-in; unset, only leaders' links sign in. */
  adminToken: string | undefined;
  /** PUBLIC_BASE_URL; in production the console answers only on its host. */
  publicBaseUrl: string;
  production: boolean;
  now?: () => Date;
}

const SIGN_IN_LIMIT = 10;
const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;

const LINK_REFUSED: Record<string, string> = {
  unknown: "Đường dẫn không đúng.",
  expired: "Đường dẫn đã hết hạn.",
  used: "Đường dẫn này đã được dùng.",
  inactive: "Tài khoản cán bộ không còn hoạt động.",
};

/**
 * The web console under /console: the operator signs in with the admin token, a leader
 * through the one-time link the bot sends; both then hold a session cookie. Pages are
 * rendered here; the only scripts are assets/console/console.js and Chart.js.
 */
export function consoleRouter(deps: ConsoleDeps): Router {
  const now = deps.now ?? (() => new Date());
  const publicUrl = new URL(deps.publicBaseUrl);
  const cookies: CookieOptions = { secure: publicUrl.protocol === "https:" };
  const router = Router();

  // In production, only on the public address (the proxy's TLS), never a bare IP or port.
  router.use("/console", (req: Request, res: Response, next: NextFunction) => {
    if (deps.production && req.get("host") !== publicUrl.host)
      return res.status(404).json({ error: "not_found" });
    res.set({
      "Content-Security-Policy":
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
      "Cache-Control": "no-store",
    });
    next();
  });
  router.use("/console", express.urlencoded({ extended: false, limit: "16kb" }));

  // The stylesheet is the one file open before sign-in: the sign-in page wears it too.
  router.get("/console/static/console.css", (_req, res) =>
    res.sendFile(join(projectRoot, "assets/console/console.css")),
  );

  router.get("/console/sign-in", (req, res) => {
    res.send(signInPage(issuePreToken(req, res, cookies)));
  });

  // Guessing the admin token: after SIGN_IN_LIMIT failures from one address in the window,
  // that address is refused until the window has passed (kept in memory: one process).
  const failures = new Map<string, number[]>();
  const recentFailures = (ip: string, at: number) => {
    const kept = (failures.get(ip) ?? []).filter((t) => at - t < SIGN_IN_WINDOW_MS);
    if (kept.length > 0) failures.set(ip, kept);
    else failures.delete(ip);
    return kept;
  };

  router.post("/console/sign-in", async (req, res) => {
    const ip = req.ip ?? "unknown";
    if (recentFailures(ip, now().getTime()).length >= SIGN_IN_LIMIT) {
      return res
        .status(429)
        .send(
          signInPage(
            issuePreToken(req, res, cookies),
            "Đăng nhập sai quá nhiều lần, mời thử lại sau 15 phút.",
          ),
        );
    }
    if (!preTokenValid(req))
      return res
        .status(403)
        .send(signInPage(issuePreToken(req, res, cookies), "Phiên đăng nhập đã hết, mời thử lại."));
    const given = typeof req.body?.token === "string" ? (req.body.token as string).trim() : undefined;
    if (!adminTokenMatches(deps.adminToken, given)) {
      failures.set(ip, [...recentFailures(ip, now().getTime()), now().getTime()]);
      deps.log.warn({ ip }, "console sign-in refused");
      return res.status(401).send(signInPage(issuePreToken(req, res, cookies), "Mã quản trị không đúng."));
    }
    const session = await createConsoleSession(deps.prisma, { role: "operator" }, now());
    setSessionCookie(res, session.token, session.expiresAt, cookies);
    res.redirect(303, "/console/operator");
  });

  // Opening the link shows a button; only pressing it spends the link, so a chat app's
  // link preview (which fetches the page) does not use it up.
  router.get("/console/link/:token", (req, res) => {
    const pre = issuePreToken(req, res, cookies);
    res.send(
      page({
        title: "Mở bảng điều khiển",
        body: `<section class="card narrow"><h1>Bảng điều khiển của xã</h1>
<form method="post" action="/console/link/${esc(req.params.token)}"><input type="hidden" name="_csrf" value="${esc(pre)}">
<button type="submit" id="open">Mở bảng điều khiển</button></form></section>`,
      }),
    );
  });

  router.post("/console/link/:token", async (req, res) => {
    if (!preTokenValid(req)) return res.status(403).send(refusedPage("Phiên đã hết, mời mở lại đường dẫn."));
    const result = await redeemConsoleLink(deps.prisma, req.params.token, now());
    if (!result.ok) {
      return res
        .status(403)
        .send(
          refusedPage(
            `${LINK_REFUSED[result.reason]} Nhắn “mở bảng điều khiển” cho Trợ lý xã để nhận đường dẫn mới.`,
          ),
        );
    }
    const session = await createConsoleSession(
      deps.prisma,
      { role: "official", officialId: result.officialId },
      now(),
    );
    setSessionCookie(res, session.token, session.expiresAt, cookies);
    res.redirect(303, "/console/leader");
  });

  router.use("/console", requireConsoleSession(deps.prisma, now));

  router.post("/console/sign-out", async (_req, res) => {
    await endConsoleSession(deps.prisma, sessionOf(res).id);
    res.clearCookie(SESSION_COOKIE, { path: "/console" });
    res.redirect(303, "/console/sign-in");
  });

  router.use("/console/static", express.static(join(projectRoot, "assets/console"), { index: false }));
  router.get("/console/static/chart.umd.js", (_req, res) =>
    res.sendFile(join(projectRoot, "node_modules/chart.js/dist/chart.umd.js")),
  );

  router.get("/console", (_req, res) => {
    res.redirect(303, sessionOf(res).role === "operator" ? "/console/operator" : "/console/leader");
  });

  leaderRoutes(router, deps, now);
  operatorRoutes(router, deps, now);
  return router;
}

function signInPage(pre: string, error?: string): string {
  return page({
    title: "Đăng nhập",
    body: `<section class="card narrow"><h1>Đăng nhập bảng điều khiển</h1>
${error ? `<p class="error" role="alert">${esc(error)}</p>` : ""}
<h2>Người vận hành</h2>
<form method="post" action="/console/sign-in"><input type="hidden" name="_csrf" value="${esc(pre)}">
<label>Mã quản trị (ADMIN_API_TOKEN) <input type="password" name="token" id="token" autocomplete="current-password" required></label>
<button type="submit">Đăng nhập</button></form>
<h2>Lãnh đạo xã</h2>
<p>Nhắn <strong>mở bảng điều khiển</strong> cho Trợ lý xã trên Zalo; bấm vào đường dẫn nhận được (dùng một lần, trong 10 phút).</p></section>`,
  });
}

function refusedPage(message: string): string {
  return page({
    title: "Không mở được",
    body: `<section class="card narrow"><h1>Không mở được bảng điều khiển</h1><p class="error">${esc(message)}</p></section>`,
  });
}
