import type { Config } from "./schema.js";

/** The variable behind each of @pulse/service's HTTP limits. */
export const HTTP_LIMIT_VARIABLES = {
  maxHeaderBytes: "HTTP_MAX_HEADER_BYTES",
  maxUrlBytes: "HTTP_MAX_URL_BYTES",
  maxQueryBytes: "HTTP_MAX_QUERY_BYTES",
  maxBodyBytes: "HTTP_MAX_BODY_BYTES",
  headersTimeoutMs: "HTTP_HEADERS_TIMEOUT_MS",
  requestTimeoutMs: "HTTP_REQUEST_TIMEOUT_MS",
  keepAliveTimeoutMs: "HTTP_KEEP_ALIVE_TIMEOUT_MS",
  maxConnections: "HTTP_MAX_CONNECTIONS",
} as const satisfies Record<string, keyof Config>;

export type HttpLimitOverrides = { -readonly [K in keyof typeof HTTP_LIMIT_VARIABLES]?: number };

/** The HTTP limits the environment sets, for `startService({ limits })`; unset ones keep their defaults. */
export function httpLimitsOf(config: Config): HttpLimitOverrides {
  const overrides: HttpLimitOverrides = {};
  for (const [limit, variable] of Object.entries(HTTP_LIMIT_VARIABLES) as [keyof HttpLimitOverrides, keyof Config][]) {
    const value = config[variable];
    if (typeof value === "number") overrides[limit] = value;
  }
  return overrides;
}
