import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCommand, UsageError } from "./commands.js";
import type { Account, PublicApiKey, Site, TrafficFilter } from "./schemas.js";
import { createTestEnvironment, type TestEnvironment } from "./test-support/environment.js";

// Integration: the admin commands against real ClickHouse and Redis, as pulse-admin runs them.
let env: TestEnvironment;

beforeAll(async () => {
  env = await createTestEnvironment("admin");
});

afterAll(async () => {
  await env?.dispose();
});

const run = (...argv: string[]) => runCommand(argv, env.store);

describe("pulse-admin commands", () => {
  it("creates an account, a site, a key and a filter, then lists the site", async () => {
    const account = (await run("create-account", "--name", "Acme")) as Account;
    const site = (await run(
      "create-site",
      "--account",
      account.id,
      "--domain",
      "acme-admin.example",
      "--timezone",
      "Europe/Berlin",
      "--alternative",
      "www.acme-admin.example, acme-admin.test",
    )) as Site;
    expect(site).toMatchObject({ domain: "acme-admin.example", alternative_domains: ["www.acme-admin.example", "acme-admin.test"] });

    const created = (await run("create-key", "--account", account.id, "--site", site.id, "--scopes", "hit,event,session", "--rate-limit", "100")) as {
      key: PublicApiKey;
      token: string;
    };
    expect(created.token).toMatch(/^pa_/);
    expect(created.key).toMatchObject({ scopes: ["hit", "event", "session"], rate_limit_per_minute: 100, site_id: site.id });

    const filter = (await run("add-filter", "--site", site.id, "--type", "ip", "--filter", "1.2.3.4")) as TrafficFilter;
    expect(filter).toMatchObject({ type: "ip", filter: "1.2.3.4", site_id: site.id });

    expect(await run("list-sites", "--account", account.id)).toEqual([site]);
  });

  it("reports usage mistakes and passes bad values to validation", async () => {
    await expect(run("create-account")).rejects.toThrow(UsageError);
    await expect(run("create-account", "--nmae", "x")).rejects.toThrow(UsageError);
    await expect(run("frobnicate")).rejects.toThrow(UsageError);
    await expect(run("create-key", "--account", "a", "--scopes", "hit", "--rate-limit", "lots")).rejects.toThrow(UsageError);
    await expect(run("create-key", "--account", "a", "--scopes", "everything")).rejects.toThrow(/scopes/);
  });
});
