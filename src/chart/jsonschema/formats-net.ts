// Network formats (ipv4, ipv6, hostname, email, uri family) with the reasons
// santhosh-tekuri/jsonschema gives when a string does not conform.
import { goQuote, goQuoteRune } from '../../gofmt/strconv.ts';
import { hostname as urlHostname, parseUrl, type GoUrl } from '../../funcs/url-parse.ts';

/** A failed check's reason, as the text after "is not valid FORMAT: ". */
export type FormatCheck = (s: string) => string | undefined;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** strconv.Atoi's result or its error text. */
function atoi(s: string): number | string {
  if (!/^[+-]?\d+$/.test(s)) return `strconv.Atoi: parsing ${goQuote(s)}: invalid syntax`;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : `strconv.Atoi: parsing ${goQuote(s)}: value out of range`;
}

export const ipv4: FormatCheck = (s) => {
  const groups = s.split('.');
  if (groups.length !== 4) return 'expected four decimals';
  for (const group of groups) {
    if (group.length > 1 && group[0] === '0') return 'leading zeros';
    const n = atoi(group);
    if (typeof n === 'string') return n;
    if (n < 0 || n > 255) return 'decimal must be between 0 and 255';
  }
  return undefined;
};

/** netip.ParseAddr's error for a string, or undefined when it parses; `zone` reports a zone. */
function parseAddr(s: string): { error?: string; zone?: string } {
  const fail = (msg: string, at?: string) => ({ error: `ParseAddr(${goQuote(s)}): ${msg}${at === undefined ? '' : ` (at ${goQuote(at)})`}` });
  for (const ch of s) {
    if (ch === '.') {
      const err = ipv4Fields(s, s, fail);
      return err ?? {};
    }
    if (ch === ':') return parseIPv6(s, fail);
    if (ch === '%') return fail('missing IPv6 address');
  }
  return fail('unable to parse IP');
}

type Fail = (msg: string, at?: string) => { error: string };

function ipv4Fields(_in: string, s: string, fail: Fail): { error: string } | undefined {
  let val = 0;
  let pos = 0;
  let digits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c >= '0' && c <= '9') {
      if (digits === 1 && val === 0) return fail('IPv4 field has octet with leading zero');
      val = val * 10 + Number(c);
      digits++;
      if (val > 255) return fail('IPv4 field has value >255');
    } else if (c === '.') {
      if (i === 0 || i === s.length - 1 || s[i - 1] === '.') return fail('IPv4 field must have at least one digit', s.slice(i));
      if (pos === 3) return fail('IPv4 address too long');
      pos++;
      val = 0;
      digits = 0;
    } else return fail('unexpected character', s.slice(i));
  }
  return pos < 3 ? fail('IPv4 address too short') : undefined;
}

function parseIPv6(input: string, fail: Fail): { error?: string; zone?: string } {
  let s = input;
  let zone: string | undefined;
  const pct = s.indexOf('%');
  if (pct !== -1) {
    zone = s.slice(pct + 1);
    s = s.slice(0, pct);
    if (zone === '') return fail('zone must be a non-empty string');
  }
  let ellipsis = -1;
  if (s.startsWith('::')) {
    ellipsis = 0;
    s = s.slice(2);
    if (s === '') return { zone };
  }
  let i = 0;
  while (i < 16) {
    let off = 0;
    let acc = 0;
    for (; off < s.length; off++) {
      const d = parseInt(s[off], 16);
      if (Number.isNaN(d) || !/[0-9a-fA-F]/.test(s[off])) break;
      acc = acc * 16 + d;
      if (off > 3) return fail('each group must have 4 or less digits', s);
      if (acc > 0xffff) return fail('IPv6 field has value >=2^16', s);
    }
    if (off === 0) return fail('each colon-separated field must have at least one digit', s);
    if (off < s.length && s[off] === '.') {
      if (ellipsis < 0 && i !== 12) return fail('embedded IPv4 address must replace the final 2 fields of the address', s);
      if (i + 4 > 16) return fail('too many hex fields to fit an embedded IPv4 at the end of the address', s);
      const err = ipv4Fields(input, s, fail);
      if (err) return err;
      s = '';
      i += 4;
      break;
    }
    i += 2;
    s = s.slice(off);
    if (s === '') break;
    if (s[0] !== ':') return fail('unexpected character, want colon', s);
    if (s.length === 1) return fail('colon must be followed by more characters', s);
    s = s.slice(1);
    if (s[0] === ':') {
      if (ellipsis >= 0) return fail('multiple :: in address', s);
      ellipsis = i;
      s = s.slice(1);
      if (s === '') break;
    }
  }
  if (s !== '') return fail('trailing garbage after address', s);
  if (i < 16) {
    if (ellipsis < 0) return fail('address string too short');
  } else if (ellipsis >= 0) return fail('the :: must expand to at least one field of zeros');
  return { zone };
}

export const ipv6: FormatCheck = (s) => {
  if (!s.includes(':')) return 'missing colon';
  const { error, zone } = parseAddr(s);
  if (error !== undefined) return error;
  return zone !== undefined && zone !== '' ? 'zone id is not a part of ipv6 address' : undefined;
};

export const hostname: FormatCheck = (input) => {
  const s = input.endsWith('.') ? input.slice(0, -1) : input;
  if (bytes(s) > 253) return 'more than 253 characters long';
  for (const label of s.split('.')) {
    const n = bytes(label);
    if (n < 1 || n > 63) return 'label must be 1 to 63 characters long';
    if (label.startsWith('-')) return 'label starts with hyphen';
    if (label.endsWith('-')) return 'label ends with hyphen';
    for (const ch of label) if (!/[a-zA-Z0-9-]/.test(ch)) return `invalid character ${goQuoteRune(ch.codePointAt(0)!)}`;
  }
  return undefined;
};

export const email: FormatCheck = (s) => {
  if (bytes(s) > 254) return 'more than 255 characters long';
  const at = s.lastIndexOf('@');
  if (at === -1) return 'missing @';
  const local = s.slice(0, at);
  let domain = s.slice(at + 1);
  if (bytes(local) > 64) return 'local part more than 64 characters long';
  if (local.length > 1 && local.startsWith('"')) {
    const inner = local.slice(1, -1);
    if (inner.includes('\\') || inner.includes('"')) return 'backslash and quote are not allowed within quoted local part';
  } else {
    if (local.startsWith('.')) return 'starts with dot';
    if (local.endsWith('.')) return 'ends with dot';
    if (local.includes('..')) return 'consecutive dots';
    for (const ch of local) {
      if (!/[a-zA-Z0-9]/.test(ch) && !".!#$%&'*+-/=?^_`{|}~".includes(ch)) return `invalid character ${goQuoteRune(ch.codePointAt(0)!)}`;
    }
  }
  if (domain.startsWith('[') && domain.endsWith(']')) {
    domain = domain.slice(1, -1);
    if (domain.startsWith('IPv6:')) {
      const err = ipv6(domain.slice(5));
      return err === undefined ? undefined : `invalid ipv6 address: ${err}`;
    }
    const err = ipv4(domain);
    return err === undefined ? undefined : `invalid ipv4 address: ${err}`;
  }
  const err = hostname(domain);
  return err === undefined ? undefined : `invalid domain: ${err}`;
};

/** net/url.Parse plus the library's check of bracketed IPv6 hosts. */
function parseUri(s: string): GoUrl | string {
  let u: GoUrl;
  try {
    u = parseUrl(s);
  } catch (err) {
    return (err as Error).message;
  }
  const host = urlHostname(u.host);
  if (host.includes(':')) {
    if (!u.host.includes('[') || !u.host.includes(']')) return 'ipv6 address not enclosed in brackets';
    const err = ipv6(host);
    if (err !== undefined) return `invalid ipv6 address: ${err}`;
  }
  return u;
}

export const uri: FormatCheck = (s) => {
  const u = parseUri(s);
  if (typeof u === 'string') return u;
  return u.scheme === '' ? 'relative url' : undefined;
};

export const uriReference: FormatCheck = (s) => {
  if (s.includes('\\')) return 'contains \\';
  const u = parseUri(s);
  return typeof u === 'string' ? u : undefined;
};

export const uriTemplate: FormatCheck = (s) => {
  const u = parseUri(s);
  if (typeof u === 'string') return u;
  for (const raw of u.rawPath.split('/')) {
    let tok: string;
    try {
      tok = decodeURIComponent(raw);
    } catch {
      return `percent decode failed: invalid URL escape ${goQuote(raw)}`;
    }
    let want = true;
    for (const ch of tok) {
      if (ch !== '{' && ch !== '}') continue;
      if ((ch === '{') !== want) return 'nested curly braces';
      want = !want;
    }
    if (!want) return 'no matching closing brace';
  }
  return undefined;
};
