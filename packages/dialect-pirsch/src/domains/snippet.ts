import { createHash } from "node:crypto";
import type { Site } from "@pulse/metadata";
import { z } from "zod";
import { defTimeOf, modTimeOf } from "../http/times.js";
import { pirschSettingsOf, snippetSettings } from "./settings.js";

export const snippetType = z.enum(["page view", "event", "session"]);
export type SnippetType = z.infer<typeof snippetType>;

export const pirschSnippet = z.object({
  id: z.string(),
  def_time: z.string(),
  mod_time: z.string(),
  domain_id: z.string(),
  type: snippetType,
  dev: z.boolean(),
  include: z.string(),
  exclude: z.string(),
  domains: z.string(),
  endpoint: z.string(),
  sample: z.string(),
  /** Not in the reference: the HTML to embed, loading this platform's tracker for the domain. */
  snippet: z.string(),
});
export type PirschSnippet = z.infer<typeof pirschSnippet>;

const escapeAttribute = (value: string) => value.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;");

/**
 * The tracker tag for the domain: our /js/script.js with data-domain. The tracker understands
 * data-api (the endpoint setting), data-dev and data-keepalive; include, exclude, domains and sample
 * are kept for Pirsch clients but the tracker does not act on them.
 */
export function snippetHtml(site: Site, type: SnippetType, settings: { dev: boolean; endpoint: string }, baseUrl: string): string {
  const attributes = [`src="${escapeAttribute(new URL("/js/script.js", baseUrl).href)}"`, `data-domain="${escapeAttribute(site.domain)}"`];
  if (settings.endpoint !== "") attributes.push(`data-api="${escapeAttribute(settings.endpoint)}"`);
  if (settings.dev) attributes.push("data-dev");
  // The session snippet keeps sessions alive while the page is visible.
  if (type === "session") attributes.push('data-keepalive="60"');
  return `<script defer ${attributes.join(" ")}></script>`;
}

/** Snippets have no rows of their own; an id from site and type stays the same on every read. */
function snippetId(siteId: string, type: SnippetType): string {
  return `snp${createHash("sha256").update(`${siteId}\n${type}`).digest("hex").slice(0, 16)}`;
}

export function snippetOf(site: Site, type: SnippetType, baseUrl: string): PirschSnippet {
  const stored = pirschSettingsOf(site).snippets[type];
  const settings = stored ?? snippetSettings.parse({});
  return {
    id: snippetId(site.id, type),
    def_time: settings.def_time ?? defTimeOf(site),
    mod_time: settings.mod_time ?? modTimeOf(site),
    domain_id: site.id,
    type,
    dev: settings.dev,
    include: settings.include,
    exclude: settings.exclude,
    domains: settings.domains,
    endpoint: settings.endpoint,
    sample: settings.sample,
    snippet: snippetHtml(site, type, settings, baseUrl),
  };
}
