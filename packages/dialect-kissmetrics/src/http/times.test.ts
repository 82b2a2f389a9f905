import { describe, expect, it } from "vitest";
import { kmTime, kmTimeOfUtcLabel, kmTimeOfVersion } from "./times.js";

describe("Kissmetrics times", () => {
  it("writes instants to the second with Z or +00:00", () => {
    expect(kmTime("2013-10-04T04:56:57.123Z", "Z")).toBe("2013-10-04T04:56:57Z");
    expect(kmTime("2013-10-04T05:01:07.999Z")).toBe("2013-10-04T05:01:07+00:00");
  });

  it("reads row versions as microseconds and engine labels as UTC", () => {
    expect(kmTimeOfVersion(Date.parse("2014-09-02T19:46:43.500Z") * 1000, "Z")).toBe("2014-09-02T19:46:43Z");
    expect(kmTimeOfUtcLabel("2026-03-10 10:02:00")).toBe("2026-03-10T10:02:00+00:00");
  });
});
