import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { missingFields, VIEW_FIELDS } from "../test-support/reference-fields.js";
import { type PirschWorld, pirschWorld } from "../test-support/world.js";

// Integration: views over real ClickHouse and Redis.
let world: PirschWorld;
let siteId: string;
beforeAll(async () => {
  world = await pirschWorld("pirsch_views");
  siteId = (await world.newSite("views")).id;
}, 60_000);
afterAll(() => world?.dispose());

/** The reference's view request (its def_time, mod_time and user_id are ignored). */
const viewRequest = () => ({
  id: undefined as string | undefined,
  def_time: "2021-05-22T10:11:12.123456Z",
  mod_time: "2021-05-22T10:11:12.123456Z",
  domain_id: siteId,
  user_id: "94jO3jDM2",
  name: "My View",
  from: "2022-01-02",
  to: "2022-03-04",
  from_time: "14:56",
  to_time: "15:07",
  period: 5,
  compare: null,
  compare_from: null,
  compare_to: null,
  compare_weekday: true,
  path: ["/sample/path"],
  entry_path: null,
  exit_path: null,
  pattern: null,
  language: null,
  country: null,
  city: null,
  referrer: null,
  referrer_name: null,
  os: null,
  browser: null,
  platform: null,
  screen_class: null,
  utm_source: null,
  utm_medium: null,
  utm_campaign: null,
  utm_content: null,
  utm_term: null,
  event: ["event"],
  event_meta_key: ["meta_key"],
  event_meta_value: ["meta_value"],
  tag: ["tag"],
  tag_key: ["tag_key"],
  tag_value: ["tag_value"],
  visitor_id: 12345,
  session_id: 12345,
});

describe("views", () => {
  it("creates a view from the reference's request and answers every documented field", async () => {
    const { id: _, ...request } = viewRequest();
    const reply = await world.call("POST", "/api/v1/view", world.admin, request);
    expect(reply.status).toBe(200);
    expect(missingFields(reply.body, VIEW_FIELDS)).toEqual([]);
    const { def_time: _d, mod_time: _m, user_id: _u, ...fields } = request;
    expect(reply.body).toMatchObject({ ...fields, user_id: world.accountId });
    // Saved as our view, with the filters in the statistics model beside the Pirsch fields.
    const stored = await world.store.getSavedView(reply.body.id);
    expect(stored?.query.filters).toEqual(
      expect.arrayContaining([
        { field: "path", op: "is", values: ["/sample/path"] },
        { field: "event", op: "is", values: ["event"] },
        { field: "event_meta:meta_key", op: "is", values: ["meta_value"] },
        { field: "tag:tag_key", op: "is", values: ["tag_value"] },
      ]),
    );
  });

  it("lists (also with the reference's ?domain_id=…?search= spelling), updates and deletes", async () => {
    const created = (await world.call("POST", "/api/v1/view", world.admin, { ...viewRequest(), name: "Searchable view" })).body;
    expect((await world.call("GET", `/api/v1/view?domain_id=${siteId}&search=searchable`, world.admin)).body).toEqual([created]);
    expect((await world.call("GET", `/api/v1/view?domain_id=${siteId}?search=Searchable`, world.admin)).body).toEqual([created]);
    const updated = await world.call("POST", "/api/v1/view", world.admin, { ...viewRequest(), id: created.id, name: "Renamed", path: ["/other"] });
    expect(updated.body).toMatchObject({ id: created.id, name: "Renamed", path: ["/other"], def_time: created.def_time });
    expect((await world.call("DELETE", `/api/v1/view?id=${created.id}`, world.admin)).status).toBe(200);
    expect((await world.call("GET", `/api/v1/view?domain_id=${siteId}&search=renamed`, world.admin)).body).toEqual([]);
  });

  it("shows a view saved through the native API through its filters", async () => {
    const native = await world.store.createSavedView({ site_id: siteId, name: "Native", query: { filters: [{ field: "path", op: "is_not", values: ["/admin"] }] } });
    const listed = await world.call("GET", `/api/v1/view?domain_id=${siteId}&search=native`, world.admin);
    expect(missingFields(listed.body[0], VIEW_FIELDS)).toEqual([]);
    expect(listed.body[0]).toMatchObject({ id: native.id, path: ["!/admin"], country: null });
  });
});
