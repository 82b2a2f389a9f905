import { BlockList, isIP } from "node:net";
import type { TrafficFilterType } from "./schemas.js";

export interface TrafficFilterRule {
  type: TrafficFilterType;
  filter: string;
}

/** What a hit is checked against; a missing trait never matches. */
export interface HitTraits {
  ip?: string;
  /** The URL path, without query or fragment. */
  path?: string;
  userAgent?: string;
}

type Family = "ipv4" | "ipv6";

const familyOf = (address: string): Family | undefined => {
  const version = isIP(address);
  return version === 4 ? "ipv4" : version === 6 ? "ipv6" : undefined;
};

export function parseIp(text: string): { address: string; family: Family } | undefined {
  const address = text.trim();
  const family = familyOf(address);
  return family ? { address, family } : undefined;
}

/** "10.0.0.0/8" or "2001:db8::/32"; host bits may be set ("10.1.2.3/8" means the same range). */
export function parseCidr(text: string): { network: string; prefix: number; family: Family } | undefined {
  const match = /^([^/\s]+)\/(\d{1,3})$/.exec(text.trim());
  if (!match) return undefined;
  const network = match[1]!;
  const prefix = Number(match[2]);
  const family = familyOf(network);
  if (!family || prefix > (family === "ipv4" ? 32 : 128)) return undefined;
  return { network, prefix, family };
}

/** Compiles the pattern as a JavaScript regular expression, or undefined when it does not compile. */
export function parsePathPattern(text: string): RegExp | undefined {
  try {
    return new RegExp(text);
  } catch {
    return undefined;
  }
}

/**
 * Builds one matcher for a site's filters, so per-hit work is a BlockList lookup plus a few
 * regex tests. node:net's BlockList also matches IPv4-mapped IPv6 clients ("::ffff:1.2.3.4")
 * against IPv4 rules and compares IPv6 by value, not spelling. Rules that do not parse are
 * skipped: they were validated on write, and one bad row must not stop the others.
 */
export function compileTrafficFilters(rules: readonly TrafficFilterRule[]): (hit: HitTraits) => boolean {
  const addresses = new BlockList();
  let hasAddresses = false;
  const paths: RegExp[] = [];
  const agents: string[] = [];
  for (const rule of rules) {
    if (rule.type === "ip") {
      const ip = parseIp(rule.filter);
      if (ip) {
        addresses.addAddress(ip.address, ip.family);
        hasAddresses = true;
      }
    } else if (rule.type === "cidr") {
      const cidr = parseCidr(rule.filter);
      if (cidr) {
        addresses.addSubnet(cidr.network, cidr.prefix, cidr.family);
        hasAddresses = true;
      }
    } else if (rule.type === "path") {
      const pattern = parsePathPattern(rule.filter);
      if (pattern) paths.push(pattern);
    } else if (rule.filter.trim() !== "") {
      agents.push(rule.filter.toLowerCase());
    }
  }
  if (!hasAddresses && paths.length === 0 && agents.length === 0) return () => false;

  return (hit) => {
    if (hasAddresses && hit.ip) {
      const ip = parseIp(hit.ip);
      if (ip && addresses.check(ip.address, ip.family)) return true;
    }
    if (hit.path !== undefined && paths.some((pattern) => pattern.test(hit.path!))) return true;
    if (hit.userAgent) {
      const agent = hit.userAgent.toLowerCase();
      if (agents.some((needle) => agent.includes(needle))) return true;
    }
    return false;
  };
}
