import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DOMAIN_FIELDS, missingFields } from "../test-support/reference-fields.js";
import { type PirschWorld, pirschWorld, uniqueHost } from "../test-support/world.js";

// Integration: Pirsch's domain endpoints over real ClickHouse and Redis.
let world: PirschWorld;
beforeAll(async () => {
  world = await pirschWorld("pirsch_domains");
}, 60_000);
afterAll(() => world?.dispose());

/** The reference's create request, with a hostname and subdomain of its own. */
const createRequest = (hostname = uniqueHost("example"), subdomain = hostname.split(".")[0]) => ({
  hostname,
  subdomain,
  timezone: "Europe/Berlin",
  organization_id: null,
  theme_id: null,
  public: false,
  group_by_title: false,
  active_visitors_seconds: 0,
  disable_scripts: false,
  display_name: "",
  traffic_spike_threshold: 0,
  traffic_warning_threshold_days: 0,
});

describe("creating, listing and deleting domains", () => {
  it("creates a domain from the reference's request and answers every documented field", async () => {
    const request = createRequest();
    const reply = await world.call("POST", "/api/v1/domain", world.admin, request);
    expect(reply.status).toBe(200);
    expect(missingFields(reply.body, DOMAIN_FIELDS)).toEqual([]);
    expect(reply.body).toMatchObject({
      hostname: request.hostname,
      subdomain: request.subdomain,
      timezone: "Europe/Berlin",
      user_id: world.accountId,
      organization_id: null,
      public: false,
      active_visitors_seconds: 600,
      user_role: "Owner",
      subscription_active: true,
      metadata: {},
    });
    expect(reply.body.identification_code).toMatch(/^[0-9A-Za-z]{32}$/);
    expect(Date.parse(reply.body.def_time)).not.toBeNaN();
    expect(Date.parse(reply.body.mod_time)).not.toBeNaN();
    // It is our site: same id, hostname and zone.
    expect(await world.store.getSite(reply.body.id)).toMatchObject({ domain: request.hostname, timezone: "Europe/Berlin", account_id: world.accountId });
  });

  it("lists domains as an array, searchable by hostname, and finds one by id, subdomain, domain or access code", async () => {
    const a = (await world.call("POST", "/api/v1/domain", world.admin, createRequest(uniqueHost("alpha")))).body;
    const b = (await world.call("POST", "/api/v1/domain", world.admin, createRequest(uniqueHost("beta")))).body;
    const all = await world.call("GET", "/api/v1/domain", world.admin);
    expect(all.status).toBe(200);
    expect(all.body.map((d: { id: string }) => d.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    for (const domain of all.body) expect(missingFields(domain, DOMAIN_FIELDS)).toEqual([]);

    const searched = await world.call("GET", `/api/v1/domain?search=${a.hostname.slice(0, 11)}`, world.admin);
    expect(searched.body.map((d: { id: string }) => d.id)).toEqual([a.id]);
    expect((await world.call("GET", `/api/v1/domain?id=${b.id}`, world.admin)).body).toMatchObject({ id: b.id, hostname: b.hostname });
    expect((await world.call("GET", `/api/v1/domain?subdomain=${a.subdomain}`, world.admin)).body.id).toBe(a.id);
    expect((await world.call("GET", `/api/v1/domain?domain=${b.hostname}`, world.admin)).body.id).toBe(b.id);
    const link = await world.call("POST", "/api/v1/domain/link", world.admin, { domain_id: a.id, description: "shared" });
    expect((await world.call("GET", `/api/v1/domain?access=${link.body.code}`, world.admin)).body.id).toBe(a.id);
    expect((await world.call("GET", "/api/v1/domain?id=missing", world.admin)).status).toBe(404);
  });

  it("shows a key limited to one domain only that domain, with a statistics scope as well", async () => {
    const site = await world.newSite("limited");
    await world.newSite("other");
    const reader = await world.keyWith(["statistics:read"], site.id);
    const reply = await world.call("GET", "/api/v1/domain", reader);
    expect(reply.status).toBe(200);
    expect(reply.body).toHaveLength(1);
    expect(reply.body[0]).toMatchObject({ id: site.id, user_role: "Viewer" });
    const tracker = await world.keyWith(["hit"], site.id);
    expect((await world.call("GET", "/api/v1/domain", tracker)).status).toBe(403);
  });

  it("answers 409 for a taken hostname or subdomain, 400 for a bad one, 501 for an organization", async () => {
    const first = createRequest();
    await world.call("POST", "/api/v1/domain", world.admin, first);
    expect((await world.call("POST", "/api/v1/domain", world.admin, createRequest(first.hostname, "fresh-one"))).status).toBe(409);
    expect((await world.call("POST", "/api/v1/domain", world.admin, createRequest(uniqueHost("x"), first.subdomain))).status).toBe(409);
    const bad = await world.call("POST", "/api/v1/domain", world.admin, { ...createRequest(), hostname: "https://x.test/", timezone: "Mars/Base" });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(["hostname", "timezone"]);
    const org = await world.call("POST", "/api/v1/domain", world.admin, { ...createRequest(), organization_id: "Jk49fgm38" });
    expect(org).toEqual(expect.objectContaining({ status: 501, body: { error: "Organization management is not supported yet" } }));
  });

  it("resets the identification code and deletes a domain", async () => {
    const domain = (await world.call("POST", "/api/v1/domain", world.admin, createRequest())).body;
    const reset = await world.call("PUT", "/api/v1/domain", world.admin, { id: domain.id });
    expect(reset.status).toBe(200);
    expect(reset.body.identification_code).toMatch(/^[0-9A-Za-z]{32}$/);
    expect(reset.body.identification_code).not.toBe(domain.identification_code);
    expect((await world.call("GET", `/api/v1/domain?id=${domain.id}`, world.admin)).body.identification_code).toBe(reset.body.identification_code);

    expect((await world.call("DELETE", `/api/v1/domain?id=${domain.id}`, world.admin)).status).toBe(200);
    expect((await world.call("GET", `/api/v1/domain?id=${domain.id}`, world.admin)).status).toBe(404);
    expect(await world.store.getSite(domain.id)).toBeUndefined();
  });

  it("keeps other accounts' domains out of reach", async () => {
    const rival = await world.store.createAccount({ name: "Rival" });
    const theirs = await world.store.createSite({ account_id: rival.id, domain: uniqueHost("rival") });
    await world.cache.reload();
    expect((await world.call("GET", `/api/v1/domain?id=${theirs.id}`, world.admin)).status).toBe(404);
    expect((await world.call("DELETE", `/api/v1/domain?id=${theirs.id}`, world.admin)).status).toBe(403);
    expect((await world.call("POST", "/api/v1/domain/public", world.admin, { domain_id: theirs.id })).status).toBe(403);
  });
});

describe("domain settings", () => {
  it("applies each documented setting request and shows it on the domain", async () => {
    const domain = (await world.call("POST", "/api/v1/domain", world.admin, createRequest())).body;
    const id = domain.id as string;
    const hostname = uniqueHost("new-hostname");
    const requests: [string, string, Record<string, unknown>][] = [
      ["POST", "/api/v1/domain/hostname", { domain_id: id, hostname }],
      ["POST", "/api/v1/domain/subdomain", { domain_id: id, subdomain: "new-subdomain" }],
      ["POST", "/api/v1/domain/public", { domain_id: id }],
      ["POST", "/api/v1/domain/scripts", { domain_id: id }],
      ["POST", "/api/v1/domain/title", { domain_id: id }],
      ["POST", "/api/v1/domain/active", { domain_id: id, time: 123 }],
      ["POST", "/api/v1/domain/timezone", { domain_id: id, timezone: "America/New_York" }],
      ["POST", "/api/v1/domain/metadata", { domain_id: id, metadata: { team: "growth", tags: ["a", "b"] } }],
      ["PUT", "/api/v1/domain/noindex", { domain_id: id }],
      ["PUT", "/api/v1/traffic/spike", { domain_id: id }],
      ["POST", "/api/v1/traffic/spike", { domain_id: id, threshold: 100 }],
      ["PUT", "/api/v1/traffic/warning", { domain_id: id }],
      ["POST", "/api/v1/traffic/warning", { domain_id: id, threshold: 5 }],
    ];
    for (const [method, path, body] of requests) {
      const reply = await world.call(method, path, world.admin, body);
      expect({ path, status: reply.status }).toEqual({ path, status: 200 });
    }
    const after = (await world.call("GET", `/api/v1/domain?id=${id}`, world.admin)).body;
    expect(after).toMatchObject({
      hostname,
      subdomain: "new-subdomain",
      public: true,
      disable_scripts: true,
      group_by_title: true,
      active_visitors_seconds: 123,
      timezone: "America/New_York",
      metadata: { team: "growth", tags: ["a", "b"] },
      noindex: true,
      traffic_spike_notifications: true,
      traffic_spike_threshold: 100,
      traffic_warning: true,
      traffic_warning_threshold_days: 5,
    });
    expect(Date.parse(after.mod_time)).toBeGreaterThanOrEqual(Date.parse(domain.mod_time));
    // The hostname is the site's: hits for it are now accepted for this site.
    expect(world.cache.siteByHostname(hostname)?.id).toBe(id);

    // Toggles toggle back.
    await world.call("POST", "/api/v1/domain/public", world.admin, { domain_id: id });
    await world.call("PUT", "/api/v1/traffic/spike", world.admin, { domain_id: id });
    expect((await world.call("GET", `/api/v1/domain?id=${id}`, world.admin)).body).toMatchObject({ public: false, traffic_spike_notifications: false });
  });

  it("refuses settings without the write scope and with bad values", async () => {
    const site = await world.newSite("settings");
    const reader = await world.keyWith(["domains:read"]);
    expect((await world.call("POST", "/api/v1/domain/title", reader, { domain_id: site.id })).status).toBe(403);
    expect((await world.call("POST", "/api/v1/domain/timezone", world.admin, { domain_id: site.id, timezone: "Nowhere/Land" })).status).toBe(400);
    expect((await world.call("POST", "/api/v1/domain/subdomain", world.admin, { domain_id: site.id, subdomain: "Not Valid!" })).status).toBe(400);
  });
});
