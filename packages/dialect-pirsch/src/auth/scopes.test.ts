import { describe, expect, it } from "vitest";
import { grantsOf, scopesOf } from "./scopes.js";

describe("Pirsch grants and our scopes", () => {
  it("maps each grant onto our scopes; write includes read", () => {
    expect(scopesOf({ scope_statistics: "r" })).toEqual(["statistics:read"]);
    expect(scopesOf({ scope_domains: "w" })).toEqual(["domains:read", "domains:write"]);
    expect(scopesOf({ scope_domains: "r" })).toEqual(["domains:read"]);
    expect(scopesOf({ scope_hit: "w", scope_event: "w", scope_session: "w" })).toEqual(["hit", "event", "session"]);
    expect(scopesOf({ scope_organizations: "w", scope_themes: "r", scope_billing: "r" })).toEqual(["organizations:read", "organizations:write", "themes:read", "billing:read"]);
    expect(scopesOf({ scope_hit: "", scope_statistics: "" })).toEqual([]);
  });

  it("turns scopes back into the same grants", () => {
    const grants = { scope_hit: "w", scope_event: "w", scope_session: "w", scope_statistics: "r", scope_domains: "w", scope_organizations: "r", scope_themes: "w", scope_billing: "r" } as const;
    expect(grantsOf(scopesOf(grants))).toEqual(grants);
    expect(grantsOf(["statistics:read"])).toMatchObject({ scope_statistics: "r", scope_domains: "", scope_hit: "" });
  });

  it("shows an admin key as holding everything", () => {
    expect(grantsOf(["admin"])).toEqual({
      scope_hit: "w",
      scope_event: "w",
      scope_session: "w",
      scope_statistics: "r",
      scope_domains: "w",
      scope_organizations: "w",
      scope_themes: "w",
      scope_billing: "r",
    });
  });
});
