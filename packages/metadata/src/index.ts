export {
  ACCESS_TOKEN_PREFIX,
  ACCESS_TOKEN_TTL_SECONDS,
  AccessTokens,
  type AccessTokensOptions,
  type IssuedAccessToken,
  isAccessToken,
} from "./access-tokens.js";
export {
  type AccessLink,
  type AccessLinkCreate,
  type AccessLinkUpdate,
  accessLink,
  accessLinkCreate,
  accessLinkUpdate,
  isAccessLinkValid,
} from "./access-links.js";
export { MetadataCache, type MetadataCacheOptions, type MetadataSource } from "./cache.js";
export { changesChannel, metadataChange, type MetadataChange } from "./changes.js";
export { randomBase62 } from "./base62.js";
export { CLIENT_ID_LENGTH, CLIENT_SECRET_LENGTH, clientSecretMatches, newClientCredentials } from "./clients.js";
export { ConflictError, NotFoundError } from "./errors.js";
export { newId } from "./ids.js";
export {
  compilePathGlob,
  normalizePathGlob,
  PATH_GLOB_MAX_LENGTH,
  pathGlobProblem,
  pathGlobToRegExpSource,
} from "./path-glob.js";
export * from "./schemas.js";
export { hasScope } from "./scopes.js";
export { MetadataStore, type MetadataStoreOptions } from "./store.js";
export { hashToken, newToken, tokenKindFor, tokenPrefix, type TokenKind } from "./tokens.js";
export {
  compileTrafficFilters,
  parseCidr,
  parseIp,
  parsePathPattern,
  type HitTraits,
  type TrafficFilterRule,
} from "./traffic-filter.js";
export { entityId, hostname, httpUrl, jsonObject, timestamp, timezone } from "./validators.js";
export { type Webhook, type WebhookCreate, type WebhookUpdate, webhook, webhookCreate, webhookUpdate } from "./webhooks.js";
export { createMetadata } from "./wiring.js";
