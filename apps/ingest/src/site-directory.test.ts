import { type ApiKey, hashToken, type MetadataCache } from "@pulse/metadata";
import { describe, expect, it, vi } from "vitest";
import { siteDirectoryOf } from "./site-directory.js";

const TOKEN = `pa_${"k".repeat(45)}`;

/** The metadata cache as the directory uses it; `reload` replaces every key object, as a real reload does. */
function fakeCache() {
  const keyOf = (scopes: string[]) => ({ id: "key1", token_hash: hashToken(TOKEN), scopes, site_id: "site1" }) as unknown as ApiKey;
  let keys = new Map([["key1", keyOf(["hit", "event"])]]);
  const cache = {
    keyByToken: vi.fn((token: string) => [...keys.values()].find((k) => k.token_hash === hashToken(token))),
    keyById: (id: string) => keys.get(id),
    siteById: (id: string) => (id === "site1" ? { id } : undefined),
    siteByHostname: () => undefined,
    isHitFiltered: () => false,
  };
  return {
    cache,
    reload: (scopes: string[] | undefined) => {
      keys = scopes ? new Map([["key1", keyOf(scopes)]]) : new Map();
    },
  };
}

function directoryOf(cache: ReturnType<typeof fakeCache>["cache"]) {
  const metadata = cache as unknown as MetadataCache;
  return siteDirectoryOf(metadata, { cache: metadata, fresh: async (find) => find() });
}

describe("siteDirectoryOf().writeAccessOf", () => {
  it("looks a token up once, then trusts it while the cache holds the same key", async () => {
    const { cache } = fakeCache();
    const sites = directoryOf(cache);
    for (let i = 0; i < 3; i++) expect(await sites.writeAccessOf(TOKEN, "hit")).toEqual({ ok: true, siteId: "site1" });
    expect(cache.keyByToken).toHaveBeenCalledTimes(1);
    expect(await sites.writeAccessOf(TOKEN, "session")).toMatchObject({ ok: false, status: 403 });
  });

  it("looks again after a reload: a key re-scoped or revoked takes effect at once", async () => {
    const { cache, reload } = fakeCache();
    const sites = directoryOf(cache);
    expect(await sites.writeAccessOf(TOKEN, "hit")).toMatchObject({ ok: true });
    reload(["event"]);
    expect(await sites.writeAccessOf(TOKEN, "hit")).toMatchObject({ ok: false, status: 403 });
    reload(undefined);
    expect(await sites.writeAccessOf(TOKEN, "event")).toMatchObject({ ok: false, status: 401 });
    expect(cache.keyByToken).toHaveBeenCalledTimes(3);
  });

  it("does not remember unknown tokens", async () => {
    const { cache } = fakeCache();
    const sites = directoryOf(cache);
    const unknown = `pa_${"u".repeat(45)}`;
    expect(await sites.writeAccessOf(unknown, "hit")).toMatchObject({ ok: false, status: 401 });
    expect(await sites.writeAccessOf(unknown, "hit")).toMatchObject({ ok: false, status: 401 });
    expect(cache.keyByToken).toHaveBeenCalledTimes(2);
  });
});
