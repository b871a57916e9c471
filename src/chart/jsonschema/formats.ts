// The "format" checks santhosh-tekuri/jsonschema asserts (drafts 4 to 7 under helm), each
// returning the library's reason when a string does not conform. Unknown formats pass.
import { goQuoteRune } from '../../gofmt/strconv.ts';
import { parseTime } from '../../gotime/parse.ts';
import { email, hostname, ipv4, ipv6, uri, uriReference, uriTemplate, type FormatCheck } from './formats-net.ts';
import { goRegexpError } from './go-regexp.ts';

const rune = (ch: string) => goQuoteRune(ch.codePointAt(0)!);

const jsonPointer: FormatCheck = (s) => {
  if (s === '') return undefined;
  if (!s.startsWith('/')) return 'not starting with /';
  for (const tok of s.split('/').slice(1)) {
    let escape = false;
    for (const ch of tok) {
      if (escape) {
        escape = false;
        if (ch !== '0' && ch !== '1') return '~ must be followed by 0 or 1';
        continue;
      }
      if (ch === '~') escape = true;
    }
    if (escape) return '~ must be followed by 0 or 1';
  }
  return undefined;
};

const relativeJsonPointer: FormatCheck = (s) => {
  const digits = /^[0-9]*/.exec(s)![0].length;
  if (digits === 0) return 'must start with non-negative integer';
  if (digits > 1 && s.startsWith('0')) return 'starts with zero';
  const rest = s.slice(digits);
  return rest === '#' ? undefined : jsonPointer(rest);
};

const uuid: FormatCheck = (s) => {
  const lengths = [8, 4, 4, 4, 12];
  const groups = s.split('-');
  if (groups.length !== lengths.length) return `must have ${lengths.length} elements`;
  for (let i = 0; i < groups.length; i++) {
    if (Buffer.byteLength(groups[i]) !== lengths[i]) return `element ${i + 1} must be ${lengths[i]} characters long`;
    for (const ch of groups[i]) if (!/[0-9a-fA-F]/.test(ch)) return `non-hex character ${rune(ch)}`;
  }
  return undefined;
};

const duration: FormatCheck = (input) => {
  if (!input.startsWith('P')) return 'must start with P';
  const s = input.slice(1);
  if (s === '') return 'nothing after P';
  if (s.endsWith('W')) {
    const weeks = s.slice(0, -1);
    if (weeks === '') return 'no number in week';
    return /^[0-9]+$/.test(weeks) ? undefined : 'invalid week';
  }
  const allUnits = ['YMD', 'HMS'];
  const parts = s.split('T');
  for (let i = 0; i < parts.length; i++) {
    let part = parts[i];
    if (i !== 0 && part === '') return 'no time elements';
    if (i >= allUnits.length) return 'more than one T';
    let units = allUnits[i];
    while (part !== '') {
      const digits = /^[0-9]*/.exec(part)![0].length;
      if (digits === 0) return 'missing number';
      part = part.slice(digits);
      if (part === '') return 'missing unit';
      const unit = part[0];
      const j = units.indexOf(unit);
      if (j === -1) return allUnits[i].includes(unit) ? `unit ${rune(unit)} out of order` : `invalid unit ${rune(unit)}`;
      units = units.slice(j + 1);
      part = part.slice(1);
    }
  }
  return undefined;
};

const date: FormatCheck = (s) => {
  try {
    parseTime('2006-01-02', s, 'UTC');
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
};

const time: FormatCheck = (input) => {
  if (input.length < 9) return 'less than 9 characters long';
  if (input[2] !== ':' || input[5] !== ':') return 'missing colon in correct place';
  const hms: number[] = [];
  for (const tok of [input.slice(0, 2), input.slice(3, 5), input.slice(6, 8)]) {
    if (!/^[+-]?[0-9]+$/.test(tok)) return 'invalid hour/min/sec';
    const n = Number(tok);
    if (n < 0) return 'non-positive hour/min/sec';
    hms.push(n);
  }
  let [h, m] = hms;
  const sec = hms[2];
  if (h > 23 || m > 59 || sec > 60) return 'hour/min/sec out of range';
  let str = input.slice(8);
  if (str.startsWith('.')) {
    const digits = /^[0-9]*/.exec(str.slice(1))![0].length;
    if (digits === 0) return 'no digits in second fraction';
    str = str.slice(1 + digits);
  }
  if (str !== 'z' && str !== 'Z') {
    if (str.length !== 6) return 'offset must be 6 characters long';
    const sign = str[0] === '+' ? -1 : str[0] === '-' ? 1 : 0;
    if (sign === 0) return 'offset must begin with plus/minus';
    str = str.slice(1);
    if (str[2] !== ':') return 'missing colon in offset in correct place';
    const zhm: number[] = [];
    for (const tok of [str.slice(0, 2), str.slice(3)]) {
      if (!/^[+-]?[0-9]+$/.test(tok)) return 'invalid hour/min in offset';
      const n = Number(tok);
      if (n < 0) return 'non-positive hour/min in offset';
      zhm.push(n);
    }
    const [zh, zm] = zhm;
    if (zh > 23 || zm > 59) return 'hour/min in offset out of range';
    let hm = h * 60 + m + sign * (zh * 60 + zm);
    if (hm < 0) hm += 24 * 60;
    h = Math.trunc(hm / 60);
    m = hm % 60;
  }
  if (sec >= 60 && (h !== 23 || m !== 59)) return 'invalid leap second';
  return undefined;
};

const dateTime: FormatCheck = (s) => {
  if (s.length < 20) return 'less than 20 characters long';
  if (s[10] !== 't' && s[10] !== 'T') return '11th character must be t or T';
  const d = date(s.slice(0, 10));
  if (d !== undefined) return `invalid date element: ${d}`;
  const t = time(s.slice(11));
  return t === undefined ? undefined : `invalid time element: ${t}`;
};

const period: FormatCheck = (s) => {
  const slash = s.indexOf('/');
  if (slash === -1) return 'missing slash';
  const start = s.slice(0, slash);
  const end = s.slice(slash + 1);
  const either = (reason: string | undefined, what: string) => (reason === undefined ? undefined : `${what}: ${reason}`);
  if (start.startsWith('P')) return either(duration(start), 'invalid start duration') ?? either(dateTime(end), 'invalid end date-time');
  return either(dateTime(start), 'invalid start date-time')
    ?? (end.startsWith('P') ? either(duration(end), 'invalid end duration') : either(dateTime(end), 'invalid end date-time'));
};

const semver: FormatCheck = (input) => {
  let s = input;
  const plus = s.indexOf('+');
  if (plus !== -1) {
    const build = s.slice(plus + 1);
    if (build === '') return 'build is empty';
    for (const id of build.split('.')) {
      if (id === '') return 'build identifier is empty';
      for (const ch of id) if (!/[0-9a-zA-Z-]/.test(ch)) return `invalid character ${rune(ch)} in build identifier`;
    }
    s = s.slice(0, plus);
  }
  const dash = s.indexOf('-');
  if (dash !== -1) {
    for (const id of s.slice(dash + 1).split('.')) {
      if (id === '') return 'pre-release identifier is empty';
      for (const ch of id) if (!/[0-9a-zA-Z-]/.test(ch)) return `invalid character ${rune(ch)} in pre-release identifier`;
      if (/^[0-9]+$/.test(id) && id.length > 1 && id[0] === '0') return 'pre-release numeric identifier starts with zero';
    }
    s = s.slice(0, dash);
  }
  const versions = s.split('.');
  if (versions.length !== 3) return 'versionCore must have 3 numbers separated by dot';
  const names = ['major', 'minor', 'patch'];
  for (let i = 0; i < 3; i++) {
    const v = versions[i];
    if (v === '') return `${names[i]} is empty`;
    if (v.length > 1 && v[0] === '0') return `${names[i]} starts with zero`;
    if (!/^[0-9]+$/.test(v)) return `${names[i]} contains non-digit`;
  }
  return undefined;
};

const formats: Record<string, FormatCheck> = {
  'json-pointer': jsonPointer, 'relative-json-pointer': relativeJsonPointer, uuid, duration, period, ipv4, ipv6, hostname, email,
  date, time, 'date-time': dateTime, uri, iri: uri, 'uri-reference': uriReference, 'iri-reference': uriReference, 'uri-template': uriTemplate,
  semver, regex: goRegexpError,
};

/** The check for a format name, or undefined for formats the library does not know. */
export function formatCheck(name: string): FormatCheck | undefined {
  return Object.hasOwn(formats, name) ? formats[name] : undefined;
}
