import { ValidationError } from "@pulse/service";
import { StatsQueryError } from "@pulse/stats";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { describe, expect, it } from "vitest";
import { INSUFFICIENT_SCOPE } from "./access.js";
import { answer, krafterError } from "./errors.js";

// Mounted as in the service: the dialect's handler inside, the service's JSON errors outside.
const failing = async (error: Error) => {
  const dialect = new Hono().get("/", () => answer(() => Promise.reject(error)));
  dialect.onError(krafterError);
  const service = new Hono().onError((_e, c) => c.json({ error: "Internal server error" }, 500));
  service.route("/", dialect);
  const response = await service.request("/");
  return { status: response.status, body: await response.json() };
};

describe("krafterError", () => {
  it("answers with Krafter's flat bodies", async () => {
    expect(await failing(new ValidationError("Invalid query parameters", [{ field: "period", message: "must be one of 7d, 30d, 12mo, custom" }]))).toEqual({
      status: 400,
      body: { error: "Invalid query parameters: period must be one of 7d, 30d, 12mo, custom" },
    });
    expect(await failing(new HTTPException(403, { message: INSUFFICIENT_SCOPE }))).toEqual({ status: 403, body: { error: "Insufficient scope" } });
    expect(await failing(new HTTPException(403, { message: "This token cannot access that site" }))).toEqual({ status: 403, body: { error: "Forbidden" } });
    expect(await failing(new HTTPException(404, { message: "No site with id x" }))).toEqual({ status: 404, body: { error: "Not found" } });
  });
  it("turns the engine's refusals into 400s and leaves other errors to the service", async () => {
    expect(await failing(new StatsQueryError("query.date_range: too long"))).toEqual({ status: 400, body: { error: "query.date_range: too long" } });
    expect((await failing(new Error("boom"))).status).toBe(500);
  });
});
