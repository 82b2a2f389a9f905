export { createKafka, type Kafka } from "./client.js";
export { ensureTopics, isKafkaReachable, pipelineTopics, type TopicSpec } from "./topics.js";
export { BatchingProducer, type BatchingOptions } from "./batching-producer.js";
export { createProducer } from "./producer.js";
