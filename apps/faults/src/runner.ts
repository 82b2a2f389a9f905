import { Driver, type DriverOptions } from "./driver.js";
import type { PrivateStack } from "./private-stack.js";
import type { Profile } from "./profile.js";
import { settle } from "./settle.js";
import { storedOf } from "./stored.js";
import { duplicatesOf, type Figures, figuresOf, type SessionModel, sessionCountsOf, sessionModelProblemsOf, viewProblemsOf } from "./tally.js";
import { createWorld, type World } from "./world.js";

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What a fault sees while it runs: the pipeline, the traffic, and where to note what it found. */
export interface FaultRun {
  world: World;
  driver: Driver;
  stack: PrivateStack;
  profile: Profile;
  /** Failed expectations of the scenario itself; the test fails when any is recorded. */
  problems: string[];
  /** Facts worth printing beside the figures. */
  notes: string[];
}

export interface Scenario {
  name: string;
  /** Settings for both services of this scenario. */
  serviceEnv?: Record<string, string>;
  driver?: Partial<Pick<DriverOptions, "paddingBytes" | "eventEvery" | "requestsPerSecond">>;
  /** How sessionization may legitimately differ from the no-fault run (default: not at all). */
  model?: SessionModel;
  /** Injects the fault into steady traffic and lifts it; traffic continues afterwards. */
  inject: (run: FaultRun) => Promise<void>;
  /** Checks made once everything settled. */
  afterSettle?: (run: FaultRun) => Promise<void>;
}

export interface ScenarioResult {
  name: string;
  figures: Figures;
  settled: boolean;
  settleMs: number;
  sessions: number;
  visitors: number;
  problems: string[];
  notes: string[];
}

const VISITORS = 20;

export function formatResult(r: ScenarioResult): string {
  const f = r.figures;
  return [
    `[faults] ${r.name}`,
    `  sent ${f.sent}, acknowledged ${f.acknowledged}, refused ${f.refused}, unanswered ${f.unanswered}` +
      ` (stored ${f.unansweredStored}), stored ${f.stored}, duplicated ${f.duplicated}, lost ${f.lost},` +
      ` stored though refused ${f.storedThoughRefused}, foreign rows ${f.foreign}`,
    `  sessions ${r.sessions} for ${r.visitors} visitors; ${r.settled ? `settled in ${(r.settleMs / 1000).toFixed(1)} s` : "DID NOT SETTLE"}`,
    ...r.notes.map((n) => `  ${n}`),
    ...r.problems.map((p) => `  PROBLEM: ${p}`),
  ].join("\n");
}

/**
 * Runs one scenario end to end: a fresh pipeline, steady traffic, the fault, more traffic, settle,
 * then every event of the stream counted in `events` and each view target checked against it.
 */
export async function runScenario(stack: PrivateStack, profile: Profile, scenario: Scenario): Promise<ScenarioResult> {
  const world = await createWorld(scenario.name.split(" ")[0]!, stack.env, scenario.serviceEnv);
  try {
    await world.startIngest();
    await world.startConsumer();
    const driver = new Driver({
      url: () => world.ingestUrl,
      token: world.token,
      domain: world.domain,
      requestsPerSecond: profile.requestsPerSecond,
      batchSize: profile.batchSize,
      visitors: VISITORS,
      ...scenario.driver,
    });
    const run: FaultRun = { world, driver, stack, profile, problems: [], notes: [] };
    driver.start();
    await sleep(profile.beforeMs);
    try {
      await scenario.inject(run);
      await sleep(profile.afterMs);
    } finally {
      await driver.stop();
    }
    const { settled, ms } = await settle(world, profile.settleTimeoutMs);
    if (scenario.afterSettle) await scenario.afterSettle(run);
    const stored = await storedOf(world.clickhouse, world.siteId, world.topic);
    const figures = figuresOf(driver.events, stored.events);
    const problems = [
      ...run.problems,
      ...viewProblemsOf(stored),
      ...sessionModelProblemsOf(driver.events, stored.events, scenario.model ?? { maxSessionsPerVisitor: 1, visitorIdMayChange: false }),
    ];
    const duplicates = duplicatesOf(stored.events);
    if (duplicates.length > 0) run.notes.push(`duplicates, e.g.: ${duplicates.join("; ")}`);
    const result: ScenarioResult = {
      name: scenario.name,
      figures,
      settled,
      settleMs: ms,
      ...sessionCountsOf(driver.events, stored.events),
      problems,
      notes: run.notes,
    };
    process.stdout.write(`${formatResult(result)}\n`);
    const clean = settled && problems.length === 0 && figures.lost + figures.duplicated + figures.storedThoughRefused === 0;
    if (!clean) process.stdout.write(`[faults] service output of ${scenario.name}:\n${world.output().slice(-8000)}\n`);
    return result;
  } finally {
    await world.dispose();
  }
}
