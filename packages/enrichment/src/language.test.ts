import { describe, expect, it } from "vitest";
import { languageOf } from "./language.js";

describe("languageOf", () => {
  it.each([
    ["de-DE,de;q=0.9,en;q=0.8", "de"],
    ["en-US", "en"],
    ["EN-gb", "en"],
    ["pt_BR", "pt"],
    ["fr;q=0.5, nl;q=0.7, en;q=0.6", "nl"],
    ["en;q=0.8, de;q=0.8", "en"],
    ["*;q=1, it;q=0.4", "it"],
    ["fil, es;q=0.5", "es"],
    ["zh-Hant-TW,zh;q=0.9", "zh"],
    ["de;q=0, en;q=0.1", "en"],
    ["de;q=0.000", ""],
    ["de;q=1.5, en;q=0.2", "en"],
    ["de;q=abc", ""],
    ["*", ""],
    ["", ""],
    [undefined, ""],
    ["1234, ;;;, ==", ""],
  ])("%j → %j", (header, language) => {
    expect(languageOf(header)).toBe(language);
  });
});
