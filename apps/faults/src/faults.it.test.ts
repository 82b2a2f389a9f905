import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PrivateStack, privateStack } from "./private-stack.js";
import { profileOf } from "./profile.js";
import { runScenario, type Scenario } from "./runner.js";
import { baseline } from "./scenarios/baseline.js";
import { clickhouseKilled } from "./scenarios/clickhouse-killed.js";
import { clickhouseSlow } from "./scenarios/clickhouse-slow.js";
import { consumerKilled } from "./scenarios/consumer-killed.js";
import { consumerKilledSlow } from "./scenarios/consumer-killed-slow.js";
import { ingestStopped } from "./scenarios/ingest-stopped.js";
import { kafkaFrozen } from "./scenarios/kafka-frozen.js";
import { kafkaKilled } from "./scenarios/kafka-killed.js";
import { redisRestarted } from "./scenarios/redis-restarted.js";

// Real ingest and consumer processes against a ClickHouse, Kafka and Redis of this suite's own, which
// the scenarios kill and restart. PULSE_FAULTS=full (npm run test:faults) runs 30 s outages.
const profile = profileOf();
let stack: PrivateStack;

beforeAll(async () => {
  stack = privateStack({ clickhouse: 28_223, kafka: 29_192, redis: 26_479 });
  await stack.reset();
  await stack.up("clickhouse", "kafka", "redis");
}, 240_000);
afterAll(async () => {
  await stack?.dispose();
}, 120_000);

const scenarios: Scenario[] = [
  baseline,
  clickhouseKilled,
  kafkaKilled,
  kafkaFrozen,
  consumerKilled,
  ingestStopped,
  redisRestarted,
  clickhouseSlow,
];
/** Scenarios that need outages of 35-50 s: only the full profile (npm run test:faults) runs them. */
const fullOnly: Scenario[] = [consumerKilledSlow];

describe(`fault scenarios (${profile.name} profile)`, () => {
  for (const scenario of [...scenarios, ...fullOnly]) {
    it.skipIf(fullOnly.includes(scenario) && profile.name !== "full")(scenario.name, async () => {
      const result = await runScenario(stack, profile, scenario);
      expect(result.settled).toBe(true);
      expect(result.problems).toEqual([]);
      expect(result.figures).toMatchObject({ lost: 0, duplicated: 0, storedThoughRefused: 0, foreign: 0 });
      expect(result.figures.acknowledged).toBeGreaterThan(0);
      expect(result.figures.stored).toBe(result.figures.acknowledged + result.figures.unansweredStored);
    }, 20 * 60_000);
  }
});
