/**
 * `work`'s value, wrapped, if it settles within `ms`; undefined if the time runs out first (the
 * work goes on, its outcome ignored). Rejects if `work` rejects first. The timer never outlives
 * the answer, so it holds neither the process nor memory.
 */
export async function valueWithin<T>(work: Promise<T>, ms: number): Promise<{ value: T } | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([work.then((value) => ({ value })), late]);
  } finally {
    clearTimeout(timer);
  }
}
