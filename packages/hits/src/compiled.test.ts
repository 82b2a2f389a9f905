import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { hitRecordOf } from "./records.js";
import { hitRecord } from "./record.js";
import { eventBatchBody, eventBody, hitBatchBody, hitBody, sessionBody } from "./wire.js";

// The schemas are z.compile'd (a generated parser for the valid case, zod's own otherwise): whatever
// the input, they must answer exactly as the schema zod would run without compiling.
const runtimeOf = <T extends z.ZodType>(schema: T) => schema.clone();

const hit = {
  url: "https://example.com/a?utm_source=x",
  ip: "81.2.69.142",
  user_agent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0",
  title: "A",
  referrer: "https://t.co/x",
  accept_language: "de",
  screen_width: 1920,
  screen_height: 1080,
  tags: { author: "Jöhn" },
};

const variants: unknown[] = [
  hit,
  { ...hit, extra: "stripped", tags: undefined },
  { ...hit, url: "  https://example.com/tab\there  " }, // zod trims and drops tabs: the output differs from the input
  { ...hit, url: "ftp://example.com/" },
  { ...hit, url: "http:example.com" },
  { ...hit, ip: "::ffff:81.2.69.142" },
  { ...hit, ip: "2a02:8108::1" },
  { ...hit, ip: "::1@x" },
  { ...hit, ip: "fe80::1%eth0" },
  { ...hit, ip: "81.2.69.142%eth0" },
  { ...hit, ip: "081.2.69.142" },
  { ...hit, user_agent: "" },
  { ...hit, screen_width: 1.5 },
  { ...hit, screen_width: -1 },
  { ...hit, screen_height: null },
  { ...hit, title: "x".repeat(513) },
  { ...hit, tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"])) },
  { ...hit, tags: { "": "empty key" } },
  { ...hit, event_name: "  Signup  ", event_duration: 3, event_meta: { plan: "pro", n: 2, ok: true } },
  { ...hit, event_name: " " },
  { ...hit, event_meta: { nested: { a: 1 } }, event_name: "x" },
  { ip: "81.2.69.142", user_agent: "UA long enough", url: "ignored by sessions" },
  { ...hit, time: "2026-01-02T14:15:32Z" },
  { ...hit, time: "2026-01-02" },
  [],
  null,
  "text",
];

describe("compiled schemas", () => {
  it("are compiled, and their runtime twins here are not", () => {
    for (const schema of [hitBody, eventBody, sessionBody, hitBatchBody, eventBatchBody, hitRecord]) {
      expect(schema._zod.bag.fallbackRun).toBeTypeOf("function");
      expect(runtimeOf(schema)._zod.bag.fallbackRun).toBeUndefined();
    }
  });

  it.each([
    ["hitBody", hitBody],
    ["eventBody", eventBody],
    ["sessionBody", sessionBody],
  ] as const)("%s answers as zod's own parser does, values and errors", (_name, schema) => {
    const runtime = runtimeOf(schema);
    for (const input of variants) {
      expect(schema.safeParse(input), JSON.stringify(input)).toEqual(runtime.safeParse(input));
    }
  });

  it("batches answer as zod's own parser does", () => {
    const items = variants.filter((v) => typeof v === "object" && v !== null && !Array.isArray(v));
    const timed = items.map((v) => ({ ...(v as object), time: "2026-01-02T14:15:32Z" }));
    for (const [schema, batch] of [
      [hitBatchBody, timed],
      [eventBatchBody, timed],
      [hitBatchBody, [timed[0], { ...(timed[0] as object), time: "nope" }]],
      [hitBatchBody, []],
    ] as const) {
      expect(schema.safeParse(batch)).toEqual(runtimeOf(schema).safeParse(batch));
    }
  });

  it("records answer as zod's own parser does", () => {
    const context = { siteId: "s", time: Date.UTC(2026, 0, 1), receivedAt: Date.UTC(2026, 0, 1) };
    const record = hitRecordOf("pageview", hitBody.parse(hit), context);
    const runtime = runtimeOf(hitRecord);
    for (const input of [record, { ...record, v: 2 }, { ...record, id: "x" }, { ...record, kind: "other" }, { ...record, time: -1 }]) {
      expect(hitRecord.safeParse(input)).toEqual(runtime.safeParse(input));
    }
  });
});
