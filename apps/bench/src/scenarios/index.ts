import { batchEndToEnd } from "./batch-e2e.js";
import { consumerScenario } from "./consumer.js";
import { queries } from "./queries.js";
import type { Scenario } from "./scenario.js";
import { singleHit } from "./single-hit.js";

/** Every scenario of issue 7, in order. */
export const SCENARIOS: Scenario[] = [singleHit, batchEndToEnd, consumerScenario, queries];
