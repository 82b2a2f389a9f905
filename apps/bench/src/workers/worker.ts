/** What every worker shares: its config from the environment, and how it hands back its result. */
export function workerConfig<T>(): T {
  const raw = process.env.BENCH_WORKER_CONFIG;
  if (!raw) throw new Error("BENCH_WORKER_CONFIG is not set: workers are started by the bench harness");
  return JSON.parse(raw) as T;
}

/** Prints the result line the harness reads, then exits (clients that linger must not keep it alive). */
export async function finish(result: unknown): Promise<never> {
  await new Promise<void>((resolve) => process.stdout.write(`RESULT ${JSON.stringify(result)}\n`, () => resolve()));
  process.exit(0);
}

/** CPU the process used between two `process.cpuUsage()` readings, in cores over `wallMs`. */
export function coresOf(from: NodeJS.CpuUsage, wallMs: number): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000 / wallMs;
}

export function fail(error: unknown): never {
  console.error(error);
  process.exit(1);
}
