import { randomBytes } from "node:crypto";
import type { Redis } from "@pulse/redis";

/** Outlives the day by a week so late hits and the previous-day lookup still find it. */
const SALT_TTL_SECONDS = 8 * 86_400;
const SALT_BYTES = 32;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function saltKey(day: string): string {
  return `salt:${day}`;
}

/**
 * Daily salts shared by every consumer: the first to ask creates it (SET NX), everyone reads
 * back whichever won. A day's salt never changes, so it is cached for the life of the process.
 */
export class SaltStore {
  private readonly cache = new Map<string, Buffer>();

  constructor(private readonly redis: Redis) {}

  /** Salts for the given 'YYYY-MM-DD' UTC days; one pipeline for the days not yet cached, none otherwise. */
  async saltsFor(days: Iterable<string>): Promise<Map<string, Buffer>> {
    const wanted = new Set(days);
    for (const day of wanted) if (!DAY.test(day)) throw new RangeError(`saltsFor: not a YYYY-MM-DD day: ${day}`);
    const missing = [...wanted].filter((day) => !this.cache.has(day));
    if (missing.length > 0) await this.loadSalts(missing);
    const salts = new Map<string, Buffer>();
    for (const day of wanted) salts.set(day, this.cache.get(day)!);
    return salts;
  }

  private async loadSalts(days: string[]): Promise<void> {
    const pipeline = this.redis.pipeline();
    for (const day of days) {
      pipeline.set(saltKey(day), randomBytes(SALT_BYTES), "EX", SALT_TTL_SECONDS, "NX");
      pipeline.getBuffer(saltKey(day));
    }
    const results = (await pipeline.exec()) ?? [];
    days.forEach((day, i) => {
      const [setError] = results[i * 2] ?? [new Error("no reply")];
      const [getError, salt] = results[i * 2 + 1] ?? [new Error("no reply")];
      if (setError || getError) throw setError ?? getError;
      if (!Buffer.isBuffer(salt) || salt.length !== SALT_BYTES) throw new Error(`salt for ${day} is missing or malformed`);
      this.cache.set(day, salt);
    });
  }
}
