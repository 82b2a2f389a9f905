import { type AuthEnv, route, type SiteLookup } from "@pulse/api-kit";
import { type ApiKey, type AccessTokens, entityId, hasScope, type MetadataStore, type Scope } from "@pulse/metadata";
import type { OpenApiRegistry } from "@pulse/service";
import type { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import { grantFields, scopesOf, TRACKING_SCOPES } from "../auth/scopes.js";
import { notFound } from "../http/not-found.js";
import { readableSite, requireAccountWide, requireAnyScope, writableSite } from "../http/site-access.js";
import type { Write } from "../http/writer.js";
import { clientView, createdPirschClient, type CreatedPirschClient, pirschClient } from "./client-view.js";

const TAG = "Pirsch: clients";
const PATH = "/api/v1/client";

/** Create when there is no id, else update the description: Pirsch uses one POST for both. */
const clientBody = z.object({
  id: entityId.optional(),
  domain_id: z.string().nullish(),
  type: z.enum(["oauth", "token"]).default("oauth"),
  description: z.string().trim().max(200).default(""),
  ...grantFields.partial().shape,
});

const CLIENT_READ: readonly Scope[] = ["domains:read", "organizations:read"];

/** Clients are keys of the caller's account; a key limited to a domain sees that domain's only. */
function visibleTo(caller: ApiKey, key: ApiKey): boolean {
  return key.account_id === caller.account_id && (caller.site_id === "" || key.site_id === caller.site_id);
}

export function clientRoutes(
  app: Hono<AuthEnv>,
  registry: OpenApiRegistry,
  deps: { store: MetadataStore; sites: SiteLookup; write: Write; accessTokens: AccessTokens },
): void {
  const { store, sites, write, accessTokens } = deps;

  /** A client the caller may change: visible to it, and holding nothing the caller lacks. */
  const ownedClient = async (caller: ApiKey, id: string) => {
    const key = await store.getApiKey(id);
    if (!key || !visibleTo(caller, key)) throw notFound("client");
    if (!key.scopes.every((scope) => hasScope(caller.scopes, scope))) {
      throw new HTTPException(403, { message: "This token cannot change a client that holds more than it does" });
    }
    return key;
  };

  route(app, registry, { method: "get", path: PATH, summary: "List clients (of a domain with ?id=)", tag: TAG, scope: "domains:read", query: z.object({ id: z.string().optional() }), response: z.array(pirschClient) }, async (c, { query }) => {
    const caller = c.get("key");
    requireAnyScope(caller, CLIENT_READ);
    const siteId = query.id ? (await readableSite(caller, sites, query.id)).id : undefined;
    const keys = await store.listApiKeys(siteId === undefined ? { account_id: caller.account_id } : { site_id: siteId });
    return c.json(keys.filter((key) => visibleTo(caller, key)).map(clientView));
  });

  route(app, registry, { method: "post", path: PATH, summary: "Create a client, or update its description when id is set", tag: TAG, scope: "domains:write", body: clientBody, response: createdPirschClient.or(pirschClient) }, async (c, { body }) => {
    const caller = c.get("key");
    requireAnyScope(caller, ["domains:write"]);
    if (body.id !== undefined) {
      const key = await ownedClient(caller, body.id);
      return c.json(clientView(await write(() => store.updateApiKey(key.id, { name: body.description }))));
    }
    let scopes = scopesOf(body);
    // Pirsch's token clients are access keys: they send data and nothing else.
    if (body.type === "token") scopes = scopes.filter((scope) => TRACKING_SCOPES.includes(scope));
    if (scopes.length === 0) {
      const needed = body.type === "token" ? "scope_hit, scope_event or scope_session" : "at least one scope_* grant";
      throw new HTTPException(400, { message: `A ${body.type} client needs ${needed}` });
    }
    // No key can hand out more than it holds.
    const beyond = scopes.filter((scope) => !hasScope(caller.scopes, scope));
    if (beyond.length > 0) throw new HTTPException(403, { message: `This token cannot grant: ${beyond.join(", ")}` });
    const siteId = body.domain_id ? (await writableSite(caller, sites, body.domain_id)).id : "";
    if (siteId === "") requireAccountWide(caller, "create clients for the whole account");
    const input = { account_id: caller.account_id, site_id: siteId, name: body.description, scopes };
    let created: CreatedPirschClient;
    if (body.type === "oauth") {
      const made = await write(() => store.createOAuthClient(input));
      created = { ...clientView(made.key), client_secret: made.client_secret };
    } else {
      const made = await write(() => store.createApiKey(input, { clientType: "token" }));
      created = { ...clientView(made.key), client_secret: made.token };
    }
    return c.json(created);
  });

  route(app, registry, { method: "delete", path: PATH, summary: "Delete a client and end its access tokens", tag: TAG, scope: "domains:write", query: z.object({ id: z.string() }) }, async (c, { query }) => {
    const caller = c.get("key");
    requireAnyScope(caller, ["domains:write"]);
    const key = await ownedClient(caller, query.id);
    await write(() => store.deleteApiKey(key.id));
    await accessTokens.revokeAllOf(key.id);
    return c.body(null, 200);
  });
}
