import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import type { Logger } from "@pulse/logger";
import { Hono } from "hono";
import { withJsonErrors } from "./errors.js";
import { type Check, healthRoutes } from "./health.js";

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
}

export interface RunningService {
  url: string;
  port: number;
  stop: (reason?: string) => Promise<void>;
}

/** Stops accepting connections and resolves once every in-flight request has been answered. */
function closeServer(server: ServerType): Promise<void> {
  return new Promise((resolve) => {
    // A keep-alive socket that goes idle after its last response would hold close() open until it
    // times out, so idle sockets are closed as they appear.
    const reapIdle = setInterval(() => {
      if ("closeIdleConnections" in server) server.closeIdleConnections();
    }, 50);
    server.close(() => {
      clearInterval(reapIdle);
      resolve();
    });
    if ("closeIdleConnections" in server) server.closeIdleConnections();
  });
}

export async function startService(options: ServiceOptions): Promise<RunningService> {
  const { logger } = options;
  let stopping = false;
  const app = withJsonErrors(new Hono(), logger);
  app.route("/", healthRoutes(options.checks, () => stopping));
  if (options.routes) app.route("/", options.routes);

  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: options.host, port: options.port }, () => resolve(s));
    s.once("error", reject);
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
