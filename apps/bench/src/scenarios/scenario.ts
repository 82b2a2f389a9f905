import type { BenchEnvironment, Log } from "../environment.js";
import type { Options } from "../options.js";
import type { ScenarioResult, TargetResult } from "../report.js";

export interface ScenarioContext {
  env: BenchEnvironment;
  options: Options;
  log: Log;
  /** Partitions of the hits topics this run creates. */
  partitions: number;
}

export interface ScenarioOutcome {
  result: ScenarioResult;
  targets: TargetResult[];
}

export interface Scenario {
  id: string;
  title: string;
  /** False for a scenario that exists only as a definition; the harness lists it as not run. */
  runnable: boolean;
  /** Why it is not run, when it is not. */
  notRunReason?: string;
  run: (context: ScenarioContext) => Promise<ScenarioOutcome>;
}
