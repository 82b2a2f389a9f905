import type { Message, Producer } from "kafkajs";

export interface BatchingOptions {
  /** How long the first message of a batch waits for company; a few ms turns many requests into one produce call. */
  lingerMs: number;
  /** A batch this large is sent without waiting. */
  maxMessages: number;
}

interface Pending {
  messages: Message[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Collects the messages of concurrent requests into one produce call with acks from all in-sync
 * replicas, and settles each request's promise only when Kafka acknowledged its messages (or failed).
 */
export class BatchingProducer {
  private queue: Pending[] = [];
  private queued = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly producer: Producer,
    private readonly topic: string,
    private readonly options: BatchingOptions,
  ) {}

  send(messages: Message[]): Promise<void> {
    if (messages.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ messages, resolve, reject });
      this.queued += messages.length;
      if (this.queued >= this.options.maxMessages) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.lingerMs);
    });
  }

  /** Sends what is queued now; resolves when every send started so far has settled. */
  async drain(): Promise<void> {
    this.flush();
    await Promise.allSettled([...this.inFlight]);
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    this.queued = 0;
    const sending = this.producer
      .send({ topic: this.topic, acks: -1, messages: batch.flatMap((p) => p.messages) })
      .then(
        () => {
          for (const p of batch) p.resolve();
        },
        (error: unknown) => {
          for (const p of batch) p.reject(error);
        },
      )
      .finally(() => this.inFlight.delete(sending));
    this.inFlight.add(sending);
  }
}
