export { createKafka, type Kafka } from "./client.js";
export { ensureTopics, isKafkaReachable, pipelineTopics, type TopicSpec } from "./topics.js";
export { BatchingProducer, bundlesOf, type BatchingOptions } from "./batching-producer.js";
export { createProducer, partitionCountOf } from "./producer.js";
export { partitionOfKey } from "./murmur2.js";
