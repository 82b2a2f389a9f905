import { describe, expect, it } from "vitest";
import { csvOf } from "./csv.js";

describe("csvOf", () => {
  it("writes a header of every field and one line per row, CRLF-terminated", () => {
    expect(csvOf([{ path: "/", visitors: 2, bounce_rate: 0.5 }, { path: "/blog", visitors: 1, bounce_rate: 0 }])).toBe(
      "path,visitors,bounce_rate\r\n/,2,0.5\r\n/blog,1,0\r\n",
    );
  });

  it("quotes commas, quotes and line breaks, and doubles quotes", () => {
    expect(csvOf([{ title: 'Say "hi", then\nleave' }])).toBe('title\r\n"Say ""hi"", then\nleave"\r\n');
  });

  it("flattens nested objects, joins arrays, empties null and fills missing fields", () => {
    const rows = [
      { page_goal: { name: "Signup", visitor_goal: null }, stats: { visitors: 3 }, meta_keys: ["plan", "amount"] },
      { page_goal: { name: "Docs" }, stats: { visitors: 1 }, extra: true },
    ];
    expect(csvOf(rows)).toBe(
      "page_goal.name,page_goal.visitor_goal,stats.visitors,meta_keys,extra\r\nSignup,,3,plan;amount,\r\nDocs,,1,,true\r\n",
    );
  });

  it("defuses text a spreadsheet would run as a formula, but not numbers", () => {
    expect(csvOf([{ path: "=HYPERLINK(1)", referrer: "@x", title: "+1", growth: -0.05 }])).toBe("path,referrer,title,growth\r\n'=HYPERLINK(1),'@x,'+1,-0.05\r\n");
  });

  it("is empty for no rows", () => {
    expect(csvOf([])).toBe("");
  });
});
