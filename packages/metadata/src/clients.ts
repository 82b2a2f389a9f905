import { timingSafeEqual } from "node:crypto";
import { randomBase62 } from "./base62.js";
import type { ApiKey } from "./schemas.js";
import { hashToken } from "./tokens.js";

/** The lengths Pirsch's SDKs check before sending anything. */
export const CLIENT_ID_LENGTH = 32;
export const CLIENT_SECRET_LENGTH = 64;

/** A new oAuth client id and secret; the secret is shown once, only its hash is stored. */
export function newClientCredentials(): { clientId: string; clientSecret: string } {
  return { clientId: randomBase62(CLIENT_ID_LENGTH), clientSecret: randomBase62(CLIENT_SECRET_LENGTH) };
}

/** Whether `secret` is the oAuth client's secret, compared in constant time. */
export function clientSecretMatches(key: Pick<ApiKey, "client_type" | "client_secret_hash">, secret: string): boolean {
  if (key.client_type !== "oauth" || key.client_secret_hash === "") return false;
  return timingSafeEqual(Buffer.from(hashToken(secret), "hex"), Buffer.from(key.client_secret_hash, "hex"));
}
