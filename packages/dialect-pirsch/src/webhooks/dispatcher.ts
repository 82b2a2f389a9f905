import type { Logger } from "@pulse/logger";
import type { MetadataStore, Webhook } from "@pulse/metadata";
import type { Redis } from "@pulse/redis";
import { forbiddenTargetOf } from "./address-guard.js";
import { WebhookFailures } from "./failure-counter.js";
import { payloadOf, type TrackedEvent, type WebhookPayload } from "./payload.js";

export interface WebhookDispatcherOptions {
  /** Writes the deactivation of a webhook whose deliveries keep failing. */
  store: Pick<MetadataStore, "updateWebhook">;
  /** The site's webhooks, e.g. MetadataCache.webhooksOf. */
  webhooksOf: (siteId: string) => readonly Webhook[];
  redis: Redis;
  /** Attempts per delivery, the first included. */
  attempts?: number;
  /** Wait before the second attempt; doubled before each further one. */
  backoffMs?: number;
  timeoutMs?: number;
  /** Consecutive failed deliveries after which a webhook is switched off. */
  maxFailures?: number;
  /** Only for tests and trusted set-ups: allow endpoints on loopback and private networks. */
  allowPrivateNetworks?: boolean;
  fetch?: typeof fetch;
  logger?: Logger;
}

export type DeliveryOutcome = "delivered" | "failed" | "deactivated";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls webhooks: POSTs the event as JSON to every active webhook of the site registered for the
 * event's name. A delivery is retried with exponential backoff; one whose attempts all fail counts
 * as a failure, and after maxFailures consecutive failures the webhook is deactivated (active =
 * false) until it is saved again, as Pirsch does. Redirects are not followed: a redirect could lead
 * to an address the target check refused.
 */
export class WebhookDispatcher {
  private readonly failures: WebhookFailures;
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly timeoutMs: number;
  private readonly maxFailures: number;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: WebhookDispatcherOptions) {
    this.failures = new WebhookFailures(options.redis);
    this.attempts = Math.max(1, options.attempts ?? 3);
    this.backoffMs = options.backoffMs ?? 1000;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.maxFailures = Math.max(1, options.maxFailures ?? 5);
    this.fetch = options.fetch ?? fetch;
  }

  /** Delivers the event to the matching webhooks, all at once; resolves when every delivery has settled. */
  async notify(event: TrackedEvent): Promise<DeliveryOutcome[]> {
    const matching = this.options.webhooksOf(event.site_id).filter((hook) => hook.active && hook.event === event.event_name);
    return Promise.all(matching.map((hook) => this.deliver(hook, payloadOf(hook.id, event))));
  }

  async deliver(hook: Webhook, payload: WebhookPayload): Promise<DeliveryOutcome> {
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      const problem = await this.attempt(hook, payload);
      if (problem === undefined) {
        await this.failures.reset(hook.id);
        return "delivered";
      }
      this.options.logger?.warn({ webhook: hook.id, attempt, problem }, "webhook delivery attempt failed");
      if (attempt < this.attempts) await sleep(this.backoffMs * 2 ** (attempt - 1));
    }
    const failures = await this.failures.record(hook.id);
    if (failures < this.maxFailures) return "failed";
    await this.options.store.updateWebhook(hook.id, { active: false });
    await this.failures.reset(hook.id);
    this.options.logger?.warn({ webhook: hook.id, failures }, "webhook deactivated after repeated failures");
    return "deactivated";
  }

  /** One POST; the reason it failed, or undefined on a 2xx answer. */
  private async attempt(hook: Webhook, payload: WebhookPayload): Promise<string | undefined> {
    const url = new URL(hook.endpoint);
    if (!this.options.allowPrivateNetworks) {
      const forbidden = await forbiddenTargetOf(url);
      if (forbidden) return forbidden;
    }
    try {
      const response = await this.fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", "User-Agent": "pulse-webhooks/1" },
        body: JSON.stringify(payload),
        redirect: "manual",
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await response.body?.cancel();
      return response.ok ? undefined : `answered ${response.status}`;
    } catch (error) {
      return (error as Error).message;
    }
  }
}
