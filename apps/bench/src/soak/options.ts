import { positive } from "../options.js";

/** Command-line options of `npm run soak`. */
export interface SoakOptions {
  minutes: number;
  /** Leading part of the run whose samples the verdicts ignore; default 20% of the run, at most 2 minutes. */
  warmupS: number;
  /** Single hits per second; when absent, half of the capacity measured first. */
  rate: number | undefined;
  /** Share of the measured capacity the soak runs at. */
  share: number;
  /** Closed-loop seconds of the capacity measurement. */
  capacityS: number;
  /** Connections (one wrk thread each) of the fixed-rate load; when absent, one per 50 hits/s (16 to 128). */
  connections: number | undefined;
  intervalS: number;
  keepStack: boolean;
  keepData: boolean;
  help: boolean;
}

/** Connections of the fixed-rate load: each sends its share in turn, so one per 50 hits/s leaves 20 ms a request. */
export function connectionsFor(rate: number, given: number | undefined): number {
  return given ?? Math.min(128, Math.max(16, Math.ceil(rate / 50)));
}

export const SOAK_USAGE = `usage: npm run soak -- [options]   (or node apps/bench/dist/soak.js [options])

  --minutes=N             length of the fixed-rate run (default 10)
  --warmup=S              seconds at the start the verdicts ignore (default 20% of the run, at most 120)
  --rate=R                single hits per second (default: --share of the capacity measured first)
  --share=F               share of the measured capacity to run at (default 0.5)
  --capacity-seconds=S    closed-loop seconds of the capacity measurement (default 15)
  --connections=N         connections of the fixed-rate load, one wrk thread each (default: one per 50 hits/s, 16 to 128)
  --interval=S            seconds between samples (default 10)
  --keep-stack            leave servers this run started running
  --keep-data             keep the run's topics, databases and Redis keys
  --help`;

/** Parses argv (without node and the script); throws with a message naming the bad option. */
export function parseSoakOptions(argv: readonly string[]): SoakOptions {
  const options: SoakOptions = {
    minutes: 10,
    warmupS: Number.NaN,
    rate: undefined,
    share: 0.5,
    capacityS: 15,
    connections: undefined,
    intervalS: 10,
    keepStack: false,
    keepData: false,
    help: false,
  };
  for (const arg of argv) {
    if (!arg.startsWith("--")) throw new Error(`unexpected argument ${arg}\n${SOAK_USAGE}`);
    const eq = arg.indexOf("=");
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const value = eq === -1 ? undefined : arg.slice(eq + 1);
    switch (name) {
      case "minutes":
        options.minutes = positive(name, value, false);
        break;
      case "warmup":
        options.warmupS = positive(name, value, false);
        break;
      case "rate":
        options.rate = positive(name, value, false);
        break;
      case "share": {
        const share = positive(name, value, false);
        if (share > 1) throw new Error(`--share is a fraction of the capacity (0..1], got ${value}`);
        options.share = share;
        break;
      }
      case "capacity-seconds":
        options.capacityS = positive(name, value, false);
        break;
      case "connections":
        options.connections = positive(name, value);
        break;
      case "interval":
        options.intervalS = positive(name, value, false);
        break;
      case "keep-stack":
        options.keepStack = true;
        break;
      case "keep-data":
        options.keepData = true;
        break;
      case "help":
        options.help = true;
        break;
      default:
        throw new Error(`unknown option --${name}\n${SOAK_USAGE}`);
    }
  }
  if (Number.isNaN(options.warmupS)) options.warmupS = Math.min(120, options.minutes * 60 * 0.2);
  if (options.warmupS >= options.minutes * 60) throw new Error("--warmup must be shorter than the run (--minutes)");
  return options;
}
