import type { ApiKey, MetadataCache, Site } from "@pulse/metadata";
import { HTTPException } from "hono/http-exception";
import { describe, expect, it } from "vitest";
import { siteOfKey } from "./access.js";

const site = { id: "Site_1", account_id: "acc", domain: "example.com" } as Site;
const key = (over: Partial<ApiKey> = {}) => ({ account_id: "acc", site_id: "", scopes: ["statistics:read"], ...over }) as ApiKey;
const looked: string[] = [];
const deps = {
  sites: async (id: string) => {
    looked.push(id);
    return id === site.id ? site : undefined;
  },
  cache: { siteByHostname: (host: string) => (host === site.domain ? site : undefined) } as unknown as MetadataCache,
};
const statusOf = async (work: Promise<unknown>) => {
  try {
    await work;
    return 200;
  } catch (error) {
    return error instanceof HTTPException ? `${error.status} ${error.message}` : "threw";
  }
};

describe("siteOfKey", () => {
  it("takes our site id or the site's domain", async () => {
    expect(await siteOfKey(key(), deps, "Site_1")).toBe(site);
    looked.length = 0;
    expect(await siteOfKey(key(), deps, "Example.com")).toBe(site);
    // A domain is never looked up as an id (a miss there would wait for a reload).
    expect(looked).not.toContain("Example.com");
  });
  it("answers 403 Insufficient scope without analytics:read, 404 for unknown keys, 403 across accounts", async () => {
    expect(await statusOf(siteOfKey(key({ scopes: ["hit"] }), deps, "Site_1"))).toBe("403 Insufficient scope");
    expect(await statusOf(siteOfKey(key({ scopes: ["admin"] }), deps, "Site_1"))).toBe(200);
    expect(await statusOf(siteOfKey(key(), deps, "'; DROP TABLE events; --"))).toBe("404 Not found");
    expect(await statusOf(siteOfKey(key({ account_id: "other" }), deps, "Site_1"))).toMatch(/^403 /);
    expect(await statusOf(siteOfKey(key({ site_id: "Site_2" }), deps, "example.com"))).toMatch(/^403 /);
  });
});
