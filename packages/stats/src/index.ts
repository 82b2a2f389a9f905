// The query model (zod schemas and the types inferred from them).
export { DATE_PRESETS, dateRange, explicitDates, lastSeconds, previousPeriodOf, resolveRange, startOfTodayIn } from "./model/date-range.js";
export type { DatePreset, DateRange, Period } from "./model/date-range.js";
export { isTimeZone, timeZone } from "./model/time-zone.js";
export { CLIENT_FIELDS, FILTER_FIELDS, HIT_FIELDS, VISIT_FIELDS, scopeOf as fieldScopeOf } from "./model/fields.js";
export type { FieldScope, FilterField } from "./model/fields.js";
export { FILTER_OPS, filter, filters } from "./model/filters.js";
export type { Filter, FilterInput, FilterOp } from "./model/filters.js";
export { filtersFromPirschParams } from "./model/pirsch-params.js";
export { METRICS, metric, RELATIVE_METRICS } from "./model/metrics.js";
export type { Metric } from "./model/metrics.js";
export { dimension, parseDimension, TIME_INTERVALS } from "./model/dimensions.js";
export type { Dimension, ParsedDimension, TimeInterval } from "./model/dimensions.js";
export { include, MAX_LIMIT, orderBy, statsQuery } from "./model/query.js";
export type { StatsQuery, StatsQueryInput } from "./model/query.js";
export { goal, goals, regexOfGlob } from "./model/goals.js";
export { DELETION_KINDS, deletion } from "./model/deletion.js";
export type { Deletion, DeletionInput, DeletionKind } from "./model/deletion.js";
export { goalFiltersOf } from "./model/goal-filters.js";
export type { Goal, GoalInput } from "./model/goals.js";
export { funnelOptions, funnelStep, funnelSteps } from "./model/funnel.js";
export type { FunnelOptions, FunnelOptionsInput, FunnelStep, FunnelStepInput } from "./model/funnel.js";

// The compiler: the model to parameterized ClickHouse SQL.
export { compileAggregate, compileBreakdown, compileTimeseries } from "./sql/compile.js";
export { compileFilterOptions } from "./sql/filter-options.js";
export { compileFunnel } from "./sql/funnel.js";
export { compileGoals } from "./sql/goals.js";
export { compileDeletion } from "./sql/deletion.js";
export { compileSessionDetails } from "./sql/session-details.js";
export { compileSessionsList, compileSessionsListQueries, type SessionsListQueries, type SessionsPageIds } from "./sql/sessions-list.js";
export type { CompiledQuery } from "./sql/params.js";

// The engine and its results.
export { StatsEngine, type StatsEngineOptions } from "./engine.js";
export { bucketsOf } from "./engine/buckets.js";
export { listSessions, type RowsRunner } from "./engine/sessions-page.js";
export { changeOf, shareOf } from "./engine/change.js";
export type * from "./engine/results.js";
export { isClosedPeriod, StatsCache, type StatsCacheOptions } from "./cache.js";
export { StatsQueryError } from "./errors.js";
