// Workarounds for the Prisma 6 CLI's wasm schema engine running over @prisma/adapter-pg.

/** pg config as separate fields: a connectionString silently overrides `database`. */
export function pgConnectionConfig(url) {
  // `migrate diff` between datamodels builds the adapter but never connects: a missing
  // URL only matters for commands that do, and pg reports those clearly.
  const u = new URL(url && /^postgres(ql)?:/.test(url) ? url : "postgresql://localhost/postgres");
  // Kept in step with pgConnectionFields in src/db/database-url.ts.
  const sslmode = u.searchParams.get("sslmode");
  return {
    host: u.searchParams.get("host") ?? decodeURIComponent(u.hostname).replace(/^\[(.*)\]$/, "$1"),
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.replace(/^\//, "")),
    ...(sslmode && sslmode !== "disable"
      ? { ssl: { rejectUnauthorized: sslmode === "verify-full" || sslmode === "verify-ca" } }
      : {}),
  };
}

const CHAR = 18; // "char"
const NAME = 19; // name
const TEXT = 25;

/**
 * The engine's catalogue queries return "char" and name columns the adapter cannot
 * decode ("Column type 'name' could not be deserialized"); relabel them as text.
 */
export function relabelCatalogueTypes(factory) {
  const patch = (adapter) => {
    // Own property on the instance: queryRaw calls this.performIO internally.
    const performIO = adapter.performIO.bind(adapter);
    adapter.performIO = async (query) => {
      const result = await performIO(query);
      for (const field of result?.fields ?? []) {
        if (field.dataTypeID === CHAR || field.dataTypeID === NAME) field.dataTypeID = TEXT;
      }
      return result;
    };
    return adapter;
  };
  const connect = factory.connect.bind(factory);
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connect = async () => patch(await connect());
  factory.connectToShadowDb = async () => patch(await connectToShadowDb());
  return factory;
}
