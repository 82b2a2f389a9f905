import { execFileSync, spawn } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { percentiles } from "./stats.js";

/**
 * The load generator: wrk (Debian's package), a compiled C tool run as its own process, driven by
 * the Lua script below. Closed loop (as fast as the connections go) or at a fixed rate; at a fixed
 * rate every connection has its own thread and send schedule, and latency is measured from the time
 * a request was due, not when it could be sent, so a stalled server is not hidden (as wrk2 does).
 */
export const WRK_SCRIPT = `
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } pulse_bench_timespec;
int clock_gettime(int clk_id, pulse_bench_timespec *tp);
]]
local ts = ffi.new("pulse_bench_timespec")
local function clock_us(clock)
  ffi.C.clock_gettime(clock, ts)
  return tonumber(ts.tv_sec) * 1000000 + tonumber(ts.tv_nsec) / 1000
end

local path = os.getenv("BENCH_PATH")
local token = os.getenv("BENCH_TOKEN") or ""
local stamp = os.getenv("BENCH_STAMP") == "1"
local rate = tonumber(os.getenv("BENCH_RATE") or "0")
local nthreads = tonumber(os.getenv("BENCH_THREADS") or "1")
local out_file = os.getenv("BENCH_OUT")
-- Fixed rate: every thread's schedule starts at this wall-clock time (µs), once all threads exist.
local t0 = tonumber(os.getenv("BENCH_T0") or "0")

local bodies = {}
for line in io.lines(os.getenv("BENCH_BODIES")) do
  if #line > 0 then bodies[#bodies + 1] = line end
end
local headers = { ["Content-Type"] = "application/json" }
if #token > 0 then headers["Authorization"] = "Bearer " .. token end

local threads = {}
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

local requests = {}
local counter = 0
function init(args)
  counter = ((id or 0) * 7919) % #bodies
  if not stamp and rate == 0 then
    for i = 1, #bodies do requests[i] = wrk.format("POST", path, headers, bodies[i]) end
  end
  lat = {}
  late = 0
end

local function iso_now()
  local us = clock_us(0)
  local sec = math.floor(us / 1000000)
  local ms = math.floor((us % 1000000) / 1000)
  return os.date("!%Y-%m-%dT%H:%M:%S", sec) .. string.format(".%03dZ", ms)
end

function request()
  counter = counter % #bodies + 1
  if stamp or rate > 0 then
    local body = bodies[counter]:gsub("__TIME__", iso_now())
    return wrk.format("POST", path, headers, body)
  end
  return requests[counter]
end

if rate > 0 then
  -- One connection per thread: delay, request and response of a thread alternate strictly.
  local interval = 1000000 / rate
  local next_at = nil
  local intended = nil
  function delay()
    local now = clock_us(0)
    if next_at == nil then next_at = math.max(t0, now) + interval * ((id or 0) / nthreads) end
    intended = next_at
    next_at = next_at + interval
    local wait = intended - now
    if wait <= 0 then
      late = late + 1
      return 0
    end
    return math.ceil(wait / 1000)
  end
  function response(status, hdrs, body)
    if intended ~= nil then
      lat[#lat + 1] = math.floor(clock_us(0) - intended)
      intended = nil
    end
  end
end

function done(summary, latency, reqs)
  local f = io.open(out_file, "w")
  local e = summary.errors
  f:write(string.format('{"requests":%d,"duration_us":%d,"bytes":%d,', summary.requests, summary.duration, summary.bytes))
  f:write(string.format('"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},', e.connect, e.read, e.write, e.status, e.timeout))
  f:write(string.format('"latency_us":{"mean":%.1f,"max":%d,"p50":%d,"p90":%d,"p99":%d},', latency.mean, latency.max, latency:percentile(50), latency:percentile(90), latency:percentile(99)))
  local late_total = 0
  local first = true
  f:write('"due_latency_us":[')
  for _, t in ipairs(threads) do
    late_total = late_total + (t:get("late") or 0)
    local l = t:get("lat")
    if l then
      for _, v in ipairs(l) do
        if first then first = false else f:write(",") end
        f:write(string.format("%d", v))
      end
    end
  end
  f:write(string.format('],"late":%d,"t0_us":%d,"done_us":%d}', late_total, t0, clock_us(0)))
  f:close()
end
`;

export interface WrkRun {
  url: string;
  path: string;
  token?: string;
  /** One request body per line. */
  bodiesFile: string;
  /** Replace __TIME__ in each body with the send time (batch items need a current `time`). */
  stamp?: boolean;
  durationS: number;
  connections: number;
  /** Fixed total rate in requests per second; closed loop when absent. */
  rate?: number;
  timeoutS?: number;
  /** Folder for the script and the result file. */
  workDir: string;
}

export interface WrkResult {
  requests: number;
  durationS: number;
  /** Completed requests per second (at a fixed rate: of the scheduled requests, from the schedule's start). */
  rps: number;
  /** Requests answered with a status above 399. */
  statusErrors: number;
  socketErrors: number;
  timeouts: number;
  /** wrk's own latency: from the moment a request was written. */
  latencyMs: { p50: number; p90: number; p99: number; mean: number; max: number };
  /** At a fixed rate: latency from the moment each request was due, and how many were sent late. */
  dueLatencyMs?: { p50: number; p99: number; count: number; late: number };
  /** CPU the load generator itself used, in cores (CPU seconds / wall seconds). */
  loadgenCores: number;
}

interface RawWrk {
  requests: number;
  duration_us: number;
  errors: { connect: number; read: number; write: number; status: number; timeout: number };
  latency_us: { mean: number; max: number; p50: number; p90: number; p99: number };
  due_latency_us: number[];
  late: number;
  t0_us: number;
  done_us: number;
}

/** Parses the children's line of bash's `times` (`0m1.250s 0m0.310s`): CPU seconds user + system. */
export function childCpuSecondsOf(times: string): number {
  const lines = times.trim().split("\n").filter((l) => /\d+m[\d.]+s/.test(l));
  const last = lines.at(-1);
  if (!last) return Number.NaN;
  return [...last.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, m) => sum + Number(m[1]) * 60 + Number(m[2]), 0);
}

/** Turns the JSON that the script's done() wrote into a result. */
export function wrkResultOf(raw: RawWrk, cpuSeconds: number, wallS: number, rate?: number): WrkResult {
  const durationS = raw.duration_us / 1e6;
  const ms = (us: number) => us / 1000;
  const result: WrkResult = {
    requests: raw.requests,
    durationS,
    rps: raw.requests / durationS,
    statusErrors: raw.errors.status,
    socketErrors: raw.errors.connect + raw.errors.read + raw.errors.write,
    timeouts: raw.errors.timeout,
    latencyMs: {
      p50: ms(raw.latency_us.p50),
      p90: ms(raw.latency_us.p90),
      p99: ms(raw.latency_us.p99),
      mean: ms(raw.latency_us.mean),
      max: ms(raw.latency_us.max),
    },
    loadgenCores: cpuSeconds / wallS,
  };
  if (rate !== undefined) {
    // Threads start one after another; the schedule (and so the rate) starts at t0, once all exist.
    result.rps = raw.due_latency_us.length / ((raw.done_us - raw.t0_us) / 1e6);
    const p = percentiles(raw.due_latency_us, [50, 99]);
    result.dueLatencyMs = {
      p50: ms(p["p50"]!),
      p99: ms(p["p99"]!),
      count: raw.due_latency_us.length,
      late: raw.late,
    };
  }
  return result;
}

let wrkChecked = false;

/** Installs Debian's wrk with apt-get when it is missing (the harness must work on a fresh machine). */
export function ensureWrk(log: (line: string) => void): string {
  const version = () => execFileSync("wrk", ["-v"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).split("\n")[0]!;
  try {
    const v = version();
    wrkChecked = true;
    return v.trim();
  } catch (error) {
    // `wrk -v` exits 1 after printing its version and usage.
    const out = (error as { stdout?: string }).stdout;
    if (out?.startsWith("wrk ")) {
      wrkChecked = true;
      return out.split("\n")[0]!.trim();
    }
  }
  log("wrk is not installed; installing Debian's package with apt-get");
  try {
    execFileSync("apt-get", ["install", "-y", "-q", "wrk"], { stdio: ["ignore", "inherit", "inherit"] });
  } catch {
    execFileSync("apt-get", ["update", "-q"], { stdio: ["ignore", "inherit", "inherit"] });
    execFileSync("apt-get", ["install", "-y", "-q", "wrk"], { stdio: ["ignore", "inherit", "inherit"] });
  }
  wrkChecked = true;
  return ensureWrk(log);
}

let runCounter = 0;

/** Runs wrk once as a child process (through bash, whose `times` reports the CPU wrk used). */
export async function runWrk(run: WrkRun): Promise<WrkResult> {
  if (!wrkChecked) throw new Error("ensureWrk() must run first");
  const id = runCounter++;
  const script = join(run.workDir, "load.lua");
  writeFileSync(script, WRK_SCRIPT);
  const out = join(run.workDir, `wrk-${id}.json`);
  rmSync(out, { force: true });
  const paced = run.rate !== undefined && run.rate > 0;
  // At a fixed rate each connection gets its own thread, so the script can pair requests and responses;
  // the schedule starts once every thread had time to start, and the run is longer by that much.
  const threads = paced ? run.connections : 1;
  const startAllowanceMs = paced ? 500 + 20 * threads : 0;
  const args = [
    "-t",
    String(threads),
    "-c",
    String(run.connections),
    "-d",
    `${Math.ceil(run.durationS + startAllowanceMs / 1000)}s`,
    "--timeout",
    `${run.timeoutS ?? 10}s`,
    "-s",
    script,
    `${run.url}${run.path}`,
  ];
  const env = {
    ...process.env,
    BENCH_PATH: run.path,
    BENCH_TOKEN: run.token ?? "",
    BENCH_BODIES: run.bodiesFile,
    BENCH_STAMP: run.stamp ? "1" : "0",
    BENCH_RATE: paced ? String(run.rate! / run.connections) : "0",
    BENCH_THREADS: String(threads),
    BENCH_OUT: out,
    BENCH_T0: String((Date.now() + startAllowanceMs) * 1000),
  };
  const started = performance.now();
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      const child = spawn("bash", ["-c", 'wrk "$@"; rc=$?; times >&2; exit $rc', "bash", ...args], {
        env,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (c) => (stdout += c));
      child.stderr.on("data", (c) => (stderr += c));
      child.on("error", reject);
      child.on("exit", (code) => resolve({ code, stdout, stderr }));
    },
  );
  const wallS = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`wrk exited ${code}: ${stderr.trim() || stdout.trim()}`);
  let raw: RawWrk;
  try {
    raw = JSON.parse(readFileSync(out, "utf8")) as RawWrk;
  } catch (error) {
    throw new Error(`wrk wrote no readable result (${(error as Error).message}); output: ${stdout} ${stderr}`);
  }
  return wrkResultOf(raw, childCpuSecondsOf(stderr), wallS, paced ? run.rate : undefined);
}
