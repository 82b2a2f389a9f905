import { describe, expect, it } from "vitest";
import { knownSourceOfHost, knownSourceOfName, stripWww } from "./sources.js";

const nameOfHost = (host: string) => knownSourceOfHost(host)?.name;

describe("knownSourceOfHost", () => {
  it.each([
    ["google.com", "Google"],
    ["google.de", "Google"],
    ["google.co.uk", "Google"],
    ["google.com.br", "Google"],
    ["images.google.fr", "Google"],
    ["mail.google.com", "Gmail"],
    ["news.google.com", "Google News"],
    ["m.facebook.com", "Facebook"],
    ["l.facebook.com", "Facebook"],
    ["t.co", "X"],
    ["twitter.com", "X"],
    ["lnkd.in", "LinkedIn"],
    ["old.reddit.com", "Reddit"],
    ["news.ycombinator.com", "Hacker News"],
    ["search.brave.com", "Brave Search"],
    ["de.search.yahoo.com", "Yahoo!"],
    ["yahoo.co.jp", "Yahoo!"],
    ["mail.yahoo.com", "Yahoo! Mail"],
    ["en.m.wikipedia.org", "Wikipedia"],
    ["amazon.co.uk", "Amazon"],
    ["chatgpt.com", "ChatGPT"],
    ["com.google.android.gm", "Gmail"],
  ])("%s → %s", (host, name) => {
    expect(nameOfHost(host)).toBe(name);
  });

  it.each(["example.com", "ycombinator.com", "com", "google", "googleusercontent.com", "brave.com"])(
    "does not know %s",
    (host) => {
      expect(knownSourceOfHost(host)).toBeUndefined();
    },
  );

  it("carries the category Google's channel rules need", () => {
    expect(knownSourceOfHost("bing.com")?.category).toBe("search");
    expect(knownSourceOfHost("youtu.be")?.category).toBe("video");
    expect(knownSourceOfHost("ebay.de")?.category).toBe("shopping");
    expect(knownSourceOfHost("outlook.live.com")?.category).toBe("email");
    expect(knownSourceOfHost("github.com")?.category).toBe("");
  });
});

describe("knownSourceOfName", () => {
  it.each([
    ["Google", "Google"],
    ["twitter", "X"],
    ["X", "X"],
    ["fb", "Facebook"],
    ["hn", "Hacker News"],
    ["producthunt", "Product Hunt"],
    [" YouTube ", "YouTube"],
    ["www.reddit.com", "Reddit"],
  ])("%j → %s", (value, name) => {
    expect(knownSourceOfName(value)?.name).toBe(name);
  });

  it("does not know made-up names", () => {
    expect(knownSourceOfName("spring-newsletter")).toBeUndefined();
    expect(knownSourceOfName("t")).toBeUndefined();
  });
});

describe("stripWww", () => {
  it("drops only a leading www.", () => {
    expect(stripWww("www.example.com")).toBe("example.com");
    expect(stripWww("wwwexample.com")).toBe("wwwexample.com");
    expect(stripWww("shop.www.example.com")).toBe("shop.www.example.com");
  });
});
