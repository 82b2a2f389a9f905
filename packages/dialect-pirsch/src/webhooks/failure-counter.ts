import type { Redis } from "@pulse/redis";

/** A week: a webhook that failed long ago and then fell silent starts afresh. */
const FAILURE_MEMORY_MS = 7 * 86_400_000;

/**
 * Consecutive failed deliveries per webhook, in Redis so every instance counts together. A success
 * or saving the webhook again starts the count over.
 */
export class WebhookFailures {
  constructor(private readonly redis: Redis) {}

  /** Counts one more failed delivery; returns the count. */
  async record(webhookId: string): Promise<number> {
    const [[, count] = []] =
      (await this.redis.multi().incr(counterKey(webhookId)).pexpire(counterKey(webhookId), FAILURE_MEMORY_MS).exec()) ?? [];
    return Number(count);
  }

  async reset(webhookId: string): Promise<void> {
    await this.redis.del(counterKey(webhookId));
  }

  async count(webhookId: string): Promise<number> {
    return Number((await this.redis.get(counterKey(webhookId))) ?? 0);
  }
}

const counterKey = (webhookId: string) => `webhook-failures:${webhookId}`;
