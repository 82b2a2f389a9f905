#!/usr/bin/env node
// `node infra/built.mjs <command> [args...]`: on a fresh clone too, installs dependencies if needed and
// builds every workspace, then runs the command from the repository root and exits with its code.
// The root scripts `bench`, `soak` and `test:faults` go through it, so each works as the first command.
import { spawn } from "node:child_process";
import { ROOT } from "./lib/paths.mjs";
import { ensureInstalled, turbo } from "./lib/workspace.mjs";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: node infra/built.mjs <command> [args...]");
  process.exit(2);
}
await ensureInstalled();
await turbo(["run", "build"]);
const child = spawn(command, args, { cwd: ROOT, stdio: "inherit" });
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
