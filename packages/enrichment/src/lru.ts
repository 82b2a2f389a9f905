/**
 * A cache bounded to `capacity` entries that forgets what has not been used for a while.
 *
 * Two generations instead of a strict LRU: a Map used as an LRU (delete and re-insert on every hit, evict the
 * first key) leaves deleted slots at the front of V8's table that every eviction has to skip, which made a
 * cache miss cost several microseconds. Here a hit is one Map lookup and eviction drops a whole generation:
 * entries used within the last two generations survive.
 */
export class BoundedCache<K, V> {
  readonly #generationSize: number;
  #current = new Map<K, V>();
  #previous = new Map<K, V>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 2) throw new RangeError("capacity must be an integer of at least 2");
    this.#generationSize = Math.floor(capacity / 2);
  }

  /** Entries held; a promoted entry may briefly count twice, so this never exceeds `capacity`. */
  get size(): number {
    return this.#current.size + this.#previous.size;
  }

  get(key: K): V | undefined {
    const value = this.#current.get(key);
    if (value !== undefined) return value;
    const old = this.#previous.get(key);
    if (old !== undefined) this.#store(key, old);
    return old;
  }

  set(key: K, value: V): void {
    if (this.#current.has(key)) this.#current.set(key, value);
    else {
      this.#previous.delete(key);
      this.#store(key, value);
    }
  }

  #store(key: K, value: V): void {
    if (this.#current.size >= this.#generationSize) {
      this.#previous = this.#current;
      this.#current = new Map();
    }
    this.#current.set(key, value);
  }
}
