import { createRequire } from "node:module";
import { isIP } from "node:net";
import { BoundedCache } from "./lru.js";

export interface Geo {
  /** ISO 3166-1 alpha-2, e.g. "GB". */
  countryCode: string;
  /** The subdivision part of ISO 3166-2 as geoip-lite has it, e.g. "ENG" (for GB-ENG). */
  region: string;
  city: string;
}

// Only what we read: @types/geoip-lite is not installed.
interface GeoipLite {
  lookup(ip: string): { country: string; region: string; city: string } | null;
}

// geoip-lite reads ~150 MB of data synchronously when first required (about half a second):
// load it on the first lookup, so that importing this package stays cheap for code that never asks.
let geoip: GeoipLite | undefined;
function geoipLite(): GeoipLite {
  geoip ??= createRequire(import.meta.url)("geoip-lite") as GeoipLite;
  return geoip;
}

// A lookup is a binary search through geoip-lite's tables (several µs); a visitor's hits repeat the address.
const cache = new BoundedCache<string, Geo>(20_000);

/**
 * Country, region and city of a public IP address; empty strings for private, reserved or invalid ones.
 * The result is shared between callers (frozen).
 */
export function geoOf(ip: string | undefined): Geo {
  const address = (ip ?? "").trim();
  let geo = cache.get(address);
  if (geo === undefined) {
    geo = Object.freeze(lookup(address));
    cache.set(address, geo);
  }
  return geo;
}

function lookup(address: string): Geo {
  const version = isIP(address);
  const found = version !== 0 && isPublic(address, version) ? geoipLite().lookup(address) : null;
  if (found === null) return { countryCode: "", region: "", city: "" };
  return { countryCode: found.country ?? "", region: found.region ?? "", city: found.city ?? "" };
}

function isPublic(address: string, version: number): boolean {
  if (version === 4) return isPublicV4(address);
  const lower = address.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower)?.[1];
  if (mapped !== undefined) return isPublicV4(mapped);
  return !(
    lower === "::" ||
    lower === "::1" ||
    /^f[cd]/.test(lower) || // fc00::/7 unique local
    /^fe[89ab]/.test(lower) || // fe80::/10 link-local
    lower.startsWith("ff") || // multicast
    lower.startsWith("2001:db8:") // documentation
  );
}

function isPublicV4(address: string): boolean {
  // Called on every hit: slicing three octets is several times cheaper than split(".").map(Number).
  const first = address.indexOf(".");
  const second = address.indexOf(".", first + 1);
  const third = address.indexOf(".", second + 1);
  const a = Number(address.slice(0, first));
  const b = Number(address.slice(first + 1, second));
  const c = Number(address.slice(second + 1, third));
  return !(
    a === 0 || // "this network"
    a === 10 ||
    a === 127 ||
    a >= 224 || // multicast and reserved
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && (c === 0 || c === 2)) || // IETF protocol assignments, TEST-NET-1
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    (a === 198 && b === 51 && c === 100) || // TEST-NET-2
    (a === 203 && b === 0 && c === 113) // TEST-NET-3
  );
}
