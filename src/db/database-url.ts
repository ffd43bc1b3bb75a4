/** Where the embedded database lives when DATABASE_URL is unset. */
export const DEFAULT_SQLITE_URL = "file:./data/tro-ly-xa.db";

export type DatabaseTarget =
  { provider: "sqlite"; url: string; embedded: boolean } | { provider: "postgres"; url: string };

/** Maps DATABASE_URL to a provider; throws with a reason a person can act on. */
export function resolveDatabaseUrl(raw: string | undefined): DatabaseTarget {
  const url = raw?.trim() || undefined;
  if (url === undefined) return { provider: "sqlite", url: DEFAULT_SQLITE_URL, embedded: true };
  if (url.startsWith("file:")) {
    if (url.length <= "file:".length) throw new Error("file: needs a path, e.g. file:./data/app.db");
    return { provider: "sqlite", url, embedded: false };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error("is not a valid URL");
    }
    if (!parsed.hostname) throw new Error("needs a host");
    if (parsed.pathname.length <= 1) throw new Error("needs a database name after the host");
    return { provider: "postgres", url };
  }
  throw new Error("must start with file:, postgres:// or postgresql://");
}

/** The file path of a SQLite URL, relative to the working directory. */
export function sqliteFilePath(url: string): string {
  return url.replace(/^file:/, "").replace(/\?.*$/, "");
}

/** pg connection fields: a connectionString would silently override `database`. */
export function pgConnectionFields(url: string) {
  // Kept in step with scripts/pg-cli-adapter.mjs, which the Prisma CLI loads without TypeScript.
  const u = new URL(url);
  const sslmode = u.searchParams.get("sslmode");
  return {
    // `?host=/var/run/postgresql` names a Unix socket; IPv6 hosts come bracketed in URLs.
    host: u.searchParams.get("host") ?? decodeURIComponent(u.hostname).replace(/^\[(.*)\]$/, "$1"),
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username) || undefined,
    password: decodeURIComponent(u.password) || undefined,
    database: decodeURIComponent(u.pathname.replace(/^\//, "")),
    ...(sslmode && sslmode !== "disable"
      ? { ssl: { rejectUnauthorized: sslmode === "verify-full" || sslmode === "verify-ca" } }
      : {}),
  };
}

/** The URL with its password hidden, for logs and /health. */
export function redactDatabaseUrl(url: string): string {
  if (url.startsWith("file:")) return url;
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return url;
  }
}
