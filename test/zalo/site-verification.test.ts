import express from "express";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { siteVerificationRouter } from "../../src/zalo/site-verification.js";

describe("Zalo domain verification", () => {
  const app = express().use(siteVerificationRouter('AbC123"x'));

  it("puts the meta tag on the home page, escaped", async () => {
    const res = await request(app).get("/").expect(200);
    expect(res.text).toContain('<meta name="zalo-platform-site-verification" content="AbC123&#34;x" />');
  });

  it("serves the verification file at any zalo_verifier path", async () => {
    const res = await request(app).get("/zalo_verifierAbC123.html").expect(200);
    expect(res.type).toBe("text/html");
    expect(res.text).toContain("zalo-platform-site-verification");
  });

  it("serves nothing when not configured", async () => {
    await request(express().use(siteVerificationRouter(undefined)))
      .get("/zalo_verifierAbC123.html")
      .expect(404);
  });
});
