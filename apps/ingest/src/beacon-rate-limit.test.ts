import { describe, expect, it } from "vitest";
import { addressBucketOf } from "./beacon-rate-limit.js";

describe("addressBucketOf", () => {
  it("counts an IPv4 address alone, mapped into IPv6 or not", () => {
    expect(addressBucketOf("81.2.69.142")).toBe("81.2.69.142");
    expect(addressBucketOf("::ffff:81.2.69.142")).toBe("81.2.69.142");
    expect(addressBucketOf("::FFFF:81.2.69.142")).toBe("81.2.69.142");
  });

  it("counts an IPv6 address by its /64, however it is written", () => {
    const bucket = "2001:db8:1:2::/64";
    for (const ip of ["2001:db8:1:2::1", "2001:0db8:0001:0002:ffff:ffff:ffff:ffff", "2001:DB8:1:2:0:0:0:9", "2001:db8:1:2::1.2.3.4", "2001:db8:1:2::a%eth0"]) {
      expect(addressBucketOf(ip), ip).toBe(bucket);
    }
    expect(addressBucketOf("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
    expect(addressBucketOf("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressBucketOf("::1")).toBe("0:0:0:0::/64");
    expect(addressBucketOf("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
  });
});
