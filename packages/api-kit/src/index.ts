export { type AuthEnv, authenticate, type BearerDeps, keyOfBearer } from "./authenticate.js";
export { requireScope, type SiteLookup, siteFor } from "./access.js";
export { type FreshLookup, freshLookup } from "./fresh.js";
export { countRequest, rateLimit } from "./rate-limit.js";
export { paramOf, route } from "./routing.js";
export { tokenOf } from "./token.js";
export { GOALS_PER_CALL, goalResultsOf, statsGoalOf, statsStepsOf } from "./stats-inputs.js";
