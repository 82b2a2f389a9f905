import { isIP } from "node:net";
import type { Context } from "hono";

/**
 * The caller's IP address: the left-most entry of the first trusted proxy header that holds one,
 * else the socket's (Node's server puts the request in c.env.incoming). Headers are trusted only
 * when named: anyone can send them. Undefined when neither is known (e.g. in-process requests).
 */
export function clientAddressOf(c: Context, trustedHeaders: readonly string[] = []): string | undefined {
  for (const name of trustedHeaders) {
    const first = c.req.header(name)?.split(",")[0]?.trim().replace(/^\[|\]$/g, "");
    if (first && isIP(first)) return first;
  }
  const socket = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;
  if (!socket) return undefined;
  // IPv4 clients of a dual-stack socket appear as ::ffff:1.2.3.4.
  return socket.startsWith("::ffff:") && isIP(socket.slice(7)) === 4 ? socket.slice(7) : socket;
}
