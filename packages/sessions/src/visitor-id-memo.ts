import { visitorIdOf } from "./visitor-id.js";

type Ids = Map<string, Map<string, Map<string, Map<string, string>>>>;

/**
 * Visitor ids hashed once per (day, site, ip, user agent) and remembered across batches: a visitor's
 * hits share all four, over minutes. Nested maps, because concatenating a long user agent into one
 * memo key per hit cost more than it saved. Bounded by two generations of `capacity / 2` ids each
 * (ids used within the last generation survive), so memory stays fixed; the addresses stay in this
 * process only, as they do while a batch is processed.
 */
export class VisitorIdMemo {
  private current: Ids = new Map();
  private previous: Ids = new Map();
  private size = 0;
  private readonly generationSize: number;

  constructor(capacity = 100_000) {
    this.generationSize = Math.max(1, Math.floor(capacity / 2));
  }

  idFor(day: string, salt: Buffer, siteId: string, ip: string, userAgent: string): string {
    let id = lookup(this.current, day, siteId, ip, userAgent);
    if (id !== undefined) return id;
    id = lookup(this.previous, day, siteId, ip, userAgent) ?? visitorIdOf(salt, siteId, ip, userAgent);
    if (this.size >= this.generationSize) {
      this.previous = this.current;
      this.current = new Map();
      this.size = 0;
    }
    inner(inner(inner(this.current, day), siteId), ip).set(userAgent, id);
    this.size++;
    return id;
  }
}

function lookup(ids: Ids, day: string, siteId: string, ip: string, userAgent: string): string | undefined {
  return ids.get(day)?.get(siteId)?.get(ip)?.get(userAgent);
}

function inner<V>(map: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let found = map.get(key);
  if (!found) {
    found = new Map();
    map.set(key, found);
  }
  return found;
}
