import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

/** Where a webhook must not point: loopback, private, link-local (cloud metadata), shared and special ranges. */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  PRIVATE.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  PRIVATE.addSubnet(network, prefix, "ipv6");
}

const isPrivate = (address: string) => PRIVATE.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");

/**
 * Why the URL's host must not be called, or undefined when it may. Webhook URLs are chosen by API
 * users, so without this check a delivery could reach services inside the platform's network.
 * The name is resolved here and again by fetch, so a DNS answer that changes in between (rebinding)
 * is not caught; a proxy that enforces egress rules closes that gap.
 */
export async function forbiddenTargetOf(url: URL): Promise<string | undefined> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((found) => found.address);
  } catch {
    return `cannot resolve ${host}`;
  }
  const inside = addresses.find(isPrivate);
  return inside === undefined ? undefined : `${host} resolves to a private address (${inside})`;
}
