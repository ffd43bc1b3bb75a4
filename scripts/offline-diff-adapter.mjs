// A stand-in PostgreSQL adapter for `migrate diff` between two datamodels. The CLI still
// connects to ask the server's version before it diffs, although the diff itself needs no
// database; answering that one probe lets a migration be written with no server running.
export function offlineDiffAdapterFactory() {
  const refuse = async () => {
    throw new Error("offline diff adapter: no database here (run against a real server)");
  };
  const adapter = {
    provider: "postgres",
    adapterName: "offline-diff",
    async queryRaw(query) {
      if (query.sql.includes("server_version_num")) {
        // columnTypes: Boolean (5), Text (7), Int32 (0) in @prisma/driver-adapter-utils.
        return {
          columnNames: ["exists", "version", "numeric_version"],
          columnTypes: [5, 7, 0],
          rows: [[true, "PostgreSQL 15", 150000]],
        };
      }
      return refuse();
    },
    executeRaw: refuse,
    executeScript: refuse,
    startTransaction: refuse,
    getConnectionInfo: () => ({ schemaName: "public", supportsRelationJoins: true }),
    async dispose() {},
  };
  return {
    provider: "postgres",
    adapterName: "offline-diff",
    connect: async () => adapter,
    connectToShadowDb: async () => adapter,
  };
}
