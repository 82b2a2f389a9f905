/** Command-line options of `npm run bench`. */
export interface Options {
  quick: boolean;
  /** Scenario ids to run, in order. */
  scenarios: string[];
  repetitions: number;
  /** One measurement (scenario 1's runs, scenario 2's direct-insert ceiling), seconds. */
  durationS: number;
  /** Unmeasured load before the first measurement of each target, seconds. */
  warmupS: number;
  /** Scenario 2's sustained batch run, seconds. */
  batchDurationS: number;
  /** Scenario 2: how long to wait for the last accepted events to become queryable, seconds. */
  drainTimeoutS: number;
  /** Scenario 3: events put into the broker before the consumer starts. */
  consumerEvents: number;
  /** Closed-loop connections of the single-hit load. */
  connections: number;
  /** Connections (one thread each) of the fixed-rate single-hit load. */
  pacedConnections: number;
  /** Connections of the batch load. */
  batchConnections: number;
  /** Partitions of every hits topic the harness creates; the services' KAFKA_HITS_PARTITIONS when absent. */
  partitions: number | undefined;
  /** Rows per insert of scenario 2's direct ClickHouse insert ceiling. */
  insertBatchRows: number;
  /** Scenario 4: events of each generated dataset, smallest first. */
  queryEvents: number[];
  /** Scenario 4: requests per endpoint class and path (HTTP, direct) in each repetition, at most. */
  querySamples: number;
  /** Scenario 4: seconds a class's samples may take per repetition before it stops at fewer (at least 3). */
  queryBudgetS: number;
  keepStack: boolean;
  /** Scenario 4: leave the generated sessions in the overlapping parts the generator wrote (the worst case for FINAL). */
  unmerged: boolean;
  keepData: boolean;
  resultsDir: string | undefined;
  /** Keep the whole output of every process the harness starts, beside the results. */
  logs: boolean;
  help: boolean;
}

/** Scenario 4's datasets: the issue's 1M and 10M events. */
export const DEFAULT_QUERY_EVENTS: readonly number[] = [1_000_000, 10_000_000];

/** Every scenario id. */
export const ALL_SCENARIOS = ["1", "2", "3", "4"];

const FULL = {
  repetitions: 3,
  durationS: 10,
  warmupS: 3,
  batchDurationS: 60,
  drainTimeoutS: 180,
  consumerEvents: 200_000,
  queryEvents: [...DEFAULT_QUERY_EVENTS],
  querySamples: 20,
  queryBudgetS: 4,
};

const QUICK = {
  repetitions: 1,
  durationS: 3,
  warmupS: 1,
  batchDurationS: 10,
  drainTimeoutS: 60,
  consumerEvents: 30_000,
  queryEvents: [100_000],
  querySamples: 5,
  queryBudgetS: 2,
};

export const USAGE = `usage: npm run bench -- [options]   (or node apps/bench/dist/main.js [options])

  --quick                 ~1-minute smoke run: one repetition, short measurements
  --scenario=1,2,3,4      scenarios to run (default: all)
  --repetitions=N         repetitions of every measurement (default 3; quick 1)
  --duration=S            seconds per measurement (default 10; quick 3)
  --warmup=S              seconds of unmeasured load before a target's first measurement (default 3; quick 1)
  --batch-duration=S      seconds of the sustained batch run of scenario 2 (default 60; quick 10)
  --drain-timeout=S       seconds scenario 2 waits for accepted events to be queryable (default 180; quick 60)
  --consumer-events=N     events pre-filled for scenario 3 (default 200000; quick 30000)
  --connections=N         closed-loop connections for single hits (default 64)
  --paced-connections=N   connections (one wrk thread each) of the fixed-rate run (default 64, as the maximum was measured with)
  --batch-connections=N   connections of the batch run (default 8)
  --partitions=N          partitions of the hits topics (default: KAFKA_HITS_PARTITIONS, 6)
  --insert-batch=N        rows per insert of the direct ClickHouse insert ceiling (default 10000)
  --query-events=N,M      scenario 4: events of each generated dataset (default 1000000,10000000; quick 100000)
  --query-samples=N       scenario 4: requests per endpoint class, over HTTP and direct each, per repetition (default 20; quick 5)
  --query-budget=S        scenario 4: seconds per class and repetition after which it stops sampling (at least 3 samples, or 1 when one took 3 budgets; default 4; quick 2)
  --unmerged              scenario 4: skip merging the generated sessions (OPTIMIZE ... FINAL), the worst case
  --keep-stack            leave servers this run started running
  --keep-data             keep the run's topics, databases and Redis keys
  --results=DIR           where results/<timestamp>.json goes (default apps/bench/results)
  --logs                  keep every started process's output in results/<timestamp>-logs/
  --help`;

/** A positive number from a `--name=value` flag; throws naming the flag otherwise. */
export function positive(name: string, value: string | undefined, integer = true): number {
  const n = Number(value);
  if (value === undefined || value === "" || !Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new Error(`--${name} needs a positive ${integer ? "integer" : "number"}, got ${value ?? "nothing"}`);
  }
  return n;
}

/** Parses argv (without node and the script); throws with a message naming the bad option. */
export function parseOptions(argv: readonly string[]): Options {
  const flags = new Map<string, string | undefined>();
  for (const arg of argv) {
    if (!arg.startsWith("--")) throw new Error(`unexpected argument ${arg}\n${USAGE}`);
    const eq = arg.indexOf("=");
    flags.set(eq === -1 ? arg.slice(2) : arg.slice(2, eq), eq === -1 ? undefined : arg.slice(eq + 1));
  }
  const quick = flags.has("quick");
  const base = quick ? QUICK : FULL;
  const options: Options = {
    quick,
    scenarios: ALL_SCENARIOS,
    ...base,
    connections: 64,
    pacedConnections: 64,
    batchConnections: 8,
    partitions: undefined,
    insertBatchRows: 10_000,
    keepStack: false,
    unmerged: false,
    keepData: false,
    resultsDir: undefined,
    logs: false,
    help: false,
  };
  for (const [name, value] of flags) {
    switch (name) {
      case "quick":
        break;
      case "help":
        options.help = true;
        break;
      case "scenario":
      case "scenarios": {
        const ids = (value ?? "").split(",").map((s) => s.trim()).filter(Boolean);
        if (ids.length === 0) throw new Error("--scenario needs a list such as 1,2");
        const unknown = ids.filter((id) => !ALL_SCENARIOS.includes(id));
        if (unknown.length > 0) throw new Error(`unknown scenario(s) ${unknown.join(", ")}; known: ${ALL_SCENARIOS.join(", ")}`);
        options.scenarios = [...new Set(ids)];
        break;
      }
      case "repetitions":
        options.repetitions = positive(name, value);
        break;
      case "duration":
        options.durationS = positive(name, value);
        break;
      case "warmup":
        options.warmupS = positive(name, value);
        break;
      case "batch-duration":
        options.batchDurationS = positive(name, value);
        break;
      case "drain-timeout":
        options.drainTimeoutS = positive(name, value);
        break;
      case "consumer-events":
        options.consumerEvents = positive(name, value);
        break;
      case "connections":
        options.connections = positive(name, value);
        break;
      case "paced-connections":
        options.pacedConnections = positive(name, value);
        break;
      case "batch-connections":
        options.batchConnections = positive(name, value);
        break;
      case "partitions":
        options.partitions = positive(name, value);
        break;
      case "insert-batch":
        options.insertBatchRows = positive(name, value);
        break;
      case "query-events": {
        const sizes = (value ?? "").split(",").map((v) => positive(name, v.trim()));
        options.queryEvents = [...new Set(sizes)].sort((a, b) => a - b);
        break;
      }
      case "query-samples":
        options.querySamples = positive(name, value);
        break;
      case "query-budget":
        options.queryBudgetS = positive(name, value, false);
        break;
      case "unmerged":
        options.unmerged = true;
        break;
      case "keep-stack":
        options.keepStack = true;
        break;
      case "logs":
        options.logs = true;
        break;
      case "keep-data":
        options.keepData = true;
        break;
      case "results":
        if (!value) throw new Error("--results needs a folder");
        options.resultsDir = value;
        break;
      default:
        throw new Error(`unknown option --${name}\n${USAGE}`);
    }
  }
  return options;
}
