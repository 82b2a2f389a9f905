#!/usr/bin/env node
import { createClickHouse } from "@pulse/clickhouse";
import { loadConfig } from "@pulse/config";
import { createLogger } from "@pulse/logger";
import { createRedis } from "@pulse/redis";
import { ZodError, z } from "zod";
import { runCommand, USAGE, UsageError } from "./commands.js";
import { MetadataStore } from "./store.js";

// Results go to stdout as JSON, logs to stderr, so `pulse-admin ... | jq` sees only the result.
const log = createLogger("pulse-admin", { destination: process.stderr });
const argv = process.argv.slice(2);

if (argv.length === 0 || argv[0] === "help" || argv[0] === "--help") {
  process.stderr.write(`${USAGE}\n`);
  process.exitCode = argv.length === 0 ? 2 : 0;
} else {
  const config = loadConfig();
  const clickhouse = createClickHouse(config);
  const redis = createRedis(config);
  try {
    const store = new MetadataStore({ clickhouse, redis, keyPrefix: config.REDIS_KEY_PREFIX, logger: log });
    const result = await runCommand(argv, store);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } catch (error) {
    if (error instanceof UsageError) {
      log.error({ command: argv[0] }, error.message);
      process.stderr.write(`${USAGE}\n`);
      process.exitCode = 2;
    } else if (error instanceof ZodError) {
      log.error({ command: argv[0], issues: error.issues }, `invalid input: ${z.prettifyError(error)}`);
      process.exitCode = 1;
    } else {
      log.error({ command: argv[0], err: error }, "command failed");
      process.exitCode = 1;
    }
  } finally {
    await Promise.all([clickhouse.close(), redis.quit().catch(() => redis.disconnect())]);
  }
}
