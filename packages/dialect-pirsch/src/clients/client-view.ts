import type { ApiKey, PublicApiKey } from "@pulse/metadata";
import { z } from "zod";
import { grantFields, grantsOf } from "../auth/scopes.js";
import { defTimeOf, modTimeOf } from "../http/times.js";

/** A client as Pirsch lists it: any API key of the account, its scopes shown as Pirsch's grants. */
export const pirschClient = z.object({
  id: z.string(),
  def_time: z.string(),
  mod_time: z.string(),
  /** null for clients of the whole account (Pirsch's user clients). */
  domain_id: z.string().nullable(),
  type: z.enum(["oauth", "token"]),
  /** 32 characters for oAuth clients; "" for access keys. */
  client_id: z.string(),
  description: z.string(),
  ...grantFields.shape,
});
export type PirschClient = z.infer<typeof pirschClient>;

/** A just-created client: the secret (or, for token clients, the access key) is shown once, here. */
export const createdPirschClient = pirschClient.extend({ client_secret: z.string() });
export type CreatedPirschClient = z.infer<typeof createdPirschClient>;

export function clientView(key: ApiKey | PublicApiKey): PirschClient {
  return {
    id: key.id,
    def_time: defTimeOf(key),
    mod_time: modTimeOf(key),
    domain_id: key.site_id === "" ? null : key.site_id,
    // Keys made natively can be used directly, as Pirsch's token clients are.
    type: key.client_type === "oauth" ? "oauth" : "token",
    client_id: key.client_id,
    description: key.name,
    ...grantsOf(key.scopes),
  };
}
