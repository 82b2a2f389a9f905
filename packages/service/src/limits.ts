/**
 * What one HTTP server accepts from a client before it answers with an error or hangs up.
 * docs/limits.md lists each with its environment variable and what the client sees.
 */
export interface HttpLimits {
  /** Request line plus headers, in bytes: beyond it 431 (414 when the request line alone is too long). */
  maxHeaderBytes: number;
  /** The request target (path and query), in bytes: beyond it 414. */
  maxUrlBytes: number;
  /** The query string after `?`, in bytes: beyond it 414. */
  maxQueryBytes: number;
  /** The request body, in bytes: beyond it 413. */
  maxBodyBytes: number;
  /** Time from the first byte of a request to the end of its headers: then 408 and the connection closes. */
  headersTimeoutMs: number;
  /** Time from the first byte of a request to the end of its body: then 408 and the connection closes. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this long. */
  keepAliveTimeoutMs: number;
  /** Open connections beyond this are closed as soon as they are accepted. */
  maxConnections: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  maxHeaderBytes: 16 * 1024,
  maxUrlBytes: 8 * 1024,
  maxQueryBytes: 4 * 1024,
  maxBodyBytes: 2 * 1024 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 10_000,
};

/** The defaults with `overrides` applied; throws when the combination cannot work. */
export function httpLimitsOf(overrides: Partial<HttpLimits> = {}): HttpLimits {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  const limits: HttpLimits = { ...DEFAULT_HTTP_LIMITS, ...defined };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`HTTP limit ${name} must be a positive integer, got ${value}`);
  }
  // Node refuses to start a server whose headers may take longer than the whole request.
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new RangeError(
      `HTTP limit headersTimeoutMs (${limits.headersTimeoutMs}) must not exceed requestTimeoutMs (${limits.requestTimeoutMs})`,
    );
  }
  return limits;
}

/**
 * How often the server looks for connections past their timeouts. Node's default (30 s) would let a
 * slow client hold a connection for up to 30 s beyond its limit.
 */
export const timeoutCheckIntervalOf = (limits: HttpLimits) =>
  Math.max(25, Math.min(1000, Math.floor(limits.headersTimeoutMs / 4)));
