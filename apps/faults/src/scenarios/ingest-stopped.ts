import type { RequestRecord } from "../driver.js";
import { type Scenario, sleep } from "../runner.js";

const isHttp = (r: RequestRecord) => /^\d+$/.test(r.status);

/**
 * Ingest stopped with SIGTERM under load and started again after the outage. Each request waits
 * 500 ms for its produce call (INGEST_LINGER_MS), so several are in flight when the signal comes:
 * they must all be answered 202, new connections are refused, and nothing acknowledged is lost.
 */
export const ingestStopped: Scenario = {
  name: "4 ingest SIGTERM under load, restarted after the outage",
  serviceEnv: { INGEST_LINGER_MS: "500" },
  inject: async ({ world, driver, profile, problems, notes }) => {
    const ingest = world.ingest!;
    // Signal while a request has been waiting for its produce call for a while, not just after a flush.
    while (!driver.requests.some((r) => r.outcome === "pending" && Date.now() - r.sentAt >= 100)) await sleep(5);
    const signalledAt = Date.now();
    const { code } = await ingest.stop("SIGTERM");
    const exitedAt = Date.now();
    if (code !== 0) problems.push(`ingest exited with ${code} on SIGTERM`);
    await sleep(profile.outageMs);
    const restartAt = Date.now();
    await world.startIngest();

    const inFlight = driver.requests.filter((r) => r.sentAt < signalledAt - 20);
    const cutOff = inFlight.filter((r) => !isHttp(r) && (r.answeredAt ?? Number.POSITIVE_INFINITY) >= signalledAt);
    const finished = inFlight.filter((r) => r.status === "202" && r.answeredAt !== undefined && r.answeredAt >= signalledAt);
    if (finished.length === 0) problems.push("no request was in flight at SIGTERM: the scenario proved nothing");
    if (cutOff.length > 0) problems.push(`${cutOff.length} requests in flight at SIGTERM were cut off: ${JSON.stringify(cutOff[0])}`);
    const afterExit = driver.requests.filter((r) => r.sentAt > exitedAt && r.sentAt < restartAt);
    const acceptedWhileDown = afterExit.filter((r) => r.outcome === "acked");
    if (afterExit.length === 0) problems.push("no request was sent while ingest was down");
    if (acceptedWhileDown.length > 0) problems.push(`${acceptedWhileDown.length} requests accepted while ingest was down`);
    notes.push(
      `${finished.length} requests in flight at SIGTERM finished with 202; ingest exited after ` +
        `${exitedAt - signalledAt} ms; ${afterExit.length} requests while down, answered ` +
        `${[...new Set(afterExit.map((r) => r.status))].join("/")}`,
    );
  },
};
