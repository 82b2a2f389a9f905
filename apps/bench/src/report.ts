import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Summary, summarize } from "./stats.js";

/** "ratio" and "share" print as percents; "×" is a growth factor (10M cost over 1M cost). */
export type Unit = "req/s" | "events/s" | "ms" | "s" | "µs" | "ratio" | "cores" | "µs/event" | "share" | "count" | "×";

/** One measured figure of a scenario: its value in every repetition. */
export interface Figure {
  label: string;
  unit: Unit;
  runs: number[];
}

export interface FigureResult extends Summary {
  label: string;
  unit: Unit;
}

export interface ScenarioResult {
  id: string;
  title: string;
  figures: FigureResult[];
  /** How it was measured: what the ceiling is, durations, anything a reader needs to trust the figures. */
  notes: string[];
}

export interface TargetResult {
  name: string;
  measured: number;
  unit: Unit;
  /** e.g. ">= 70%" */
  threshold: string;
  pass: boolean;
  note?: string;
}

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  options: Record<string, unknown>;
  machine: Record<string, unknown>;
  scenarios: ScenarioResult[];
  targets: TargetResult[];
  notRun: { id: string; title: string; reason: string }[];
}

export function figure(label: string, unit: Unit, runs: number[]): FigureResult {
  return { label, unit, ...summarize(runs) };
}

/** Compares a measured value with a threshold; a value that was not measured fails. */
export function target(
  name: string,
  measured: number,
  unit: Unit,
  comparison: ">=" | "<",
  threshold: number,
  note?: string,
): TargetResult {
  const pass = Number.isFinite(measured) && (comparison === ">=" ? measured >= threshold : measured < threshold);
  const result: TargetResult = {
    name,
    measured,
    unit,
    threshold: `${comparison === ">=" ? "≥" : "<"} ${formatValue(threshold, unit)}`,
    pass,
  };
  if (note !== undefined) result.note = note;
  return result;
}

const grouped = (value: number, digits: number) =>
  value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** A value with its unit, rounded for reading: rates as whole numbers, latencies to 0.1 ms, ratios as percents. */
export function formatValue(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) return "–";
  switch (unit) {
    case "req/s":
    case "events/s":
      return `${grouped(value, 0)} ${unit}`;
    case "count":
      return grouped(value, 0);
    case "ms":
      return `${grouped(value, Math.abs(value) < 10 ? 2 : 1)} ms`;
    case "s":
      return `${grouped(value, 2)} s`;
    case "µs":
      return `${grouped(value, 1)} µs`;
    case "ratio":
    case "share":
      return `${grouped(value * 100, 1)}%`;
    case "cores":
      return `${grouped(value, 2)} cores`;
    case "µs/event":
      return `${grouped(value, 1)} µs/event`;
    case "×":
      return `${grouped(value, 2)}×`;
  }
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** The Markdown printed at the end: one table of figures, one of targets, then what was not run and the notes. */
export function markdownReport(report: BenchReport): string {
  const lines: string[] = [];
  const quick = report.options["quick"] ? " (quick smoke run: short, single repetitions, not comparable)" : "";
  lines.push(`## Pulse benchmark, ${report.startedAt}${quick}`, "");
  const reps = report.options["repetitions"];
  lines.push(`Each figure is the median of ${reps} repetition(s), with min and max; each ratio is taken within one repetition.`);
  const m = report.machine;
  const load = (v: unknown) => (Array.isArray(v) ? Number(v[0]).toFixed(2) : "?");
  if (m["cores"] !== undefined) {
    lines.push(
      `Machine: ${m["cores"]} cores shared by the services, the stack and the load generator; load average ${load(m["loadavgBefore"])} at the start, ${load(m["loadavgAfter"])} at the end.`,
    );
  }
  lines.push("");
  lines.push("| scenario | measure | median | min | max |", "| --- | --- | ---: | ---: | ---: |");
  for (const scenario of report.scenarios) {
    for (const f of scenario.figures) {
      lines.push(
        `| ${cell(scenario.id)} | ${cell(f.label)} | ${formatValue(f.median, f.unit)} | ${formatValue(f.min, f.unit)} | ${formatValue(f.max, f.unit)} |`,
      );
    }
  }
  if (report.targets.length > 0) {
    lines.push("", "| target | measured (median) | threshold | result |", "| --- | ---: | ---: | --- |");
    for (const t of report.targets) {
      const result = (t.pass ? "PASS" : "FAIL") + (t.note ? ` (${t.note})` : "");
      lines.push(`| ${cell(t.name)} | ${formatValue(t.measured, t.unit)} | ${cell(t.threshold)} | ${cell(result)} |`);
    }
  }
  if (report.notRun.length > 0) {
    lines.push("");
    for (const n of report.notRun) lines.push(`Not run: scenario ${n.id} (${n.title}): ${n.reason}`);
  }
  const notes = report.scenarios.flatMap((s) => s.notes.map((n) => `- ${s.id}: ${n}`));
  if (notes.length > 0) lines.push("", "Notes:", ...notes);
  return lines.join("\n");
}

/** JSON with NaN and infinities as null (JSON has no NaN). */
export function reportJson(report: BenchReport): string {
  return JSON.stringify(report, (_key, value) => (typeof value === "number" && !Number.isFinite(value) ? null : value), 2);
}

/** `2026-11-24T10:43:21.123Z` → `2026-11-24T10-43-21Z`, safe as a file name everywhere. */
export function fileStamp(iso: string): string {
  return iso.replace(/\.\d+Z$/, "Z").replace(/:/g, "-");
}

/** Writes results/<timestamp>.json and .md; returns the JSON file's path. */
export function writeReport(dir: string, report: BenchReport): string {
  mkdirSync(dir, { recursive: true });
  const base = join(dir, fileStamp(report.startedAt));
  writeFileSync(`${base}.json`, `${reportJson(report)}\n`);
  writeFileSync(`${base}.md`, `${markdownReport(report)}\n`);
  return `${base}.json`;
}
