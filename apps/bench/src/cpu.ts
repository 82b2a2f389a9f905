import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";

/** Clock ticks per second of /proc's CPU times (100 on Linux almost everywhere). */
const TICKS = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds (user + system) a process has used so far; undefined once it is gone. */
export function processCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces and parentheses: fields are counted after its closing one.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return undefined;
  }
}

/** Busy CPU seconds of the whole machine so far (every core, every process). */
export function machineBusySeconds(): number {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0]!;
  const [, ...values] = line.trim().split(/\s+/);
  // user nice system idle iowait irq softirq steal: everything but idle and iowait is busy.
  const n = values.map(Number);
  const busy = [0, 1, 2, 5, 6, 7].reduce((sum, i) => sum + (n[i] ?? 0), 0);
  return busy / TICKS;
}

/** Pids of processes whose command line contains every one of `parts` (read from /proc only). */
export function pidsMatching(...parts: string[]): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8").replace(/\0/g, " ");
      if (parts.every((p) => cmdline.includes(p))) pids.push(Number(entry));
    } catch {}
  }
  return pids.filter((pid) => pid !== process.pid);
}

/**
 * Measures how many cores named processes (and the machine as a whole) used over an interval:
 * CPU seconds used divided by the wall-clock seconds.
 */
export class CpuMeter {
  private readonly start = new Map<string, number>();
  private startBusy = 0;
  private startAt = 0;

  constructor(private readonly processes: Record<string, number | undefined>) {}

  begin(): this {
    this.startAt = performance.now();
    this.startBusy = machineBusySeconds();
    for (const [name, pid] of Object.entries(this.processes)) {
      const s = pid === undefined ? undefined : processCpuSeconds(pid);
      if (s !== undefined) this.start.set(name, s);
    }
    return this;
  }

  /** Cores used by each named process, and `machine` for every process together. */
  end(): Record<string, number> {
    const wall = (performance.now() - this.startAt) / 1000;
    const out: Record<string, number> = { machine: (machineBusySeconds() - this.startBusy) / wall };
    for (const [name, pid] of Object.entries(this.processes)) {
      const before = this.start.get(name);
      const after = pid === undefined ? undefined : processCpuSeconds(pid);
      if (before !== undefined && after !== undefined) out[name] = (after - before) / wall;
    }
    return out;
  }
}

export function machineInfo() {
  const list = cpus();
  return { cores: list.length, cpuModel: list[0]?.model ?? "unknown", loadavg: loadavg() };
}
