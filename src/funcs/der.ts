// Minimal ASN.1 DER encoding and reading, plus PEM armour as Go's encoding/pem writes
// it, for building X.509 certificates and key structures.

export function derNode(tag: number, content: Uint8Array): Buffer {
  const n = content.length;
  let header: number[];
  if (n < 0x80) header = [tag, n];
  else {
    const lengthBytes: number[] = [];
    for (let v = n; v > 0; v = Math.floor(v / 256)) lengthBytes.unshift(v & 0xff);
    header = [tag, 0x80 | lengthBytes.length, ...lengthBytes];
  }
  return Buffer.concat([Buffer.from(header), content]);
}

export const derSequence = (...items: Uint8Array[]) => derNode(0x30, Buffer.concat(items));
export const derSet = (...items: Uint8Array[]) => derNode(0x31, Buffer.concat(items));
export const derOctets = (bytes: Uint8Array) => derNode(0x04, bytes);
export const derNull = () => Buffer.from([0x05, 0x00]);
export const derBoolean = (v: boolean) => Buffer.from([0x01, 0x01, v ? 0xff : 0x00]);
/** Context-specific explicit (constructed) tag [n]. */
export const derExplicit = (n: number, inner: Uint8Array) => derNode(0xa0 | n, inner);

/** A BIT STRING with the given count of unused trailing bits. */
export function derBitString(bytes: Uint8Array, unusedBits = 0): Buffer {
  return derNode(0x03, Buffer.concat([Buffer.from([unusedBits]), bytes]));
}

/** Minimal INTEGER encoding of a non-negative value (serials, key parameters). */
export function derInteger(value: bigint): Buffer {
  if (value < 0n) throw new Error('derInteger: negative values are not used here');
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  const bytes = Buffer.from(hex, 'hex');
  return derNode(0x02, bytes[0] & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

export function derOid(oid: string): Buffer {
  const parts = oid.split('.').map(Number);
  const bytes = [parts[0] * 40 + parts[1]];
  for (const part of parts.slice(2)) {
    const chunk = [part & 0x7f];
    for (let v = Math.floor(part / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return derNode(0x06, Buffer.from(bytes));
}

/** UTCTime for 1950-2049, GeneralizedTime otherwise, as Go's x509 chooses. */
export function derTime(date: Date): Buffer {
  const year = date.getUTCFullYear();
  const two = (n: number) => String(n).padStart(2, '0');
  const rest = two(date.getUTCMonth() + 1) + two(date.getUTCDate()) + two(date.getUTCHours()) +
    two(date.getUTCMinutes()) + two(date.getUTCSeconds()) + 'Z';
  if (year >= 1950 && year < 2050) return derNode(0x17, Buffer.from(two(year % 100) + rest, 'latin1'));
  return derNode(0x18, Buffer.from(String(year).padStart(4, '0') + rest, 'latin1'));
}

export interface DerElement {
  tag: number;
  /** The whole element, header included. */
  raw: Buffer;
  content: Buffer;
}

/** Reads one element at `offset`; throws on truncated input. */
export function readDer(buf: Buffer, offset = 0): DerElement {
  if (offset + 2 > buf.length) throw new Error('asn1: truncated element');
  const tag = buf[offset];
  let length = buf[offset + 1];
  let headerLength = 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || offset + 2 + count > buf.length) throw new Error('asn1: bad length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buf[offset + 2 + i];
    headerLength += count;
  }
  const end = offset + headerLength + length;
  if (end > buf.length) throw new Error('asn1: truncated element');
  return { tag, raw: buf.subarray(offset, end), content: buf.subarray(offset + headerLength, end) };
}

/** The child elements of a constructed element. */
export function derChildren(el: DerElement): DerElement[] {
  const out: DerElement[] = [];
  for (let at = 0; at < el.content.length;) {
    const child = readDer(el.content, at);
    out.push(child);
    at += child.raw.length;
  }
  return out;
}

export function derToBigInt(el: DerElement): bigint {
  if (el.tag !== 0x02 || el.content.length === 0) throw new Error('asn1: expected INTEGER');
  let v = BigInt(`0x${el.content.toString('hex')}`);
  if (el.content[0] & 0x80) v -= 1n << BigInt(el.content.length * 8);
  return v;
}

/** pem.EncodeToMemory: base64 in 64-column lines between BEGIN/END lines. */
export function pemEncode(type: string, der: Uint8Array): string {
  const lines = Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${type}-----\n${lines.map((l) => `${l}\n`).join('')}-----END ${type}-----\n`;
}

/** The first PEM block in text (pem.Decode), or undefined when there is none. */
export function pemDecode(text: string): { type: string; bytes: Buffer } | undefined {
  const m = /-----BEGIN ([^\n-]*)-----\r?\n([\s\S]*?)-----END \1-----/.exec(text);
  if (!m) return undefined;
  const body = m[2].split(/\r?\n/).filter((l) => !l.includes(':')).join('');
  if (!/^[A-Za-z0-9+/=\s]*$/.test(body)) return undefined;
  return { type: m[1], bytes: Buffer.from(body, 'base64') };
}
