import { randomBytes, timingSafeEqual } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import type { Db } from "../../db/client.js";
import { type ConsoleSessionInfo, findConsoleSession } from "../../domain/console/console-access.js";

export const SESSION_COOKIE = "console_session";
/** Before sign-in: a double-submit CSRF cookie for the sign-in and link forms. */
export const PRE_COOKIE = "console_pre";

/** One cookie of the request (no cookie-parser: one header, one split). */
export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.get("cookie") ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

export function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface CookieOptions {
  /** Secure cookies when the public URL is https. */
  secure: boolean;
}

export function setSessionCookie(res: Response, token: string, expiresAt: Date, o: CookieOptions): void {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "strict",
    secure: o.secure,
    path: "/console",
    expires: expiresAt,
  });
}

/**
 * The pre-sign-in token, set as a cookie and returned for the form's hidden field: the one
 * the browser already holds (several tabs stay valid), else a fresh one.
 */
export function issuePreToken(req: Request, res: Response, o: CookieOptions): string {
  const held = readCookie(req, PRE_COOKIE);
  const value = held && /^[\w-]{32}$/.test(held) ? held : randomBytes(24).toString("base64url");
  res.cookie(PRE_COOKIE, value, {
    httpOnly: true,
    sameSite: "strict",
    secure: o.secure,
    path: "/console",
    maxAge: 30 * 60 * 1000,
  });
  return value;
}

/** The form's token matches the pre-sign-in cookie. */
export function preTokenValid(req: Request): boolean {
  const field = (req.body as Record<string, unknown> | undefined)?._csrf;
  return sameToken(typeof field === "string" ? field : undefined, readCookie(req, PRE_COOKIE));
}

export function sessionOf(res: Response): ConsoleSessionInfo {
  return res.locals.session as ConsoleSessionInfo;
}

/**
 * Every console route behind it needs a live session: a page asks the browser to sign in
 * (303 to /console/sign-in), anything else gets 401. Every change (any method but GET and
 * HEAD) must carry the session's CSRF token, as the `x-csrf-token` header or a `_csrf`
 * form field: 403 otherwise.
 */
export function requireConsoleSession(prisma: Db, now: () => Date) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = readCookie(req, SESSION_COOKIE);
    const session = token ? await findConsoleSession(prisma, token, now()) : null;
    if (!session) {
      if (req.method === "GET" && req.accepts(["html", "json"]) === "html")
        return res.redirect(303, "/console/sign-in");
      return res.status(401).json({ error: "sign in to the console first" });
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      const field = (req.body as Record<string, unknown> | undefined)?._csrf;
      const given = req.get("x-csrf-token") ?? (typeof field === "string" ? field : undefined);
      if (!sameToken(given, session.csrfToken))
        return res.status(403).json({ error: "bad or missing CSRF token" });
    }
    res.locals.session = session;
    next();
  };
}

/** Operator-only routes: a leader's session is refused. */
export function requireOperator(_req: Request, res: Response, next: NextFunction) {
  if (sessionOf(res).role !== "operator")
    return res.status(403).send("Chỉ người vận hành được dùng trang này.");
  next();
}
