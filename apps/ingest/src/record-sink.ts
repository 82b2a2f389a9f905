import { type HitRecord, partitionKeyOf } from "@pulse/hits";
import type { BatchingProducer } from "@pulse/kafka";
import type { RecordSink } from "./ports.js";

export function kafkaRecordSink(producer: BatchingProducer): RecordSink {
  return {
    send: (records: HitRecord[]) =>
      producer.send(records.map((record) => ({ key: partitionKeyOf(record), value: JSON.stringify(record) }))),
  };
}
