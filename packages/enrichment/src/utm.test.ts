import { describe, expect, it } from "vitest";
import { utmOf } from "./utm.js";

describe("utmOf", () => {
  it("reads all five parameters, decoded and trimmed", () => {
    const url = new URL(
      "https://example.com/?utm_source=newsletter&utm_medium=email&utm_campaign=spring%20sale&utm_content=+hero+&utm_term=running+shoes",
    );
    expect(utmOf(url)).toEqual({
      utmSource: "newsletter",
      utmMedium: "email",
      utmCampaign: "spring sale",
      utmContent: "hero",
      utmTerm: "running shoes",
    });
  });

  it("leaves missing parameters empty", () => {
    expect(utmOf(new URL("https://example.com/pricing"))).toEqual({
      utmSource: "",
      utmMedium: "",
      utmCampaign: "",
      utmContent: "",
      utmTerm: "",
    });
  });

  it.each([
    ["?ref=producthunt", "producthunt"],
    ["?source=hn", "hn"],
    ["?via=alice", "alice"],
    ["?via=alice&source=hn&ref=producthunt", "producthunt"],
    ["?ref=producthunt&utm_source=twitter", "twitter"],
    ["?utm_source=&ref=producthunt", "producthunt"],
  ])("takes the source from %s", (query, source) => {
    expect(utmOf(new URL(`https://example.com/${query}`)).utmSource).toBe(source);
  });

  it("caps long values", () => {
    const url = new URL(`https://example.com/?utm_campaign=${"x".repeat(500)}`);
    expect(utmOf(url).utmCampaign).toHaveLength(200);
  });
});
