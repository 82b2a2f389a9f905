import type { MetadataCache } from "@pulse/metadata";

/**
 * Cache lookups that tolerate a change made a moment ago (on this instance or another): a miss
 * waits for a reload that started after it, then looks again. Misses that arrive together share one
 * reload, and only one runs at a time, so a flood of unknown tokens costs one reload at a time.
 */
export function freshLookup(cache: MetadataCache) {
  let running: Promise<void> | undefined;
  let next: Promise<void> | undefined;
  const reloadAfterNow = (): Promise<void> => {
    if (!running) {
      running = cache.reload().finally(() => {
        running = undefined;
      });
      return running;
    }
    next ??= running.then(() => {
      next = undefined;
      return reloadAfterNow();
    });
    return next;
  };
  return async <T>(find: () => T | undefined): Promise<T | undefined> => {
    const found = find();
    if (found !== undefined) return found;
    await reloadAfterNow();
    return find();
  };
}

export type FreshLookup = ReturnType<typeof freshLookup>;
