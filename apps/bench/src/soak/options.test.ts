import { describe, expect, it } from "vitest";
import { connectionsFor, parseSoakOptions } from "./options.js";

describe("parseSoakOptions", () => {
  it("defaults to 10 minutes at half the measured capacity, 2 minutes of warm-up, a sample every 10 s", () => {
    expect(parseSoakOptions([])).toMatchObject({ minutes: 10, warmupS: 120, rate: undefined, share: 0.5, intervalS: 10 });
  });

  it("scales the warm-up down for a short run, and takes a given rate", () => {
    expect(parseSoakOptions(["--minutes=1", "--rate=200"])).toMatchObject({ minutes: 1, warmupS: 12, rate: 200 });
  });

  it("refuses unknown options, shares above 1 and a warm-up as long as the run", () => {
    expect(() => parseSoakOptions(["--hours=1"])).toThrow(/unknown option --hours/);
    expect(() => parseSoakOptions(["--share=1.5"])).toThrow(/--share/);
    expect(() => parseSoakOptions(["--minutes=1", "--warmup=60"])).toThrow(/--warmup must be shorter/);
    expect(() => parseSoakOptions(["--minutes=0"])).toThrow(/--minutes needs a positive/);
  });
});

describe("connectionsFor", () => {
  it("gives one connection per 50 hits/s, between 16 and 128, unless told", () => {
    expect([connectionsFor(100, undefined), connectionsFor(3237, undefined), connectionsFor(20_000, undefined), connectionsFor(3237, 8)]).toEqual([16, 65, 128, 8]);
  });
});
