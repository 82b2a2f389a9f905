import { describe, expect, it } from "vitest";
import { decodeId, encodeId } from "./ids.js";

describe("reversible ids", () => {
  it("round-trip any key, quotes and slashes included", () => {
    for (const key of ["Signed Up", "search engine hit", "'; DROP TABLE events; --", "a/b?c#d", "ünïcødé ✓", "."]) {
      const id = encodeId("A5kgYzK14m_-", "e", key);
      expect(id).toMatch(/^A5kgYzK14m_-\.e\.[A-Za-z0-9_-]+$/);
      expect(decodeId(id)).toEqual({ siteId: "A5kgYzK14m_-", kind: "e", key });
    }
  });

  it("refuse anything else", () => {
    const valid = encodeId("site", "m", "plan");
    for (const id of ["", "site", "site.e", "site.e.", "site.x.cGxhbg", "site.e.cGxhbg==", "si.te.e.cGxhbg", "site.e.cGxhbh", "site.e./..", `${valid}'`, "s'ite.e.cGxhbg", "site.e.__8"]) {
      expect(decodeId(id), id).toBeUndefined();
    }
  });
});
