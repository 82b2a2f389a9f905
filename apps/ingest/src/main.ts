import { loadConfig } from "@pulse/config";
import { createKafka, ensureTopics, isKafkaReachable, pipelineTopics } from "@pulse/kafka";
import { createLogger } from "@pulse/logger";
import { startService, stopOnSignals } from "@pulse/service";
import { ingestRoutes } from "./routes.js";

const config = loadConfig();
const logger = createLogger("ingest", { level: config.LOG_LEVEL });
const kafka = createKafka(config, logger);
await ensureTopics(kafka, pipelineTopics(config));

const service = await startService({
  name: "ingest",
  logger,
  host: config.HOST,
  port: config.INGEST_PORT,
  routes: ingestRoutes(),
  checks: { kafka: () => isKafkaReachable(kafka) },
  onShutdown: async () => {},
  shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
});
stopOnSignals(service, logger);
