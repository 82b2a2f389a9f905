import { describe, expect, it } from "vitest";
import { filtersOf } from "./filters.js";
import { channelsOfMedium } from "./medium.js";

const none = { from: undefined, to: undefined, source_name: undefined, medium_name: undefined, site_path: undefined, goal_id: undefined };

describe("filtersOf", () => {
  it("maps site_path, source_name and medium_name onto path, referrer name and channels", () => {
    expect(filtersOf({ ...none, site_path: "/blog", source_name: "Google", medium_name: "search" }, undefined)).toEqual([
      { field: "path", op: "is", values: ["/blog"] },
      { field: "referrer_name", op: "is", values: ["Google"] },
      { field: "channel", op: "is", values: ["Paid Search", "Organic Search"] },
    ]);
    expect(filtersOf(none, undefined)).toEqual([]);
  });
  it("adds the conditions of a goal", () => {
    expect(filtersOf(none, { id: "g", name: "Signup", event_name: "Signup" })).toEqual([{ field: "event", op: "is", values: ["Signup"] }]);
  });
});

describe("channelsOfMedium", () => {
  it("takes a group name to every channel ending in it, or a channel itself, ignoring case", () => {
    expect(channelsOfMedium("Social")).toEqual(["Paid Social", "Organic Social"]);
    expect(channelsOfMedium("referral")).toEqual(["Referral"]);
    expect(channelsOfMedium("organic search")).toEqual(["Organic Search"]);
    expect(channelsOfMedium("EMAIL")).toEqual(["Email"]);
  });
  it("keeps anything else as given, so that it matches nothing", () => {
    expect(channelsOfMedium("'; DROP TABLE events; --")).toEqual(["'; DROP TABLE events; --"]);
    expect(channelsOfMedium(".*")).toEqual([".*"]);
  });
});


