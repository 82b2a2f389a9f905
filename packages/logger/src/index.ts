import { pino, stdSerializers, stdTimeFunctions, type DestinationStream, type Logger } from "pino";

export type { Logger };

/** Keys whose values must never reach a log line, at the top level or one or two levels deep. */
const SECRET_KEYS = ["password", "token", "secret", "authorization", "cookie", "apiKey", "api_key", "ip"];
const redactPaths = SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

export interface LoggerOptions {
  level?: string;
  /** Defaults to stdout; tests pass a stream to read the lines back. */
  destination?: DestinationStream;
}

/** JSON lines, one logger per service, with the service name on every line. */
export function createLogger(service: string, options: LoggerOptions = {}): Logger {
  const settings = {
    level: options.level ?? process.env.LOG_LEVEL ?? "info",
    base: { service },
    timestamp: stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    redact: { paths: redactPaths, censor: "[redacted]" },
    serializers: { err: stdSerializers.err, error: stdSerializers.err },
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
