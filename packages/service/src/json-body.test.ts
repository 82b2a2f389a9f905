import { createLogger } from "@pulse/logger";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { withJsonErrors } from "./errors.js";
import { jsonBodyOf } from "./json-body.js";

const app = withJsonErrors(new Hono(), createLogger("t", { level: "silent" }));
app.post("/", async (c) => c.json(await jsonBodyOf(c, z.object({ name: z.string(), n: z.number().int() }))));
const post = (body: string) => app.request("/", { method: "POST", body });

describe("jsonBodyOf", () => {
  it("returns the parsed body", async () => {
    const response = await post('{"name":"a","n":1}');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ name: "a", n: 1 });
  });

  it("answers 400 for malformed JSON", async () => {
    const response = await post("{nope");
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "Request body is not valid JSON" });
  });

  it("answers 400 naming each bad field", async () => {
    const response = await post('{"n":1.5}');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; fields: { field: string }[] };
    expect(body.error).toBe("Invalid request body");
    expect(body.fields.map((f) => f.field).sort()).toEqual(["n", "name"]);
  });
});
