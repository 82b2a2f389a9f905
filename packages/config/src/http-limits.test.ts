import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HTTP_LIMIT_VARIABLES, httpLimitsOf } from "./http-limits.js";
import { loadConfig } from "./load.js";
import { envSchema } from "./schema.js";

describe("httpLimitsOf", () => {
  it("passes on only the limits the environment sets", () => {
    expect(httpLimitsOf(loadConfig({}))).toEqual({});
    expect(httpLimitsOf(loadConfig({ HTTP_MAX_URL_BYTES: "100", HTTP_HEADERS_TIMEOUT_MS: "2500" }))).toEqual({
      maxUrlBytes: 100,
      headersTimeoutMs: 2500,
    });
  });

  it("refuses limits that are not positive integers", () => {
    expect(() => loadConfig({ HTTP_MAX_BODY_BYTES: "0" })).toThrow(/HTTP_MAX_BODY_BYTES/);
    expect(() => loadConfig({ HTTP_MAX_CONNECTIONS: "many" })).toThrow(/HTTP_MAX_CONNECTIONS/);
  });

  it("covers every HTTP_ variable, and docs/limits.md documents each", () => {
    const variables = Object.keys(envSchema.shape).filter((key) => key.startsWith("HTTP_"));
    expect(Object.values(HTTP_LIMIT_VARIABLES).sort()).toEqual(variables.sort());
    const doc = readFileSync(new URL("../../../docs/limits.md", import.meta.url), "utf8");
    for (const variable of variables) expect(doc, variable).toContain(`\`${variable}\``);
  });
});
