import type { Scenario } from "./scenario.js";

/** The data sets scenario 4 is defined over: statistics queries on a site with this many events. */
export const QUERY_DATASETS = [1_000_000, 10_000_000] as const;

/**
 * Scenario 4: queries at 1M and 10M events through the native query API (`/api/pulse/v1`).
 * The API is being written in apps/query, so this scenario is defined but not runnable: the harness
 * lists it under "not run" and never calls `run`. Whoever adds it fills `run` in and sets `runnable`.
 */
export const queries: Scenario = {
  id: "4",
  title: `queries at ${QUERY_DATASETS.map((n) => `${n / 1_000_000}M`).join(" and ")} events`,
  runnable: false,
  notRunReason: "the native query API is not there yet; the scenario module (src/scenarios/queries.ts) is defined but not run",
  run: async () => {
    throw new Error("scenario 4 (queries) is not runnable yet: the native query API is not there");
  },
};
