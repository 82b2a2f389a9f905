import { createHash } from "node:crypto";
import { randomBase62 } from "./base62.js";

export type TokenKind = "access" | "secret";

/**
 * "access": Pirsch's write-only access key format ("pa_" + 45 characters; the Pirsch JS SDK refuses
 * any other length), which the Pirsch SDKs send as a bearer token without an OAuth exchange.
 * "secret": read-capable keys get a distinct prefix so they are told apart at a glance and by
 * secret scanners.
 */
const FORMATS: Record<TokenKind, { prefix: string; length: number }> = {
  access: { prefix: "pa_", length: 45 },
  secret: { prefix: "ps_", length: 64 },
};

/** A new plaintext token. It is shown once; only its hash is stored. */
export function newToken(kind: TokenKind): string {
  const { prefix, length } = FORMATS[kind];
  return prefix + randomBase62(length);
}

/** sha256 hex: tokens carry enough entropy that a fast unsalted hash cannot be brute-forced. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The first characters, kept in clear so people can tell their keys apart in listings. */
export function tokenPrefix(token: string): string {
  return token.slice(0, 8);
}

/** Keys that can only send data get the write-only access format; anything that reads gets a secret. */
export function tokenKindFor(scopes: readonly string[]): TokenKind {
  const writeOnly = new Set(["hit", "event", "session"]);
  return scopes.every((scope) => writeOnly.has(scope)) ? "access" : "secret";
}
