export { healthRoutes, type Check } from "./health.js";
export { withJsonErrors } from "./errors.js";
export { startService, stopOnSignals, type RunningService, type ServiceOptions } from "./serve.js";
export { fieldProblemsOf, jsonBodyOf, ValidationError, type FieldProblem } from "./json-body.js";
