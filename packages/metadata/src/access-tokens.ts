import type { Redis } from "@pulse/redis";
import { randomBase62 } from "./base62.js";
import { hashToken } from "./tokens.js";

/** Access tokens carry their own prefix so a lookup can tell them from keys without a cache miss. */
export const ACCESS_TOKEN_PREFIX = "pt_";
const ACCESS_TOKEN_LENGTH = 64;
export const ACCESS_TOKEN_TTL_SECONDS = 3600;

/** Whether a bearer token is an access token (and so resolved by AccessTokens, not by the cache). */
export function isAccessToken(token: string): boolean {
  return token.startsWith(ACCESS_TOKEN_PREFIX) && token.length === ACCESS_TOKEN_PREFIX.length + ACCESS_TOKEN_LENGTH;
}

export interface AccessTokensOptions {
  /** Keys are prefixed by the connection's keyPrefix, as everywhere else. */
  redis: Redis;
  ttlSeconds?: number;
  /** Epoch milliseconds. */
  now?: () => number;
}

export interface IssuedAccessToken {
  token: string;
  /** UTC, when Redis forgets the token. */
  expiresAt: Date;
}

/**
 * Short-lived bearer tokens standing for an API key, as Pirsch's oAuth client exchange hands out.
 * Only the token's sha256 is kept, in Redis with a TTL, so every query instance resolves tokens any
 * instance issued and expiry needs no sweeping. A token resolves to its key's id; the caller then
 * looks the key up in the metadata cache, so deleting or expiring the key also ends its tokens.
 */
export class AccessTokens {
  private readonly redis: Redis;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: AccessTokensOptions) {
    this.redis = options.redis;
    this.ttlMs = (options.ttlSeconds ?? ACCESS_TOKEN_TTL_SECONDS) * 1000;
    this.now = options.now ?? Date.now;
  }

  async issue(keyId: string): Promise<IssuedAccessToken> {
    const token = ACCESS_TOKEN_PREFIX + randomBase62(ACCESS_TOKEN_LENGTH);
    const hash = hashToken(token);
    await this.redis
      .multi()
      .set(tokenKey(hash), keyId, "PX", this.ttlMs)
      // Indexed by key so revokeAllOf can end them; the index lives as long as the newest token.
      .sadd(indexKey(keyId), hash)
      .pexpire(indexKey(keyId), this.ttlMs)
      .exec();
    return { token, expiresAt: new Date(this.now() + this.ttlMs) };
  }

  /** The id of the key the token stands for, or undefined when it is unknown or expired. */
  async resolve(token: string): Promise<string | undefined> {
    if (!isAccessToken(token)) return undefined;
    return (await this.redis.get(tokenKey(hashToken(token)))) ?? undefined;
  }

  async revoke(token: string): Promise<void> {
    await this.redis.del(tokenKey(hashToken(token)));
  }

  /** Ends every token issued for the key (e.g. when its client is deleted). */
  async revokeAllOf(keyId: string): Promise<void> {
    const hashes = await this.redis.smembers(indexKey(keyId));
    await this.redis.del(indexKey(keyId), ...hashes.map(tokenKey));
  }
}

const tokenKey = (hash: string) => `access-token:${hash}`;
const indexKey = (keyId: string) => `access-tokens-of:${keyId}`;
