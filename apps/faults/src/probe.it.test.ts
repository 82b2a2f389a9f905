import { afterAll, beforeAll, it } from "vitest";
import { type PrivateStack, privateStack } from "./private-stack.js";
import { profileOf } from "./profile.js";
import { runScenario } from "./runner.js";
import { consumerKilledSlow } from "./scenarios/consumer-killed-slow.js";
let stack: PrivateStack;
beforeAll(async () => {
  stack = privateStack({ clickhouse: 28_223, kafka: 29_192, redis: 26_479 });
  await stack.reset();
  await stack.up("clickhouse", "kafka", "redis");
}, 240_000);
afterAll(async () => stack?.dispose(), 120_000);
it("probe", async () => { await runScenario(stack, profileOf(), consumerKilledSlow); }, 600_000);
