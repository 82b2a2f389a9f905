export { createKafka, type Kafka } from "./client.js";
export { ensureTopics, isKafkaReachable, pipelineTopics, type TopicSpec } from "./topics.js";
