import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCommand, UsageError } from "./commands.js";
import type { Account, Funnel, Goal, PublicApiKey, Site, TrafficFilter } from "./schemas.js";
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

  it("creates goals and a funnel, then lists the site's goals", async () => {
    const account = (await run("create-account", "--name", "Goals")) as Account;
    const site = (await run("create-site", "--account", account.id, "--domain", "goals-admin.example")) as Site;
    const other = (await run("create-site", "--account", account.id, "--domain", "goals-other.example")) as Site;
    const byPath = (await run("create-goal", "--site", site.id, "--name", "Docs", "--path", "/docs/**")) as Goal;
    expect(byPath).toMatchObject({ site_id: site.id, path_pattern: "/docs/**", event_name: "", meta_key: "", custom_metric_key: "" });
    const byEvent = (await run(
      "create-goal",
      "--site",
      site.id,
      "--name",
      "Pro purchase",
      "--event",
      "Purchase",
      "--meta-key",
      "plan",
      "--meta-value",
      "pro",
      "--metric-key",
      "amount",
    )) as Goal;
    expect(byEvent).toMatchObject({ path_pattern: "", event_name: "Purchase", meta_key: "plan", meta_value: "pro", custom_metric_key: "amount" });
    await run("create-goal", "--site", other.id, "--name", "Elsewhere", "--path", "/");

    const steps = [
      { name: "Docs", filters: [{ field: "path", op: "contains", values: ["/docs"] }] },
      { name: "Bought", filters: [{ field: "event", op: "is", values: ["Purchase"] }] },
    ];
    const funnel = (await run("create-funnel", "--site", site.id, "--name", "Docs to purchase", "--steps", JSON.stringify(steps), "--window", "3600")) as Funnel;
    expect(funnel).toMatchObject({ site_id: site.id, steps, window_seconds: 3600 });

    expect(await run("list-goals", "--site", site.id)).toEqual([byPath, byEvent]);
    expect((await run("list-goals")) as Goal[]).toEqual(expect.arrayContaining([byPath, byEvent]));
  });

  it("reports goal and funnel mistakes", async () => {
    await expect(run("create-goal", "--site", "s", "--path", "/")).rejects.toThrow(UsageError);
    await expect(run("create-goal", "--site", "s", "--name", "x", "--path", "no-slash")).rejects.toThrow(/path_pattern/);
    await expect(run("create-funnel", "--site", "s", "--name", "x", "--steps", "[{")).rejects.toThrow(/--steps must be valid JSON/);
    await expect(run("create-funnel", "--site", "s", "--name", "x", "--steps", "[]", "--window", "1h")).rejects.toThrow(UsageError);
    await expect(run("create-funnel", "--site", "s", "--name", "x", "--steps", "[]")).rejects.toThrow(/steps/);
  });

  it("reports usage mistakes and passes bad values to validation", async () => {
    await expect(run("create-account")).rejects.toThrow(UsageError);
    await expect(run("create-account", "--nmae", "x")).rejects.toThrow(UsageError);
    await expect(run("frobnicate")).rejects.toThrow(UsageError);
    await expect(run("create-key", "--account", "a", "--scopes", "hit", "--rate-limit", "lots")).rejects.toThrow(UsageError);
    await expect(run("create-key", "--account", "a", "--scopes", "everything")).rejects.toThrow(/scopes/);
  });
});
