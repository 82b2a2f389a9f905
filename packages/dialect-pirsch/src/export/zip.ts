import { crc32, deflateRawSync } from "node:zlib";

export interface ZipEntry {
  /** Path inside the archive, "/"-separated; stored as UTF-8. */
  name: string;
  data: Uint8Array | string;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const VERSION = 20;
// Made by Unix (3) to APPNOTE 2.0: readers then take names as given instead of converting them from
// an MS-DOS code page, and the external attributes carry the Unix mode of the extracted files.
const MADE_BY_UNIX = (3 << 8) | VERSION;
const REGULAR_FILE_RW_R_R = (0o100644 << 16) >>> 0;
const UTF8_NAMES = 0x0800;
const STORED = 0;
const DEFLATED = 8;
// Without the ZIP64 extension, sizes and offsets are 32 bits and the entry count 16.
const MAX_SIZE = 0xffffffff;
const MAX_ENTRIES = 0xffff;

/** MS-DOS time and date fields (two-second resolution, years 1980-2107), from the UTC clock. */
function dosTimeOf(date: Date): { time: number; date: number } {
  const year = Math.min(Math.max(date.getUTCFullYear(), 1980), 2107);
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

/**
 * A ZIP archive (PKWARE APPNOTE 6.3) of the entries: each deflated, or stored when deflating does
 * not make it smaller, with its CRC-32, then the central directory. Small archives only (no ZIP64):
 * anything past 4 GiB or 65535 entries throws.
 */
export function zipOf(entries: readonly ZipEntry[], modified: Date = new Date()): Buffer {
  if (entries.length > MAX_ENTRIES) throw new Error(`a zip holds at most ${MAX_ENTRIES} entries without ZIP64`);
  const stamp = dosTimeOf(modified);
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const data = typeof entry.data === "string" ? Buffer.from(entry.data, "utf8") : Buffer.from(entry.data);
    const deflated = deflateRawSync(data);
    const method = deflated.length < data.length ? DEFLATED : STORED;
    const body = method === DEFLATED ? deflated : data;
    if (data.length > MAX_SIZE || offset + 30 + name.length + body.length > MAX_SIZE) throw new Error("a zip without ZIP64 holds at most 4 GiB");
    const crc = crc32(data);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(stamp.time, 10);
    local.writeUInt16LE(stamp.date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    parts.push(local, name, body);

    const header = Buffer.alloc(46);
    header.writeUInt32LE(CENTRAL_HEADER, 0);
    header.writeUInt16LE(MADE_BY_UNIX, 4);
    header.writeUInt16LE(VERSION, 6);
    header.writeUInt16LE(UTF8_NAMES, 8);
    header.writeUInt16LE(method, 10);
    header.writeUInt16LE(stamp.time, 12);
    header.writeUInt16LE(stamp.date, 14);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(body.length, 20);
    header.writeUInt32LE(data.length, 24);
    header.writeUInt16LE(name.length, 28);
    // Extra field, comment, disk number, internal attributes: none.
    header.writeUInt32LE(REGULAR_FILE_RW_R_R, 38);
    header.writeUInt32LE(offset, 42);
    central.push(header, name);

    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(central);
  if (offset + directory.length > MAX_SIZE) throw new Error("a zip without ZIP64 holds at most 4 GiB");
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}
