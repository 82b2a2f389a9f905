import { createServer, type IncomingMessage, type Server, STATUS_CODES, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { getRequestListener, RequestError } from "@hono/node-server";
import type { Logger } from "@pulse/logger";
import type { Hono } from "hono";
import { type HttpLimits, timeoutCheckIntervalOf } from "./limits.js";

interface Refusal {
  status: number;
  error: string;
}

const jsonOf = (error: string) => JSON.stringify({ error });

/** Limits checked on the request line and headers alone, before any route runs or any body is read. */
function refusalOf(req: IncomingMessage, limits: HttpLimits): Refusal | undefined {
  // HTTP/1.1 requires a Host header; node's own check would answer 400 without a body.
  if (req.headers.host === undefined && req.httpVersion === "1.1") return { status: 400, error: "Missing Host header" };
  // Node keeps the request target as the bytes received (anything not ASCII was refused by its parser).
  const url = req.url ?? "";
  if (url.length > limits.maxUrlBytes) return { status: 414, error: `Request URL exceeds ${limits.maxUrlBytes} bytes` };
  const query = url.indexOf("?");
  if (query !== -1 && url.length - query - 1 > limits.maxQueryBytes) {
    return { status: 414, error: `Query string exceeds ${limits.maxQueryBytes} bytes` };
  }
  const declared = req.headers["content-length"];
  if (declared !== undefined && Number(declared) > limits.maxBodyBytes) {
    return { status: 413, error: `Request body exceeds ${limits.maxBodyBytes} bytes` };
  }
  return undefined;
}

type ClientError = Error & { code?: string; reason?: string; bytesParsed?: number; rawPacket?: Buffer };

/** A parse error or timeout node reports before a request reached the app, as the answer to send. */
export function clientErrorAnswerOf(error: ClientError, limits: HttpLimits): Refusal {
  switch (error.code) {
    case "HPE_HEADER_OVERFLOW":
      return overflowInRequestLine(error)
        ? { status: 414, error: `Request URL exceeds ${limits.maxUrlBytes} bytes` }
        : { status: 431, error: `Request headers exceed ${limits.maxHeaderBytes} bytes` };
    case "HPE_CHUNK_EXTENSIONS_OVERFLOW":
      return { status: 413, error: "Chunk extensions are too large" };
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return {
        status: 408,
        error: `Request not received in time: headers are due within ${limits.headersTimeoutMs} ms and the whole request within ${limits.requestTimeoutMs} ms`,
      };
    default:
      // llhttp's reasons are fixed phrases such as "Invalid header value char"; nothing the client sent is echoed.
      return { status: 400, error: `Malformed HTTP request: ${error.reason ?? error.code ?? "unreadable"}` };
  }
}

/** True when the parser overflowed while still reading `METHOD target`, i.e. the URL alone is too long. */
function overflowInRequestLine(error: ClientError): boolean {
  if (!error.rawPacket || error.bytesParsed === undefined) return false;
  const parsed = error.rawPacket.subarray(0, error.bytesParsed).toString("latin1");
  return /^[A-Z]+ [^\r\n]*$/.test(parsed);
}

/** Closing rather than reading on: the body of a refused request may be large. */
function answerAndClose(res: ServerResponse, { status, error }: Refusal): void {
  const body = jsonOf(error);
  res
    .writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), Connection: "close" })
    .end(body);
}

function rawResponseOf({ status, error }: Refusal): string {
  const body = jsonOf(error);
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  );
}

/**
 * Answers what node's parser refused (malformed requests, oversized headers, timeouts) with a JSON
 * error, as node itself would with an empty one, then closes the connection.
 */
function onClientError(limits: HttpLimits, logger: Logger) {
  return (error: ClientError, socket: Duplex) => {
    // A response this connection already started cannot be replaced: the client would read garbage.
    const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage;
    if (error.code === "ECONNRESET" || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const answer = clientErrorAnswerOf(error, limits);
    logger.debug({ code: error.code, status: answer.status }, "client error");
    socket.end(rawResponseOf(answer), () => socket.destroy());
  };
}

/** Connections refused at the cap are logged at most once per interval, with how many there were. */
function onDrop(logger: Logger, maxConnections: number, intervalMs = 10_000) {
  let dropped = 0;
  let lastLog = 0;
  return () => {
    dropped++;
    const now = Date.now();
    if (now - lastLog < intervalMs) return;
    logger.warn({ dropped, maxConnections }, "connection limit reached; new connections are closed");
    lastLog = now;
    dropped = 0;
  };
}

/** The node HTTP server for a Hono app, with every limit of `limits` enforced and answered in JSON. */
export function limitedServerOf(app: Hono, limits: HttpLimits, logger: Logger, hostname: string): Server {
  const listener = getRequestListener(app.fetch, {
    hostname,
    // Requests node accepted but the adapter cannot turn into a URL (bad Host header, backslashes in
    // the path, a target that is not a path) would otherwise get a 400 without a body.
    errorHandler: (error) => {
      if (error instanceof RequestError) return Response.json({ error: `Bad request: ${error.message}` }, { status: 400 });
      logger.error({ err: error }, "request could not be handled");
      return Response.json({ error: "Internal server error" }, { status: 500 });
    },
  });
  const server = createServer(
    {
      maxHeaderSize: limits.maxHeaderBytes,
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: timeoutCheckIntervalOf(limits),
      requireHostHeader: false,
    },
    (req, res) => {
      const refusal = refusalOf(req, limits);
      if (refusal) answerAndClose(res, refusal);
      else void listener(req, res);
    },
  );
  server.maxConnections = limits.maxConnections;
  server.on("clientError", onClientError(limits, logger));
  server.on("drop", onDrop(logger, limits.maxConnections));
  // Node's own answer to an Expect header other than 100-continue is a 417 without a body.
  server.on("checkExpectation", (_req: IncomingMessage, res: ServerResponse) =>
    answerAndClose(res, { status: 417, error: "Only Expect: 100-continue is supported" }),
  );
  // Without a listener node drops CONNECT requests without a word.
  server.on("connect", (_req: IncomingMessage, socket: Duplex) => {
    socket.end(rawResponseOf({ status: 405, error: "CONNECT is not supported" }), () => socket.destroy());
  });
  return server;
}
