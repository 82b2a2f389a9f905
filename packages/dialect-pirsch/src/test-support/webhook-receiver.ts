import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedRequest[];
  /** The statuses to answer, in order; after the list runs out, the last one is repeated. */
  answer: (...statuses: number[]) => void;
  close: () => Promise<void>;
}

/** A real HTTP server on 127.0.0.1 that records what webhooks deliver and answers as told. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedRequest[] = [];
  let statuses = [200];
  let next = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      received.push({ method: request.method ?? "", path: request.url ?? "", headers: request.headers, body: text ? JSON.parse(text) : null });
      const status = statuses[Math.min(next++, statuses.length - 1)] ?? 200;
      response.writeHead(status, { "Content-Type": "text/plain" }).end(String(status));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    answer: (...list) => {
      statuses = list.length > 0 ? list : [200];
      next = 0;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
