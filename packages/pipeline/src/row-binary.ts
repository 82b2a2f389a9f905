/**
 * A growing buffer of ClickHouse RowBinary values (https://clickhouse.com/docs/interfaces/formats/RowBinary):
 * little-endian numbers, LEB128-prefixed strings. RowBinary costs the server a fraction of the CPU that
 * parsing JSONEachRow does, and the client no JSON.stringify; @clickhouse/client does not encode it.
 */
export class RowBinaryWriter {
  private buffer: Buffer;
  private offset = 0;

  constructor(initialBytes = 64 * 1024) {
    this.buffer = Buffer.allocUnsafe(initialBytes);
  }

  /** The bytes written so far (a view, not a copy). */
  bytes(): Buffer {
    return this.buffer.subarray(0, this.offset);
  }

  /** How many bytes were written: a mark to go back to with truncate. */
  get length(): number {
    return this.offset;
  }

  /** Forgets what was written after `length` bytes (a row that could not be written whole). */
  truncate(length: number): void {
    if (length < 0 || length > this.offset) throw new RangeError(`cannot truncate ${this.offset} bytes to ${length}`);
    this.offset = length;
  }

  private reserve(bytes: number): void {
    if (this.offset + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.offset + bytes));
    this.buffer.copy(grown, 0, 0, this.offset);
    this.buffer = grown;
  }

  uint8(value: number): void {
    this.reserve(1);
    this.buffer[this.offset++] = value;
  }

  /** Enum8 is written as its Int8 value. */
  int8(value: number): void {
    this.reserve(1);
    this.buffer.writeInt8(value, this.offset);
    this.offset += 1;
  }

  uint32(value: number): void {
    if (!(value >= 0 && value <= 0xffffffff && Number.isInteger(value))) throw new RangeError(`not a UInt32: ${value}`);
    this.reserve(4);
    this.writeUint32At(value, this.offset);
    this.offset += 4;
  }

  private writeUint32At(value: number, at: number): void {
    const b = this.buffer;
    b[at] = value;
    b[at + 1] = value >>> 8;
    b[at + 2] = value >>> 16;
    b[at + 3] = value >>> 24;
  }

  /** UInt64 from a decimal string (values above 2^53 stay exact). */
  uint64(decimal: string): void {
    this.reserve(8);
    // Up to 15 digits is below 2^53: plain numbers, no BigInt.
    if (decimal.length <= 15 && /^\d+$/.test(decimal)) {
      const n = Number(decimal);
      this.writeUint32At(n % 0x1_0000_0000, this.offset);
      this.writeUint32At(Math.floor(n / 0x1_0000_0000), this.offset + 4);
    } else {
      this.buffer.writeBigUInt64LE(BigInt(decimal), this.offset);
    }
    this.offset += 8;
  }

  float64(value: number): void {
    this.reserve(8);
    this.buffer.writeDoubleLE(value, this.offset);
    this.offset += 8;
  }

  /** DateTime64(3) from epoch milliseconds: an Int64 count of milliseconds. */
  dateTime64ms(ms: number): void {
    if (!Number.isSafeInteger(ms)) throw new RangeError(`not a whole number of milliseconds: ${ms}`);
    this.reserve(8);
    if (ms >= 0) {
      // Two 32-bit halves: several times cheaper than going through a BigInt.
      this.writeUint32At(ms % 0x1_0000_0000, this.offset);
      this.writeUint32At(Math.floor(ms / 0x1_0000_0000), this.offset + 4);
    } else {
      this.buffer.writeBigInt64LE(BigInt(ms), this.offset);
    }
    this.offset += 8;
  }

  /** LEB128 length, then the UTF-8 bytes. */
  string(value: string): void {
    const length = value.length;
    // UTF-8 takes at most 3 bytes per UTF-16 unit; the prefix at most 5 bytes.
    this.reserve(5 + 3 * length);
    const b = this.buffer;
    const start = this.offset + 1;
    if (length <= SHORT) {
      // Short ASCII, the common case, byte by byte: cheaper than any call into the Buffer API.
      let i = 0;
      for (; i < length; i++) {
        const code = value.charCodeAt(i);
        if (code >= 0x80) break;
        b[start + i] = code;
      }
      if (i === length) {
        b[this.offset] = length;
        this.offset = start + length;
        return;
      }
    }
    // Otherwise behind a one-byte prefix, moved along when the length needs more.
    const written = utf8Write.call(b, value, start);
    const prefix = varintLength(written);
    if (prefix > 1) b.copyWithin(this.offset + prefix, start, start + written);
    this.writeVarint(written);
    this.offset += written;
  }

  /**
   * UUID: ClickHouse keeps it as two UInt64 halves, each written little-endian, so the bytes of each
   * half come reversed relative to the text form.
   */
  uuid(text: string): void {
    if (text.length !== 36) throw new RangeError(`not a UUID: ${text}`);
    this.reserve(16);
    const b = this.buffer;
    const o = this.offset;
    let nibble = 0;
    for (let i = 0; i < 36; i++) {
      if (i === 8 || i === 13 || i === 18 || i === 23) {
        if (text.charCodeAt(i) !== 45 /* - */) throw new RangeError(`not a UUID: ${text}`);
        continue;
      }
      const value = hexValue(text.charCodeAt(i));
      if (value < 0) throw new RangeError(`not a UUID: ${text}`);
      const byte = nibble >> 1; // 0..15 in text order
      const at = o + (byte < 8 ? 7 - byte : 23 - byte);
      b[at] = nibble & 1 ? b[at]! | value : value << 4;
      nibble++;
    }
    this.offset += 16;
  }

  /** Map(String, String): the number of pairs, then each key and value. */
  stringMap(entries: Record<string, string>): void {
    const keys = Object.keys(entries);
    this.writeVarint(keys.length);
    for (const key of keys) {
      this.string(key);
      this.string(entries[key]!);
    }
  }

  private writeVarint(value: number): void {
    this.reserve(5);
    let v = value;
    while (v >= 0x80) {
      this.buffer[this.offset++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buffer[this.offset++] = v;
  }
}

/** Up to this many UTF-16 units a JS loop beats the native copy; beyond it, per character, it is slower (measured). */
const SHORT = 16;

type Utf8Write = (this: Buffer, text: string, offset: number) => number;
// Buffer#write's argument handling costs more than the copy of a short string; utf8Write is the native
// method behind it (not documented, present in every Node version); Buffer#write stands in without it.
const utf8Write: Utf8Write =
  (Buffer.prototype as unknown as { utf8Write?: Utf8Write }).utf8Write ??
  function (this: Buffer, text: string, offset: number) {
    return this.write(text, offset, "utf8");
  };

function varintLength(value: number): number {
  return value < 0x80 ? 1 : value < 0x4000 ? 2 : value < 0x200000 ? 3 : value < 0x10000000 ? 4 : 5;
}

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return -1;
}
