import { describe, expect, it } from "vitest";
import { screenClassOf } from "./screen.js";

describe("screenClassOf", () => {
  it.each([
    [1, "XS"],
    [390, "XS"],
    [415, "XS"],
    [416, "S"],
    [768, "S"],
    [1024, "S"],
    [1025, "M"],
    [1280, "M"],
    [1281, "L"],
    [1440, "L"],
    [1919, "L"],
    [1920, "XL"],
    [2559, "XL"],
    [2560, "XXL"],
    [5120, "XXL"],
  ])("%i → %s", (width, screenClass) => {
    expect(screenClassOf(width)).toBe(screenClass);
  });

  it.each([undefined, 0, -1, Number.NaN, Number.POSITIVE_INFINITY])("%s → empty", (width) => {
    expect(screenClassOf(width)).toBe("");
  });
});
