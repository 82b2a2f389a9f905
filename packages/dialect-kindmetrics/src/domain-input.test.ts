import { ValidationError } from "@pulse/service";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { bareAddressOf, domainCreateOf } from "./domain-input.js";

const app = new Hono()
  .post("/", async (c) => c.json(await domainCreateOf(c)))
  .onError((error, c) => c.json({ fields: error instanceof ValidationError ? error.fields : error.message }, 400));
const send = async (body: string | undefined, query = "", type = "application/json") =>
  (await app.request(`/${query}`, { method: "POST", body, headers: { "Content-Type": type } })).json();
const want = { address: "kindmetrics.io", time_zone: "Europe/Stockholm" };

describe("domainCreateOf", () => {
  it("reads the documented nested JSON body and a flat one", async () => {
    expect(await send(JSON.stringify({ domain: want }))).toEqual(want);
    expect(await send(JSON.stringify(want))).toEqual(want);
  });
  it("reads Lucky's form nesting, bracket nesting and the query string", async () => {
    const form = "application/x-www-form-urlencoded";
    expect(await send("domain:address=kindmetrics.io&domain:time_zone=Europe%2FStockholm", "", form)).toEqual(want);
    expect(await send("domain[address]=kindmetrics.io&domain[time_zone]=Europe%2FStockholm", "", form)).toEqual(want);
    expect(await send(undefined, "?address=kindmetrics.io&time_zone=Europe/Stockholm")).toEqual(want);
    expect(await send(JSON.stringify({ domain: { time_zone: "Europe/Stockholm" } }), "?address=kindmetrics.io")).toEqual(want);
  });
  it("names each missing field", async () => {
    expect(await send(JSON.stringify({ domain: { address: " " } }))).toEqual({
      fields: [
        { field: "address", message: "is required" },
        { field: "time_zone", message: "is required" },
      ],
    });
  });
});

describe("bareAddressOf", () => {
  it("keeps the bare host of a pasted URL or a www. address, as Kindmetrics did", () => {
    expect(bareAddressOf("https://www.kindmetrics.io/blog?x=1")).toBe("kindmetrics.io");
    expect(bareAddressOf("www.kindmetrics.io")).toBe("kindmetrics.io");
    expect(bareAddressOf(" kindmetrics.io ")).toBe("kindmetrics.io");
  });
});
