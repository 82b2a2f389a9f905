import type { MetadataCache } from "@pulse/metadata";
import { storeErrorsAsHttp } from "./store-errors.js";

export type Write = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * A store write as HTTP (errors mapped), then a cache reload, so this instance answers the next
 * request with what it just wrote (other instances follow through the change notice).
 */
export function writerFor(cache: MetadataCache): Write {
  return async (work) => {
    const result = await storeErrorsAsHttp(work);
    await cache.reload();
    return result;
  };
}
