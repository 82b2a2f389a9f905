import { describe, expect, it } from "vitest";
import { compressionFor } from "./compression.js";

describe("compressionFor", () => {
  it("compresses nothing to a server on this machine", () => {
    for (const url of ["http://127.0.0.1:8123", "http://localhost:8123", "http://[::1]:8123", "http://127.1.2.3"]) {
      expect(compressionFor(url)).toEqual({ request: false, response: false });
    }
  });

  it("compresses both ways, cheaply, to any other server", () => {
    for (const url of ["http://clickhouse:8123", "https://ch.example.com", "http://10.0.0.5:8123", "http://127.example.com"]) {
      expect(compressionFor(url)).toEqual({ request: { codec: "gzip", level: 1 }, response: true });
    }
  });
});
