import { crc32, inflateRawSync } from "node:zlib";

export interface UnzippedEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  data: string;
}

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`not a valid zip: ${what}`);
}

/**
 * Reads a zip (without ZIP64 or a trailing comment) through its central directory, checking every
 * entry's local header, size and CRC-32 on the way: independent of zipOf, for the tests.
 */
export function unzipped(zip: Buffer): UnzippedEntry[] {
  const end = zip.length - 22;
  check(end >= 0 && zip.readUInt32LE(end) === 0x06054b50, "end of central directory");
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  check(at + zip.readUInt32LE(end + 12) === end, "central directory bounds");
  const out: UnzippedEntry[] = [];
  for (let i = 0; i < count; i++) {
    check(zip.readUInt32LE(at) === 0x02014b50, `central header ${i}`);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    check(zip.readUInt32LE(local) === 0x04034b50, `local header of ${name}`);
    check(zip.toString("utf8", local + 30, local + 30 + nameLength) === name, `local name of ${name}`);
    const start = local + 30 + nameLength + zip.readUInt16LE(local + 28);
    const body = zip.subarray(start, start + compressed);
    const data = method === 8 ? inflateRawSync(body) : body;
    check(data.length === size, `size of ${name}`);
    check(crc32(data) === crc, `CRC-32 of ${name}`);
    out.push({ name, method, data: data.toString("utf8") });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return out;
}
