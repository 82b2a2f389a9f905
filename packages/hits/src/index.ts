export { LIMITS } from "./limits.js";
export {
  clientFields,
  eventBatchBody,
  eventBody,
  hitBatchBody,
  hitBody,
  sessionBatchBody,
  sessionBody,
  type EventBody,
  type HitBody,
  type SessionBody,
} from "./wire.js";
export { hitRecord, type HitKind, type HitRecord } from "./record.js";
export { timeProblemOf } from "./time-bounds.js";
export { hitRecordOf, partitionKeyOf, type RecordContext, retryableIdOf } from "./records.js";
