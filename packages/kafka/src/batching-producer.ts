import type { Message, Producer, RecordMetadata } from "kafkajs";
import { partitionOfKey } from "./murmur2.js";
import { partitionCountOf } from "./producer.js";

export interface BatchingOptions {
  /** How long the first message of a batch waits for company; a few ms turns many requests into one produce call. */
  lingerMs: number;
  /** A batch this large (in messages given to send) is sent without waiting. */
  maxMessages: number;
  /**
   * Pack the messages of a batch that go to the same partition into one Kafka message whose value is
   * the JSON array of their values (each value must be a JSON text). kafkajs spends ~15 µs of CPU on
   * every message it encodes, and the broker and the consumer pay per message too; a bundle costs about
   * as much as one message. The partition is the one each message's key maps to (kafkajs's default
   * partitioner), so keys keep their partition and their order. Needs a producer from createProducer;
   * until it has learnt the topic's partition count (at its first send), messages go one by one.
   */
  bundle?: boolean;
}

/** Bundles larger than this are split, so no Kafka message nears the broker's 1 MB default limit. */
const MAX_BUNDLE_CHARS = 256 * 1024;

interface Pending {
  messages: Message[];
  resolve: (appendedAt: number | undefined) => void;
  reject: (error: unknown) => void;
}

/**
 * Collects the messages of concurrent requests into one produce call with acks from all in-sync
 * replicas, and settles each request's promise only when Kafka acknowledged its messages (or failed).
 *
 * While a produce call is in flight the next batch keeps gathering (unless it is full) and goes as soon
 * as that call settles: the producer sends one request at a time anyway, and a produce call costs
 * ~200 µs of CPU whatever it carries, so batches grow with the load instead of queueing up small.
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

  /**
   * Resolves once Kafka acknowledged the messages, with when the broker appended them: on a topic
   * that stamps LogAppendTime, the latest append time of the produce call's partitions (an upper
   * bound for these messages); otherwise undefined.
   */
  send(messages: Message[]): Promise<number | undefined> {
    if (messages.length === 0) return Promise.resolve(undefined);
    return new Promise<number | undefined>((resolve, reject) => {
      this.queue.push({ messages, resolve, reject });
      this.queued += messages.length;
      if (this.queued >= this.options.maxMessages) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.lingerMs);
    });
  }

  /** Sends what is queued now; resolves when every send started so far has settled. */
  async drain(): Promise<void> {
    this.flush(true);
    await Promise.allSettled([...this.inFlight]);
  }

  private flush(now = false): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.queue.length === 0) return;
    // Sent when the call in flight settles (see settled()).
    if (!now && this.inFlight.size > 0 && this.queued < this.options.maxMessages) return;
    const batch = this.queue;
    this.queue = [];
    this.queued = 0;
    const messages: Message[] = [];
    for (const pending of batch) for (const message of pending.messages) messages.push(message);
    const partitions = this.options.bundle ? partitionCountOf(this.producer, this.topic) : undefined;
    const sending = this.producer
      .send({ topic: this.topic, acks: -1, messages: partitions ? bundlesOf(messages, partitions) : messages })
      .then(
        (metadata) => {
          const appendedAt = latestAppendOf(metadata);
          for (const p of batch) p.resolve(appendedAt);
        },
        (error: unknown) => {
          for (const p of batch) p.reject(error);
        },
      )
      .finally(() => this.settled(sending));
    this.inFlight.add(sending);
  }

  private settled(sending: Promise<void>): void {
    this.inFlight.delete(sending);
    if (this.inFlight.size === 0) this.flush();
  }
}

/** The latest broker append time of a produce call; undefined when the topic keeps the producer's times (-1). */
export function latestAppendOf(metadata: readonly RecordMetadata[]): number | undefined {
  let latest: number | undefined;
  for (const m of metadata) {
    const time = Number(m.logAppendTime ?? -1);
    if (time >= 0 && (latest === undefined || time > latest)) latest = time;
  }
  return latest;
}

/** One message per partition (more when large) holding the JSON array of its messages' values, in order. */
export function bundlesOf(messages: readonly Message[], partitions: number): Message[] {
  const byPartition = new Map<number, string[]>();
  const bundles: Message[] = [];
  for (const message of messages) {
    // Unkeyed messages have no partition of their own (kafkajs spreads them), and headers or a chosen
    // partition belong to one message: these go as they are.
    if (message.key == null || message.partition !== undefined || message.headers !== undefined) {
      bundles.push(message);
      continue;
    }
    const partition = partitionOfKey(message.key, partitions);
    let values = byPartition.get(partition);
    if (!values) {
      values = [];
      byPartition.set(partition, values);
    }
    values.push(String(message.value));
  }
  for (const [partition, values] of byPartition) {
    let start = 0;
    let chars = 0;
    for (let i = 0; i < values.length; i++) {
      chars += values[i]!.length + 1;
      if (chars > MAX_BUNDLE_CHARS && i > start) {
        bundles.push({ partition, value: `[${values.slice(start, i).join(",")}]` });
        start = i;
        chars = values[i]!.length + 1;
      }
    }
    bundles.push({ partition, value: `[${values.slice(start).join(",")}]` });
  }
  return bundles;
}
