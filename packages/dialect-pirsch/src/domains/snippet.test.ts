import type { Site } from "@pulse/metadata";
import { describe, expect, it } from "vitest";
import { snippetHtml, snippetOf } from "./snippet.js";
import { subdomain, defaultSubdomain } from "./subdomain.js";

const site: Site = {
  id: "s1",
  account_id: "a1",
  domain: "example.com",
  alternative_domains: [],
  timezone: "UTC",
  public: false,
  settings: {},
  created_at: "2025-01-01T00:00:00.000Z",
  version: 1_735_689_600_000_000,
};

describe("snippets", () => {
  it("loads our tracker for the site's domain, with the settings the tracker understands", () => {
    expect(snippetHtml(site, "page view", { dev: false, endpoint: "" }, "https://a.test/base/")).toBe('<script defer src="https://a.test/js/script.js" data-domain="example.com"></script>');
    expect(snippetHtml(site, "session", { dev: true, endpoint: 'https://p.test/"x' }, "https://a.test")).toBe(
      '<script defer src="https://a.test/js/script.js" data-domain="example.com" data-api="https://p.test/&quot;x" data-dev data-keepalive="60"></script>',
    );
  });

  it("gives a snippet that was never saved Pirsch's defaults and a stable id", () => {
    const first = snippetOf(site, "event", "https://a.test");
    expect(first).toMatchObject({ domain_id: "s1", type: "event", dev: false, include: "", def_time: site.created_at, mod_time: "2025-01-01T00:00:00.000Z" });
    expect(snippetOf(site, "event", "https://a.test").id).toBe(first.id);
    expect(snippetOf(site, "page view", "https://a.test").id).not.toBe(first.id);
  });
});

describe("subdomains", () => {
  it("derives one from the hostname and checks given ones", () => {
    expect(defaultSubdomain("www.Example.com")).toBe("www-example-com");
    expect(defaultSubdomain("x".repeat(80) + ".com")).toHaveLength(63);
    expect(subdomain.parse(" My-Site ")).toBe("my-site");
    expect(subdomain.safeParse("-bad").success).toBe(false);
  });
});
