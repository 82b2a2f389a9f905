import { describe, expect, it } from "vitest";
import { createLogger } from "./index.js";

function capture() {
  const lines: Record<string, unknown>[] = [];
  return { lines, destination: { write: (line: string) => void lines.push(JSON.parse(line)) } };
}

describe("createLogger", () => {
  it("writes one JSON object per line with service, level and time", () => {
    const { lines, destination } = capture();
    createLogger("ingest", { destination }).info({ partition: 3 }, "hello");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ service: "ingest", level: "info", partition: 3, msg: "hello" });
    expect(typeof lines[0]?.time).toBe("string");
  });

  it("redacts secrets at the top level and nested", () => {
    const { lines, destination } = capture();
    createLogger("query", { destination }).warn({ token: "t0p", req: { authorization: "Bearer x" }, ip: "1.2.3.4" });
    const text = JSON.stringify(lines[0]);
    expect(text).not.toContain("t0p");
    expect(text).not.toContain("Bearer x");
    expect(text).not.toContain("1.2.3.4");
    expect(lines[0]).toMatchObject({ token: "[redacted]", req: { authorization: "[redacted]" } });
  });

  it("respects the level", () => {
    const { lines, destination } = capture();
    const log = createLogger("x", { level: "warn", destination });
    log.info("dropped");
    log.error("kept");
    expect(lines.map((l) => l.msg)).toEqual(["kept"]);
  });
});
