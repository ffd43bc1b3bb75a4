/**
 * The baseline of the ingest benchmark: a bare Express handler that answers 200 to
 * POST /webhooks/zalo without reading anything. `tsx bench/bare-server.ts <port>`.
 */
import express from "express";

const app = express();
app.post("/webhooks/zalo", (_req, res) => {
  res.status(200).json({ ok: true });
});
app.get("/health", (_req, res) => {
  res.status(200).json({ status: "ok" });
});
app.listen(Number(process.argv[2]), "127.0.0.1");
