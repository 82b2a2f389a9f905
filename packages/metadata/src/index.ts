export { MetadataCache, type MetadataCacheOptions, type MetadataSource } from "./cache.js";
export { changesChannel, metadataChange, type MetadataChange } from "./changes.js";
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
export { createMetadata } from "./wiring.js";
