import { describe, expect, it } from "vitest";
import { referrerHostOf, referrerOf } from "./referrer.js";

const pageUrl = new URL("https://www.example.com/pricing");
const of = (referrer: string | undefined, hostnames?: string[]) => referrerOf({ referrer, pageUrl, hostnames });

describe("referrerOf", () => {
  it.each([
    ["https://www.google.com/", "https://google.com", "Google"],
    ["https://www.google.de/search?q=analytics", "https://google.de/search", "Google"],
    ["https://news.ycombinator.com/item?id=1#c2", "https://news.ycombinator.com/item", "Hacker News"],
    ["https://t.co/abc123", "https://t.co/abc123", "X"],
    ["https://L.Facebook.com/l.php?u=x", "https://l.facebook.com/l.php", "Facebook"],
    ["https://blog.someone.dev/posts/hello/", "https://blog.someone.dev/posts/hello", "blog.someone.dev"],
    ["http://www.someone.dev:8080/a", "http://someone.dev:8080/a", "someone.dev"],
    ["https://user:secret@someone.dev/", "https://someone.dev", "someone.dev"],
    ["android-app://com.google.android.gm", "android-app://com.google.android.gm", "Gmail"],
    ["android-app://com.Slack/", "android-app://com.slack", "Slack"],
    ["android-app://org.example.reader", "android-app://org.example.reader", "org.example.reader"],
    ["producthunt.com", "https://producthunt.com", "Product Hunt"],
  ])("%s", (raw, referrer, referrerName) => {
    expect(of(raw)).toEqual({ referrer, referrerName });
  });

  it("keeps a plain name as the name, canonical when known", () => {
    expect(of("Spring Newsletter")).toEqual({ referrer: "", referrerName: "Spring Newsletter" });
    expect(of("twitter")).toEqual({ referrer: "", referrerName: "X" });
  });

  it.each([undefined, "", "  ", "about:blank", "chrome-extension://abc/popup.html", "file:///C:/page.html", "https://"])(
    "ignores %j",
    (raw) => {
      expect(of(raw)).toEqual({ referrer: "", referrerName: "" });
    },
  );

  it("judges a referrer it has seen before against each page anew", () => {
    const raw = "https://docs.example.org/start";
    expect(referrerOf({ referrer: raw, pageUrl: new URL("https://docs.example.org/x") })).toEqual({ referrer: "", referrerName: "" });
    expect(referrerOf({ referrer: raw, pageUrl })).toEqual({ referrer: raw, referrerName: "docs.example.org" });
    expect(referrerOf({ referrer: raw, pageUrl, hostnames: ["docs.example.org"] })).toEqual({ referrer: "", referrerName: "" });
  });

  it("ignores self-referrals from the page's host, with or without www", () => {
    expect(of("https://www.example.com/")).toEqual({ referrer: "", referrerName: "" });
    expect(of("https://example.com/blog")).toEqual({ referrer: "", referrerName: "" });
  });

  it("ignores self-referrals from the site's other hostnames", () => {
    expect(of("https://docs.example.com/start", ["docs.example.com", "WWW.Example.org"])).toEqual({
      referrer: "",
      referrerName: "",
    });
    expect(of("https://example.org/", ["docs.example.com", "WWW.Example.org"]).referrer).toBe("");
    expect(of("https://shop.example.com/", ["docs.example.com"]).referrerName).toBe("shop.example.com");
  });
});

describe("referrerHostOf", () => {
  it.each([
    ["https://news.ycombinator.com/item", "news.ycombinator.com"],
    ["https://google.com", "google.com"],
    ["http://someone.dev:8080/a", "someone.dev"],
    ["android-app://com.google.android.gm", "com.google.android.gm"],
    ["", ""],
  ])("%j → %j", (referrer, host) => {
    expect(referrerHostOf(referrer)).toBe(host);
  });
});
