import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCESS_LINK_FIELDS, ALTERNATIVE_DOMAIN_FIELDS, missingFields, SNIPPET_FIELDS } from "../test-support/reference-fields.js";
import { type PirschWorld, pirschWorld, uniqueHost } from "../test-support/world.js";

// Integration: access links, alternative domains and snippets over real ClickHouse and Redis.
let world: PirschWorld;
beforeAll(async () => {
  world = await pirschWorld("pirsch_domain_resources");
}, 60_000);
afterAll(() => world?.dispose());

describe("access links", () => {
  it("creates, lists, updates and deletes access links as the reference shows", async () => {
    const site = await world.newSite("links");
    const created = await world.call("POST", "/api/v1/domain/link", world.admin, { domain_id: site.id, description: "...", valid_until: "2030-10-01T00:00:00.000000Z" });
    expect(created.status).toBe(200);
    expect(missingFields(created.body, ACCESS_LINK_FIELDS)).toEqual([]);
    expect(created.body).toMatchObject({ domain_id: site.id, description: "...", valid_until: "2030-10-01T00:00:00.000Z" });
    expect(created.body.code).toMatch(/^[0-9A-Za-z]{32}$/);

    const listed = await world.call("GET", `/api/v1/domain/link?domain_id=${site.id}`, world.admin);
    expect(listed.body).toHaveLength(1);
    expect(missingFields(listed.body[0], ACCESS_LINK_FIELDS)).toEqual([]);

    // "You can leave the valid_until date empty if you don't want the link to expire."
    const updated = await world.call("PUT", "/api/v1/domain/link", world.admin, { id: created.body.id, description: "forever", valid_until: "" });
    expect(updated.body).toMatchObject({ id: created.body.id, code: created.body.code, description: "forever", valid_until: null });

    expect((await world.call("DELETE", `/api/v1/domain/link?id=${created.body.id}`, world.admin)).status).toBe(200);
    expect((await world.call("GET", `/api/v1/domain/link?domain_id=${site.id}`, world.admin)).body).toEqual([]);
    expect((await world.call("DELETE", `/api/v1/domain/link?id=${created.body.id}`, world.admin)).status).toBe(404);
  });

  it("keeps links of other domains out of reach of a key limited to one", async () => {
    const mine = await world.newSite("mine");
    const other = await world.newSite("theirs");
    const link = (await world.call("POST", "/api/v1/domain/link", world.admin, { domain_id: other.id })).body;
    const limited = await world.keyWith(["domains:read", "domains:write"], mine.id);
    expect((await world.call("DELETE", `/api/v1/domain/link?id=${link.id}`, limited)).status).toBe(404);
    expect((await world.call("GET", `/api/v1/domain/link?domain_id=${other.id}`, limited)).status).toBe(403);
  });
});

describe("alternative domains", () => {
  it("adds, renames and removes alternative domains, which are the site's own (enforced at ingest)", async () => {
    const site = await world.newSite("alt");
    const hostname = uniqueHost("alternative");
    const created = await world.call("POST", "/api/v1/domain/alternative", world.admin, { domain_id: site.id, hostname });
    expect(created.status).toBe(200);
    expect(missingFields(created.body, ALTERNATIVE_DOMAIN_FIELDS)).toEqual([]);
    expect(created.body).toMatchObject({ domain_id: site.id, hostname });
    expect((await world.store.getSite(site.id))?.alternative_domains).toEqual([hostname]);
    expect(world.cache.siteByHostname(hostname)?.id).toBe(site.id);

    const listed = await world.call("GET", `/api/v1/domain/alternative?domain_id=${site.id}`, world.admin);
    expect(listed.body).toEqual([created.body]);

    const renamed = uniqueHost("new-alternative");
    const updated = await world.call("PUT", "/api/v1/domain/alternative", world.admin, { id: created.body.id, hostname: renamed });
    expect(updated.body).toMatchObject({ id: created.body.id, hostname: renamed, def_time: created.body.def_time });
    expect((await world.store.getSite(site.id))?.alternative_domains).toEqual([renamed]);

    expect((await world.call("DELETE", `/api/v1/domain/alternative?id=${created.body.id}`, world.admin)).status).toBe(200);
    expect((await world.store.getSite(site.id))?.alternative_domains).toEqual([]);
    expect(world.cache.siteByHostname(renamed)).toBeUndefined();
  });

  it("lists hostnames added through the native API with stable ids, and answers 409 for a taken hostname", async () => {
    const site = await world.newSite("native-alt");
    const hostname = uniqueHost("native");
    await world.store.updateSite(site.id, { alternative_domains: [hostname] });
    await world.cache.reload();
    const first = (await world.call("GET", `/api/v1/domain/alternative?domain_id=${site.id}`, world.admin)).body;
    const second = (await world.call("GET", `/api/v1/domain/alternative?domain_id=${site.id}`, world.admin)).body;
    expect(first).toEqual(second);
    expect(first[0]).toMatchObject({ hostname, domain_id: site.id });
    expect((await world.call("DELETE", `/api/v1/domain/alternative?id=${first[0].id}`, world.admin)).status).toBe(200);

    const other = await world.newSite("holder");
    expect((await world.call("POST", "/api/v1/domain/alternative", world.admin, { domain_id: site.id, hostname: other.domain })).status).toBe(409);
  });
});

describe("snippets", () => {
  it("returns a snippet's settings and a tracker tag for our script with data-domain", async () => {
    const site = await world.newSite("snippet");
    const reply = await world.call("GET", `/api/v1/domain/snippet?domain_id=${site.id}&type=event`, world.admin);
    expect(reply.status).toBe(200);
    expect(missingFields(reply.body, SNIPPET_FIELDS)).toEqual([]);
    expect(reply.body).toMatchObject({ domain_id: site.id, type: "event", dev: false, include: "" });
    expect(reply.body.snippet).toBe(`<script defer src="https://analytics.test/js/script.js" data-domain="${site.domain}"></script>`);
  });

  it("updates a snippet from the reference's request and keeps its id", async () => {
    const site = await world.newSite("snippet-update");
    const before = (await world.call("GET", `/api/v1/domain/snippet?domain_id=${site.id}&type=page%20view`, world.admin)).body;
    const request = {
      domain_id: site.id,
      type: "page view",
      dev: true,
      include: "\\/include,\\/path\\/.*",
      exclude: "\\/exclude,\\/path\\/.*",
      domains: "example.com,domain.com",
      endpoint: "https://pirsch.proxy.com/hit",
      sample: "/sample,/paths",
    };
    expect((await world.call("POST", "/api/v1/domain/snippet", world.admin, request)).status).toBe(200);
    const after = (await world.call("GET", `/api/v1/domain/snippet?domain_id=${site.id}&type=page%20view`, world.admin)).body;
    const { domain_id: _, ...settings } = request;
    expect(after).toMatchObject({ ...settings, id: before.id });
    expect(after.snippet).toContain('data-api="https://pirsch.proxy.com/hit"');
    expect(after.snippet).toContain("data-dev");
    // Other types are untouched.
    expect((await world.call("GET", `/api/v1/domain/snippet?domain_id=${site.id}&type=session`, world.admin)).body).toMatchObject({ dev: false, endpoint: "" });
  });
});
