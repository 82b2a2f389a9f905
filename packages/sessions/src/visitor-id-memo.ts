import { visitorIdOf } from "./visitor-id.js";

/**
 * Visitor ids for one batch, each hashed once per (day, site, ip, user agent): a visitor's hits
 * mostly share all four. Nested maps, because concatenating a long user agent into one memo key
 * per hit cost more than it saved.
 */
export class VisitorIdMemo {
  private readonly ids = new Map<string, Map<string, Map<string, Map<string, string>>>>();

  constructor(private readonly salts: ReadonlyMap<string, Buffer>) {}

  idFor(day: string, siteId: string, ip: string, userAgent: string): string {
    const bySite = getOrCreate(this.ids, day);
    const byIp = getOrCreate(bySite, siteId);
    const byUserAgent = getOrCreate(byIp, ip);
    let id = byUserAgent.get(userAgent);
    if (id === undefined) {
      const salt = this.salts.get(day);
      if (!salt) throw new Error(`no salt loaded for ${day}`);
      id = visitorIdOf(salt, siteId, ip, userAgent);
      byUserAgent.set(userAgent, id);
    }
    return id;
  }
}

function getOrCreate<V>(map: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let inner = map.get(key);
  if (!inner) {
    inner = new Map();
    map.set(key, inner);
  }
  return inner;
}
