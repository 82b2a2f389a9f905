export {
  BatchProcessor,
  type BatchControl,
  type BatchOutcome,
  type PendingBatch,
  type DeadLetter,
  type KafkaBatch,
  type ProcessorDeps,
} from "./batch-processor.js";
export { eventRowOf, type EventRow } from "./event-row.js";
export { EVENT_COLUMNS, rowBinaryOf } from "./event-writer.js";
export { RowBinaryWriter } from "./row-binary.js";
