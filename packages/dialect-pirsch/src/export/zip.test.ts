import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { unzipped } from "../test-support/unzip.js";
import { zipOf } from "./zip.js";

function hasUnzip(): boolean {
  try {
    execFileSync("unzip", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const REPEATED = "day,visitors\n".concat("2025-03-03,42\n".repeat(200));
const ENTRIES = [
  { name: "visitors.csv", data: REPEATED },
  { name: "tiny.csv", data: "a" },
  { name: "empty.csv", data: "" },
  { name: "städte/zürich.csv", data: "Zürich,1\n" },
];

describe("zipOf", () => {
  it("deflates what gets smaller, stores the rest, and reads back byte for byte", () => {
    const entries = unzipped(zipOf(ENTRIES));
    expect(entries).toEqual([
      { name: "visitors.csv", method: 8, data: REPEATED },
      { name: "tiny.csv", method: 0, data: "a" },
      { name: "empty.csv", method: 0, data: "" },
      { name: "städte/zürich.csv", method: 0, data: "Zürich,1\n" },
    ]);
  });

  it("makes an empty archive of no entries", () => {
    expect(zipOf([])).toEqual(Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]));
  });

  it("stamps entries with the given time in MS-DOS form", () => {
    const zip = zipOf([{ name: "a", data: "x" }], new Date("2025-03-04T13:14:16Z"));
    expect(zip.readUInt16LE(10)).toBe((13 << 11) | (14 << 5) | 8);
    expect(zip.readUInt16LE(12)).toBe((45 << 9) | (3 << 5) | 4);
  });

  it.skipIf(!hasUnzip())("is read by Info-ZIP's unzip", () => {
    const dir = mkdtempSync(join(tmpdir(), "zip-test-"));
    // unzip converts UTF-8 names to the locale's character set: give it one that has them.
    const options = { encoding: "utf8", env: { ...process.env, LC_ALL: "C.UTF-8" } } as const;
    try {
      const file = join(dir, "test.zip");
      writeFileSync(file, zipOf(ENTRIES));
      expect(execFileSync("unzip", ["-t", file], options)).toMatch(/No errors detected/);
      expect(execFileSync("unzip", ["-p", file, "visitors.csv"], options)).toBe(REPEATED);
      expect(execFileSync("unzip", ["-p", file, "empty.csv"], options)).toBe("");
      expect(execFileSync("unzip", ["-Z1", file], options).trim().split("\n")).toEqual(ENTRIES.map((e) => e.name));
      expect(execFileSync("unzip", ["-p", file, "städte/zürich.csv"], options)).toBe("Zürich,1\n");
      execFileSync("unzip", ["-q", file, "-d", join(dir, "out")], options);
      const extracted = join(dir, "out", "visitors.csv");
      expect(readFileSync(extracted, "utf8")).toBe(REPEATED);
      expect(statSync(extracted).mode & 0o777).toBe(0o644);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
