export { healthRoutes, type Check } from "./health.js";
export { withJsonErrors } from "./errors.js";
export { startService, stopOnSignals, type RunningService, type ServiceOptions } from "./serve.js";
export { fieldProblemsOf, jsonBodyOf, queryOf, ValidationError, type FieldProblem } from "./json-body.js";
export { OpenApiRegistry, type ApiOperation } from "./openapi.js";
export { DEFAULT_HTTP_LIMITS, httpLimitsOf, type HttpLimits } from "./limits.js";
export { valueWithin } from "./within.js";
