import pg from "pg";
import { pgConnectionFields } from "../../src/db/database-url.js";

export const TEMPLATE_DB = "tro_ly_xa_test_template";

/** Runs admin statements (CREATE/DROP DATABASE) on the server's maintenance database. */
export async function pgAdmin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ ...pgConnectionFields(url), database: "postgres" });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
