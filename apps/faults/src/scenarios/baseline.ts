import { type Scenario, sleep } from "../runner.js";

/** The same traffic with no fault: what every other scenario's sessions and counts are held to. */
export const baseline: Scenario = {
  name: "0 no fault (baseline)",
  inject: async ({ profile, driver, problems }) => {
    await sleep(profile.outageMs);
    const { refused, unanswered } = driver.counts();
    if (refused + unanswered > 0) problems.push(`${refused} refused and ${unanswered} unanswered without any fault`);
  },
};
