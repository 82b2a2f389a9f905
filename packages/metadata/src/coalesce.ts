/**
 * Wraps a task so overlapping requests share work: while a run is in flight, any number of new
 * requests collapse into one follow-up run. Each caller's promise settles after a run that began
 * after its request, so a burst of change notices costs at most two reloads yet none is missed.
 */
export function coalesce(task: () => Promise<void>): { request: () => Promise<void>; idle: () => Promise<void> } {
  let running: Promise<void> | undefined;
  let queued: Promise<void> | undefined;

  const request = (): Promise<void> => {
    if (!running) {
      running = task().finally(() => {
        running = undefined;
      });
      return running;
    }
    queued ??= running
      .catch(() => {})
      .then(() => {
        queued = undefined;
        return request();
      });
    return queued;
  };

  /** Resolves once nothing is running or queued (errors are the requesters' to handle). */
  const idle = async (): Promise<void> => {
    while (running || queued) await (queued ?? running)!.catch(() => {});
  };

  return { request, idle };
}
