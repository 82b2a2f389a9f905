import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { HttpBindings } from "@hono/node-server";
import type { Logger } from "@pulse/logger";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { withJsonErrors } from "./errors.js";
import { type Check, healthRoutes } from "./health.js";
import { limitedServerOf } from "./http-server.js";
import { type HttpLimits, httpLimitsOf } from "./limits.js";

export interface ServiceOptions {
  name: string;
  logger: Logger;
  host: string;
  port: number;
  /** The service's own routes; health routes are added beside them. */
  routes?: Hono;
  checks: Record<string, Check>;
  /** Runs after the listener stopped taking requests: flush, then close clients. */
  onShutdown: () => Promise<void>;
  shutdownTimeoutMs: number;
  /** Overrides of DEFAULT_HTTP_LIMITS (docs/limits.md). */
  limits?: Partial<HttpLimits>;
}

export interface RunningService {
  url: string;
  port: number;
  stop: (reason?: string) => Promise<void>;
}

/** From node's own header object when there is one: cheaper than the web Headers the adapter builds. */
function isChunked(c: Context): boolean {
  const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
  return (incoming ? incoming.headers["transfer-encoding"] : c.req.header("transfer-encoding")) !== undefined;
}

/** Stops accepting connections and resolves once every in-flight request has been answered. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    // A keep-alive socket that goes idle after its last response would hold close() open until it
    // times out, so idle sockets are closed as they appear.
    const reapIdle = setInterval(() => {
      server.closeIdleConnections();
    }, 50);
    server.close(() => {
      clearInterval(reapIdle);
      resolve();
    });
    server.closeIdleConnections();
  });
}

export async function startService(options: ServiceOptions): Promise<RunningService> {
  const { logger } = options;
  let stopping = false;
  const limits = httpLimitsOf(options.limits);
  const app = withJsonErrors(new Hono(), logger);
  // A declared Content-Length is checked before the app runs; a chunked body is counted as it arrives.
  const chunkedLimit = bodyLimit({
    maxSize: limits.maxBodyBytes,
    onError: (c) => {
      c.header("Connection", "close");
      return c.json({ error: `Request body exceeds ${limits.maxBodyBytes} bytes` }, 413);
    },
  });
  app.use("*", (c, next) => (isChunked(c) ? chunkedLimit(c, next) : next()));
  app.route("/", healthRoutes(options.checks, () => stopping));
  if (options.routes) app.route("/", options.routes);

  const server = limitedServerOf(app, limits, logger, options.host);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host}:${port}`;
  logger.info({ url }, `${options.name} listening`);

  let stopped: Promise<void> | undefined;
  const stop = (reason = "stop") => {
    stopped ??= (async () => {
      stopping = true;
      logger.info({ reason }, `${options.name} stopping`);
      const deadline = setTimeout(() => {
        logger.error({ timeoutMs: options.shutdownTimeoutMs }, "shutdown timed out; exiting");
        process.exit(1);
      }, options.shutdownTimeoutMs);
      deadline.unref();
      await closeServer(server);
      await options.onShutdown();
      clearTimeout(deadline);
      logger.info(`${options.name} stopped`);
    })();
    return stopped;
  };
  return { url, port, stop };
}

/** SIGTERM and SIGINT stop the service gracefully, then the process exits. */
export function stopOnSignals(service: Pick<RunningService, "stop">, logger: Logger): void {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      service.stop(signal).then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, "shutdown failed");
          process.exit(1);
        },
      );
    });
  }
}
