import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PirschWorld, pirschWorld } from "./test-support/world.js";

// Integration: docs/compatibility.md against the routes, so the table cannot drift from the code.
const table = readFileSync(new URL("../../../docs/compatibility.md", import.meta.url), "utf8")
  .split("\n")
  .map((line) => /^\| (GET|POST|PUT|DELETE) \| (\S+) \| ([^|]+?) \|/.exec(line))
  .filter((match): match is RegExpExecArray => match !== null)
  .map(([, method, path, status]) => ({ method: method!, path: path!, status: status! }));

let world: PirschWorld;
beforeAll(async () => {
  world = await pirschWorld("pirsch_compatibility");
}, 60_000);
afterAll(() => world?.dispose());

const routed = (reply: { status: number; body: { error?: string } | null }) => !(reply.status === 404 && reply.body?.error?.startsWith("No route"));

describe("docs/compatibility.md", () => {
  it("lists the endpoints with known statuses", () => {
    expect(table.length).toBeGreaterThan(150);
    for (const row of table) expect(["supported", "supported (ingest)", "planned (statistics engine)", "not supported yet"]).toContain(row.status);
  });

  it.each(table.filter((row) => row.status === "supported" || row.status === "not supported yet"))("$method $path ($status) is served here", async ({ method, path, status }) => {
    const reply = await world.call(method, path, world.admin, method === "GET" || method === "DELETE" ? undefined : {});
    expect(routed(reply)).toBe(true);
    if (status === "not supported yet") expect(reply.status).toBe(501);
    else expect(reply.status).not.toBe(501);
  });

  it.each(table.filter((row) => row.status !== "supported" && row.status !== "not supported yet"))("$method $path ($status) is left to others", async ({ method, path }) => {
    expect(routed(await world.call(method, path, world.admin, method === "GET" || method === "DELETE" ? undefined : {}))).toBe(false);
  });
});
