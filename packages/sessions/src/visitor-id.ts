import { createHmac } from "node:crypto";

/**
 * A visitor id that cannot be reversed to the IP and changes with the daily salt.
 * Each field is length-prefixed so ("a","bc") and ("ab","c") never hash alike.
 * The first 8 bytes of the HMAC as an unsigned decimal fit ClickHouse's UInt64.
 */
export function visitorIdOf(salt: Buffer, siteId: string, ip: string, userAgent: string): string {
  const hmac = createHmac("sha256", salt);
  for (const field of [siteId, ip, userAgent]) {
    const bytes = Buffer.from(field, "utf8");
    const length = Buffer.allocUnsafe(4);
    length.writeUInt32BE(bytes.length);
    hmac.update(length);
    hmac.update(bytes);
  }
  return hmac.digest().readBigUInt64BE(0).toString();
}
