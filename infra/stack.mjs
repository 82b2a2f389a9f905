#!/usr/bin/env node
// Local stack: `node infra/stack.mjs up|down|status [clickhouse|kafka|redis ...]`.
import { down, status, up } from "./lib/stack.mjs";

const [command, ...names] = process.argv.slice(2);
try {
  if (command === "up") await up(names);
  else if (command === "down") await down(names);
  else if (command === "status") {
    const rows = await status();
    for (const r of rows) {
      const owner = r.pid ? `pid ${r.pid}, started by this project` : "not started by this project";
      console.log(`${r.name.padEnd(10)} ${r.healthy ? "healthy " : "DOWN    "} ${r.address.padEnd(24)} ${owner}  log: ${r.log}`);
    }
    if (rows.some((r) => !r.healthy)) process.exitCode = 1;
  } else {
    console.error("usage: node infra/stack.mjs up|down|status [clickhouse|kafka|redis ...]");
    process.exitCode = 2;
  }
} catch (error) {
  console.error(`stack ${command} failed: ${error.message}`);
  process.exitCode = 1;
}
