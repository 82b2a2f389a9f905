import { isIP } from "node:net";

/**
 * The visitor's address: from the first trusted proxy header that holds a valid IP (its left-most
 * entry is the original client), else from the socket. Untrusted headers are ignored, or anyone
 * could forge their location and visitor identity.
 */
export function clientIpOf(headers: Headers, socketIp: string | undefined, trustedHeaders: string[]): string | undefined {
  for (const name of trustedHeaders) {
    const value = headers.get(name);
    if (!value) continue;
    const first = value.split(",")[0]!.trim().replace(/^\[|\]$/g, "");
    if (isIP(first)) return first;
  }
  if (!socketIp) return undefined;
  // IPv4 clients of a dual-stack socket appear as ::ffff:1.2.3.4.
  return socketIp.startsWith("::ffff:") && isIP(socketIp.slice(7)) === 4 ? socketIp.slice(7) : socketIp;
}
