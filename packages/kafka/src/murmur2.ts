/**
 * Kafka's murmur2 (the Java client's Utils.murmur2, which kafkajs's default partitioner copies) in
 * 32-bit integer arithmetic; kafkajs's own goes through a 64-bit Long emulation at several µs a key.
 */
export function murmur2(data: Uint8Array): number {
  const m = 0x5bd1e995;
  const length = data.length;
  let h = 0x9747b28c ^ length;
  const length4 = length & ~3;
  for (let i = 0; i < length4; i += 4) {
    let k = data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24);
    k = Math.imul(k, m);
    k ^= k >>> 24;
    k = Math.imul(k, m);
    h = Math.imul(h, m) ^ k;
  }
  switch (length & 3) {
    // biome-ignore lint/suspicious/noFallthroughSwitchClause: the tail bytes fold in one after another, as in Kafka's
    case 3:
      h ^= data[length4 + 2]! << 16;
    // biome-ignore lint/suspicious/noFallthroughSwitchClause: as above
    case 2:
      h ^= data[length4 + 1]! << 8;
    case 1:
      h ^= data[length4]!;
      h = Math.imul(h, m);
  }
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h | 0;
}

/** The partition Kafka's default partitioner picks for a message key. */
export function partitionOfKey(key: string | Buffer, partitions: number): number {
  return (murmur2(typeof key === "string" ? Buffer.from(key, "utf8") : key) & 0x7fffffff) % partitions;
}
