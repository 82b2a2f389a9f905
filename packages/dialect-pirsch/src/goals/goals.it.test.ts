import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GOAL_FIELDS, missingFields } from "../test-support/reference-fields.js";
import { type PirschWorld, pirschWorld } from "../test-support/world.js";

// Integration: conversion goals and the regex test over real ClickHouse and Redis.
let world: PirschWorld;
let siteId: string;
beforeAll(async () => {
  world = await pirschWorld("pirsch_goals");
  siteId = (await world.newSite("goals")).id;
}, 60_000);
afterAll(() => world?.dispose());

/** The reference's create request. */
const createRequest = () => ({
  domain_id: siteId,
  name: "Checkout",
  path_pattern: "/checkout/**",
  event_name: "event",
  event_meta_key: "currency",
  event_meta_value: "USD",
  custom_metric_key: "amount",
  custom_metric_type: "float",
  visitors: 123,
  cr: 1.23,
  custom_metric_total_goal: 346,
  custom_metric_avg_goal: 95.3,
  delete_reached: false,
  email_reached: true,
});

describe("conversion goals", () => {
  it("creates a goal from the reference's request and answers every documented field", async () => {
    const reply = await world.call("POST", "/api/v1/goal", world.admin, createRequest());
    expect(reply.status).toBe(200);
    expect(missingFields(reply.body, GOAL_FIELDS)).toEqual([]);
    expect(reply.body).toMatchObject({
      domain_id: siteId,
      name: "Checkout",
      path_pattern: "/checkout/**",
      event_name: "event",
      event_meta_key: "currency",
      event_meta_value: "USD",
      custom_metric_key: "amount",
      custom_metric_type: "float",
      visitor_goal: 123,
      cr_goal: 1.23,
      custom_metric_total_goal: 346,
      custom_metric_avg_goal: 95.3,
      delete_reached: false,
      email_reached: true,
    });
    // The regular expression generated from the path pattern, usable as the statistics `pattern` filter.
    expect(new RegExp(reply.body.pattern).test("/checkout/step/2")).toBe(true);
    expect(new RegExp(reply.body.pattern).test("/cart")).toBe(false);
    // It is our goal, which the stats engine evaluates.
    expect(world.cache.goalsOf(siteId).map((g) => g.id)).toContain(reply.body.id);
  });

  it("answers null for what is not set, as the reference says", async () => {
    const reply = await world.call("POST", "/api/v1/goal", world.admin, {
      domain_id: siteId,
      name: "Signup",
      path_pattern: null,
      event_name: "Signup",
      event_meta_key: null,
      event_meta_value: null,
      custom_metric_key: null,
      custom_metric_type: null,
      visitors: 0,
      cr: 0,
      custom_metric_total_goal: 0,
      custom_metric_avg_goal: 0,
      delete_reached: false,
      email_reached: false,
    });
    expect(reply.body).toMatchObject({
      path_pattern: null,
      pattern: null,
      event_meta_key: null,
      custom_metric_type: null,
      visitor_goal: null,
      cr_goal: null,
      custom_metric_total_goal: null,
      custom_metric_avg_goal: null,
    });
  });

  it("lists goals with ?id=<domain>&search=, updates with PUT and deletes", async () => {
    const created = (await world.call("POST", "/api/v1/goal", world.admin, { ...createRequest(), name: "Findable goal" })).body;
    const listed = await world.call("GET", `/api/v1/goal?id=${siteId}&search=findable`, world.admin);
    expect(listed.body.map((g: { id: string }) => g.id)).toEqual([created.id]);
    expect(missingFields(listed.body[0], GOAL_FIELDS)).toEqual([]);

    const updated = await world.call("PUT", "/api/v1/goal", world.admin, { ...createRequest(), id: created.id, name: "Renamed", visitors: 5, custom_metric_key: null, custom_metric_type: null });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: created.id, name: "Renamed", visitor_goal: 5, custom_metric_key: null, def_time: created.def_time });

    expect((await world.call("DELETE", `/api/v1/goal?id=${created.id}`, world.admin)).status).toBe(200);
    expect((await world.call("GET", `/api/v1/goal?id=${siteId}&search=renamed`, world.admin)).body).toEqual([]);
  });

  it("answers 400 for a goal with neither path nor event, and 404 for another domain's goal", async () => {
    const bad = await world.call("POST", "/api/v1/goal", world.admin, { domain_id: siteId, name: "Nothing" });
    expect(bad.status).toBe(400);
    const other = await world.newSite("other-goals");
    const created = (await world.call("POST", "/api/v1/goal", world.admin, { ...createRequest(), domain_id: other.id })).body;
    const limited = await world.keyWith(["domains:read", "domains:write"], siteId);
    expect((await world.call("DELETE", `/api/v1/goal?id=${created.id}`, limited)).status).toBe(404);
  });
});

describe("POST /api/v1/goal/regex", () => {
  it("answers the reference's example with a match", async () => {
    const reply = await world.call("POST", "/api/v1/goal/regex", world.admin, { regex: "(?i)^/regular/expression/[^/]*$", sample: "/regular/expression/example" });
    expect(reply).toMatchObject({ status: 200, body: { match: true } });
    expect((await world.call("POST", "/api/v1/goal/regex", world.admin, { regex: "(?i)^/REGULAR/[^/]*$", sample: "/regular/a/b" })).body).toEqual({ match: false });
  });

  it("answers 400 naming the problem for expressions RE2 cannot compile", async () => {
    for (const regex of ["(unclosed", "(?<=a)b", "trailing\\"]) {
      const reply = await world.call("POST", "/api/v1/goal/regex", world.admin, { regex, sample: "x" });
      expect({ regex, status: reply.status }).toEqual({ regex, status: 400 });
      expect(reply.body.error).toMatch(/^Invalid regular expression: /);
    }
  });

  it("refuses a parenthesis that closes nothing, which ClickHouse alone would skip", async () => {
    expect((await world.call("POST", "/api/v1/goal/regex", world.admin, { regex: "a)b", sample: "abc" })).status).toBe(400);
    expect((await world.call("POST", "/api/v1/goal/regex", world.admin, { regex: "[)(]\\)", sample: "()" })).body).toEqual({ match: true });
  });

  it("keeps hostile input a value, not SQL", async () => {
    const regex = "^x' OR '1'='1'; DROP TABLE goals; --$";
    const reply = await world.call("POST", "/api/v1/goal/regex", world.admin, { regex, sample: regex.slice(1, -1) });
    expect(reply).toMatchObject({ status: 200, body: { match: true } });
    expect(await world.store.listGoals()).toBeInstanceOf(Array);
  });
});
