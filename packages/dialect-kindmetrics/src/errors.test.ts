import { ValidationError } from "@pulse/service";
import { StatsQueryError } from "@pulse/stats";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { describe, expect, it } from "vitest";
import { answer, kindmetricsError } from "./errors.js";

// Mounted as in the service: the dialect's handler inside, the service's JSON errors outside.
const failing = (error: Error) => {
  const dialect = new Hono().get("/", () => answer(() => Promise.reject(error)));
  dialect.onError(kindmetricsError);
  const service = new Hono().onError((_e, c) => c.json({ error: "Internal server error" }, 500));
  service.route("/", dialect);
  return service.request("/");
};

describe("kindmetricsError", () => {
  it("answers in Kindmetrics' {message, param, details} shape, plus our error field", async () => {
    const bad = await failing(new ValidationError("Invalid query parameters", [{ field: "from", message: "must be a date" }]));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: "Invalid query parameters: must be a date", message: "Invalid query parameters", param: "from", details: "must be a date" });
    const forbidden = await failing(new HTTPException(403, { message: "This token cannot access that site" }));
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toEqual({ error: "Forbidden: This token cannot access that site", message: "Forbidden", param: null, details: "This token cannot access that site" });
    const missing = await failing(new HTTPException(404, { message: "No site with id x" }));
    expect(await missing.json()).toMatchObject({ message: "Not Found", details: "No site with id x" });
  });
  it("turns the engine's refusals into 400s and leaves other errors to the service", async () => {
    const refused = await failing(new StatsQueryError("query.filters.0.values.0: Too big"));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ message: "Bad Request", param: null, details: "query.filters.0.values.0: Too big" });
    expect((await failing(new Error("boom"))).status).toBe(500);
  });
});
