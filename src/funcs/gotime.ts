// Go's time.Time layout formatting (Time.Format, Time.String) and parsing
// (time.ParseInLocation) over GoTime values, with Go's layout elements, zone rules
// and error messages.
import { GoTime } from '../template/gotypes.ts';
import { civilFromDays, daysFromCivil, fixedZoneLocation, lookupZone, lookupZoneName } from './tzdata.ts';

const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const SHORT_DAYS = LONG_DAYS.map((d) => d.slice(0, 3));
const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];
const SHORT_MONTHS = LONG_MONTHS.map((m) => m.slice(0, 3));

type Std =
  | 'January' | 'Jan' | '1' | '01' | 'Monday' | 'Mon' | '2' | '_2' | '02' | '__2' | '002'
  | '15' | '3' | '03' | '4' | '04' | '5' | '05' | '2006' | '06' | 'PM' | 'pm' | 'MST'
  | 'Z0700' | 'Z070000' | 'Z07' | 'Z07:00' | 'Z07:00:00' | '-0700' | '-070000' | '-07' | '-07:00' | '-07:00:00'
  | 'frac0' | 'frac9';

interface Chunk {
  prefix: string;
  std?: Std;
  /** The layout text of the element, e.g. ".000". */
  text: string;
  /** For fractional seconds: digit count and separator. */
  digits: number;
  separator: string;
  suffix: string;
}

const ZONE_ELEMENTS: Std[] = ['-070000', '-07:00:00', '-0700', '-07:00', '-07', 'Z070000', 'Z07:00:00', 'Z0700', 'Z07:00', 'Z07'];
const isDigitAt = (s: string, i: number) => i < s.length && s[i] >= '0' && s[i] <= '9';
const startsLower = (s: string) => s.length > 0 && s[0] >= 'a' && s[0] <= 'z';

/** Go's nextStdChunk: the text before the first layout element, the element, and the rest. */
function nextChunk(layout: string): Chunk {
  const found = (i: number, std: Std, length: number, prefixEnd = i): Chunk => ({
    prefix: layout.slice(0, prefixEnd), std, text: layout.slice(prefixEnd, i + length), digits: 0, separator: '.',
    suffix: layout.slice(i + length),
  });
  for (let i = 0; i < layout.length; i++) {
    const rest = layout.slice(i);
    switch (layout[i]) {
      case 'J':
        if (rest.startsWith('January')) return found(i, 'January', 7);
        if (rest.startsWith('Jan') && !startsLower(rest.slice(3))) return found(i, 'Jan', 3);
        break;
      case 'M':
        if (rest.startsWith('Monday')) return found(i, 'Monday', 6);
        if (rest.startsWith('Mon') && !startsLower(rest.slice(3))) return found(i, 'Mon', 3);
        if (rest.startsWith('MST')) return found(i, 'MST', 3);
        break;
      case '0':
        if (rest.length >= 2 && rest[1] >= '1' && rest[1] <= '6') {
          return found(i, (['01', '02', '03', '04', '05', '06'] as const)[Number(rest[1]) - 1], 2);
        }
        if (rest.startsWith('002')) return found(i, '002', 3);
        break;
      case '1':
        return rest.startsWith('15') ? found(i, '15', 2) : found(i, '1', 1);
      case '2':
        return rest.startsWith('2006') ? found(i, '2006', 4) : found(i, '2', 1);
      case '_':
        if (rest.startsWith('_2')) {
          if (rest.startsWith('_2006')) return found(i + 1, '2006', 4, i + 1);
          return found(i, '_2', 2);
        }
        if (rest.startsWith('__2')) return found(i, '__2', 3);
        break;
      case '3': return found(i, '3', 1);
      case '4': return found(i, '4', 1);
      case '5': return found(i, '5', 1);
      case 'P':
        if (rest.startsWith('PM')) return found(i, 'PM', 2);
        break;
      case 'p':
        if (rest.startsWith('pm')) return found(i, 'pm', 2);
        break;
      case '-':
      case 'Z': {
        const zone = ZONE_ELEMENTS.find((z) => z[0] === layout[i] && rest.startsWith(z));
        if (zone) return found(i, zone, zone.length);
        break;
      }
      case '.':
      case ',':
        if (rest[1] === '0' || rest[1] === '9') {
          let j = i + 1;
          while (j < layout.length && layout[j] === rest[1]) j++;
          if (!isDigitAt(layout, j)) {
            return {
              prefix: layout.slice(0, i), std: rest[1] === '0' ? 'frac0' : 'frac9', text: layout.slice(i, j),
              digits: j - i - 1, separator: layout[i], suffix: layout.slice(j),
            };
          }
        }
        break;
    }
  }
  return { prefix: layout, text: '', digits: 0, separator: '.', suffix: '' };
}

const pad = (n: number, width: number) => {
  const digits = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${digits}` : digits;
};

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

/** Civil fields of a GoTime in its own location. */
export function timeFields(t: GoTime) {
  const unixSec = floorDiv(t.epochNanos, 1_000_000_000n);
  const nanos = Number(t.epochNanos - unixSec * 1_000_000_000n);
  const zone = lookupZone(t.location, Number(unixSec));
  const localSec = unixSec + BigInt(zone.offset);
  const days = Number(floorDiv(localSec, 86400n));
  const secOfDay = Number(localSec - BigInt(days) * 86400n);
  const { year, month, day } = civilFromDays(days);
  return {
    year, month, day, nanos, zone, unixSec,
    hour: Math.floor(secOfDay / 3600), minute: Math.floor(secOfDay / 60) % 60, second: secOfDay % 60,
    weekday: (((days + 4) % 7) + 7) % 7,
    yearDay: days - daysFromCivil(year, 1, 1) + 1,
  };
}

function formatOffset(std: Std, offset: number): string {
  if (offset === 0 && std.startsWith('Z')) return 'Z';
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const colon = std.includes(':') ? ':' : '';
  let out = sign + pad(Math.floor(abs / 3600), 2);
  if (std !== '-07' && std !== 'Z07') out += colon + pad(Math.floor(abs / 60) % 60, 2);
  if (std.endsWith('0000') && std.length > 6 || std.endsWith(':00:00')) out += colon + pad(abs % 60, 2);
  return out;
}

function formatFraction(nanos: number, digits: number, separator: string, trim: boolean): string {
  if (trim && (digits === 0 || nanos === 0)) return '';
  let out = String(nanos).padStart(9, '0').slice(0, Math.min(digits, 9));
  if (trim) out = out.replace(/0+$/, '');
  return out === '' && trim ? '' : separator + out;
}

/** Go's Time.Format. */
export function formatTime(t: GoTime, layout: string): string {
  const f = timeFields(t);
  let out = '';
  let rest = layout;
  while (rest !== '') {
    const chunk = nextChunk(rest);
    out += chunk.prefix;
    if (!chunk.std) break;
    rest = chunk.suffix;
    const hour12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
    switch (chunk.std) {
      case '06': out += pad(Math.abs(f.year) % 100, 2); break;
      case '2006': out += pad(f.year, 4); break;
      case 'Jan': out += SHORT_MONTHS[f.month - 1]; break;
      case 'January': out += LONG_MONTHS[f.month - 1]; break;
      case '1': out += f.month; break;
      case '01': out += pad(f.month, 2); break;
      case 'Mon': out += SHORT_DAYS[f.weekday]; break;
      case 'Monday': out += LONG_DAYS[f.weekday]; break;
      case '2': out += f.day; break;
      case '_2': out += (f.day < 10 ? ' ' : '') + f.day; break;
      case '02': out += pad(f.day, 2); break;
      case '__2': out += String(f.yearDay).padStart(3, ' '); break;
      case '002': out += pad(f.yearDay, 3); break;
      case '15': out += pad(f.hour, 2); break;
      case '3': out += hour12; break;
      case '03': out += pad(hour12, 2); break;
      case '4': out += f.minute; break;
      case '04': out += pad(f.minute, 2); break;
      case '5': out += f.second; break;
      case '05': out += pad(f.second, 2); break;
      case 'PM': out += f.hour >= 12 ? 'PM' : 'AM'; break;
      case 'pm': out += f.hour >= 12 ? 'pm' : 'am'; break;
      case 'MST': out += f.zone.name !== '' ? f.zone.name : formatOffset('-0700', f.zone.offset - (f.zone.offset % 60)); break;
      case 'frac0': out += formatFraction(f.nanos, chunk.digits, chunk.separator, false); break;
      case 'frac9': out += formatFraction(f.nanos, chunk.digits, chunk.separator, true); break;
      default: out += formatOffset(chunk.std, f.zone.offset);
    }
  }
  return out;
}

/** Go's Time.String without a monotonic clock reading. */
export function timeString(t: GoTime): string {
  return formatTime(t, '2006-01-02 15:04:05.999999999 -0700 MST');
}

/** Go's internal quote() used in time error messages. */
function quote(s: string): string {
  let out = '"';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (byte >= 0x80 || byte < 0x20) out += `\\x${byte.toString(16).padStart(2, '0')}`;
    else out += c === '"' || c === '\\' ? `\\${c}` : c;
  }
  return `${out}"`;
}
export { quote as goTimeQuote };

class ParseFailure extends Error {}

function parseError(layout: string, value: string, layoutElem: string, valueElem: string, message = ''): ParseFailure {
  return new ParseFailure(message
    ? `parsing time ${quote(value)}${message}`
    : `parsing time ${quote(value)} as ${quote(layout)}: cannot parse ${quote(valueElem)} as ${quote(layoutElem)}`);
}

/** Go's skip: matches literal layout text, where a run of spaces matches any run of spaces. */
function skip(value: string, prefix: string): string | undefined {
  while (prefix.length > 0) {
    if (prefix[0] === ' ') {
      if (value.length > 0 && value[0] !== ' ') return undefined;
      prefix = prefix.replace(/^ +/, '');
      value = value.replace(/^ +/, '');
      continue;
    }
    if (value.length === 0 || value[0] !== prefix[0]) return undefined;
    prefix = prefix.slice(1);
    value = value.slice(1);
  }
  return value;
}

function getNum(s: string, fixed: boolean): [number, string] | undefined {
  if (!isDigitAt(s, 0)) return undefined;
  if (!isDigitAt(s, 1)) return fixed ? undefined : [Number(s[0]), s.slice(1)];
  return [Number(s.slice(0, 2)), s.slice(2)];
}

function getNum3(s: string, fixed: boolean): [number, string] | undefined {
  let i = 0;
  while (i < 3 && isDigitAt(s, i)) i++;
  if (i === 0 || (fixed && i !== 3)) return undefined;
  return [Number(s.slice(0, i)), s.slice(i)];
}

function lookupName(table: string[], value: string): [number, string] | undefined {
  const index = table.findIndex((name) => value.length >= name.length &&
    value.slice(0, name.length).toLowerCase() === name.toLowerCase() && /^[a-z]*$/i.test(value.slice(0, name.length)));
  return index < 0 ? undefined : [index, value.slice(table[index].length)];
}

/** Length of a zone abbreviation at the start of value (Go's parseTimeZone), or 0. */
function zoneNameLength(value: string): number {
  if (value.length < 3) return 0;
  if (value.startsWith('ChST') || value.startsWith('MeST')) return 4;
  if (value.startsWith('GMT')) return 3 + signedOffsetLength(value.slice(3));
  if (value[0] === '+' || value[0] === '-') return signedOffsetLength(value);
  let upper = 0;
  while (upper < 6 && upper < value.length && value[upper] >= 'A' && value[upper] <= 'Z') upper++;
  if (upper === 5 && value[4] === 'T') return 5;
  if (upper === 4 && (value[3] === 'T' || value.startsWith('WITA'))) return 4;
  return upper === 3 ? 3 : 0;
}

function signedOffsetLength(value: string): number {
  const m = /^[+-](\d+)/.exec(value);
  return m && Number(m[1]) <= 23 ? m[0].length : 0;
}

function parseNanos(value: string, length: number): number | undefined {
  if (value[0] !== '.' && value[0] !== ',') return undefined;
  const digits = value.slice(1, Math.min(length, 10));
  if (!/^[0-9]+$/.test(digits)) return undefined;
  return Number(digits.padEnd(9, '0'));
}

const daysIn = (month: number, year: number) =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];

/** Go's time.ParseInLocation(layout, value, location); throws Go's ParseError text. */
export function parseTime(layout: string, value: string, location: string): GoTime {
  const fullLayout = layout;
  const fullValue = value;
  let year = 0;
  let month = -1;
  let day = -1;
  let yearDay = -1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let nanos = 0;
  let utc = false;
  let zoneOffset: number | undefined;
  let zoneName = '';
  let am = false;
  let pm = false;
  for (;;) {
    const chunk = nextChunk(layout);
    const skipped = skip(value, chunk.prefix);
    if (skipped === undefined) throw parseError(fullLayout, fullValue, chunk.prefix, value);
    value = skipped;
    if (!chunk.std) {
      if (value.length !== 0) throw parseError(fullLayout, fullValue, '', value, `: extra text: ${quote(value)}`);
      break;
    }
    layout = chunk.suffix;
    const hold = value;
    let bad = false;
    let rangeError = '';
    const take = (r: [number, string] | undefined): number => {
      if (!r) {
        bad = true;
        return 0;
      }
      value = r[1];
      return r[0];
    };
    switch (chunk.std) {
      case '06':
        if (value.length < 2 || !/^[0-9]{2}/.test(value)) { bad = true; break; }
        year = Number(value.slice(0, 2));
        year += year >= 69 ? 1900 : 2000;
        value = value.slice(2);
        break;
      case '2006':
        if (value.length < 4 || !/^[0-9][0-9]{3}/.test(value)) { bad = true; break; }
        year = Number(value.slice(0, 4));
        value = value.slice(4);
        break;
      case 'Jan': month = take(lookupName(SHORT_MONTHS, value)) + 1; break;
      case 'January': month = take(lookupName(LONG_MONTHS, value)) + 1; break;
      case '1': case '01':
        month = take(getNum(value, chunk.std === '01'));
        if (!bad && (month <= 0 || month > 12)) rangeError = 'month';
        break;
      case 'Mon': take(lookupName(SHORT_DAYS, value)); break;
      case 'Monday': take(lookupName(LONG_DAYS, value)); break;
      case '2': case '_2': case '02':
        if (chunk.std === '_2' && value[0] === ' ') value = value.slice(1);
        day = take(getNum(value, chunk.std === '02'));
        break;
      case '__2': case '002':
        if (chunk.std === '__2') value = value.replace(/^ {1,2}/, '');
        yearDay = take(getNum3(value, chunk.std === '002'));
        break;
      case '15':
        hour = take(getNum(value, false));
        if (hour >= 24) rangeError = 'hour';
        break;
      case '3': case '03':
        hour = take(getNum(value, chunk.std === '03'));
        if (hour > 12) rangeError = 'hour';
        break;
      case '4': case '04':
        minute = take(getNum(value, chunk.std === '04'));
        if (minute >= 60) rangeError = 'minute';
        break;
      case '5': case '05': {
        second = take(getNum(value, chunk.std === '05'));
        if (bad) break;
        if (second >= 60) { rangeError = 'second'; break; }
        // A fractional second in the input that the layout does not mention.
        if (value.length >= 2 && (value[0] === '.' || value[0] === ',') && isDigitAt(value, 1)) {
          const next = nextChunk(layout).std;
          if (next === 'frac0' || next === 'frac9') break;
          let n = 2;
          while (isDigitAt(value, n)) n++;
          nanos = parseNanos(value, n) ?? 0;
          value = value.slice(n);
        }
        break;
      }
      case 'PM': case 'pm': {
        const marker = value.slice(0, 2);
        const [amText, pmText] = chunk.std === 'PM' ? ['AM', 'PM'] : ['am', 'pm'];
        if (marker === pmText) pm = true;
        else if (marker === amText) am = true;
        else bad = true;
        if (!bad) value = value.slice(2);
        break;
      }
      case 'MST': {
        if (value.startsWith('UTC')) {
          utc = true;
          value = value.slice(3);
          break;
        }
        const n = zoneNameLength(value);
        if (n === 0) { bad = true; break; }
        zoneName = value.slice(0, n);
        value = value.slice(n);
        break;
      }
      case 'frac0': {
        const n = 1 + chunk.digits;
        const parsed = value.length < n ? undefined : parseNanos(value, n);
        if (parsed === undefined) { bad = true; break; }
        nanos = parsed;
        value = value.slice(n);
        break;
      }
      case 'frac9': {
        if (value.length < 2 || (value[0] !== '.' && value[0] !== ',') || !isDigitAt(value, 1)) break;
        let i = 1;
        while (isDigitAt(value, i + 1)) i++;
        nanos = parseNanos(value, 1 + i) ?? 0;
        value = value.slice(1 + i);
        break;
      }
      default: {
        if (chunk.std.startsWith('Z') && value[0] === 'Z') {
          utc = true;
          value = value.slice(1);
          break;
        }
        const parsed = parseOffset(chunk.std, value);
        if (!parsed) { bad = true; break; }
        [zoneOffset, value, rangeError] = parsed;
      }
    }
    if (rangeError) throw parseError(fullLayout, fullValue, chunk.text, value, `: ${rangeError} out of range`);
    if (bad) throw parseError(fullLayout, fullValue, chunk.text, hold);
  }
  if (pm && hour < 12) hour += 12;
  else if (am && hour === 12) hour = 0;

  if (yearDay >= 0) {
    const leap = daysIn(2, year) === 29;
    let m = 0;
    let d = 0;
    if (leap && yearDay === 60) {
      m = 2;
      d = 29;
    } else if (leap && yearDay > 60) yearDay--;
    if (yearDay < 1 || yearDay > 365) throw parseError(fullLayout, fullValue, '', value, ': day-of-year out of range');
    if (m === 0) {
      const cumulative = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];
      m = cumulative.findIndex((c) => c >= yearDay);
      d = yearDay - cumulative[m - 1];
    }
    if (month >= 0 && month !== m) throw parseError(fullLayout, fullValue, '', value, ': day-of-year does not match month');
    month = m;
    if (day >= 0 && day !== d) throw parseError(fullLayout, fullValue, '', value, ': day-of-year does not match day');
    day = d;
  } else {
    if (month < 0) month = 1;
    if (day < 0) day = 1;
  }
  if (day < 1 || day > daysIn(month, year)) throw parseError(fullLayout, fullValue, '', value, ': day out of range');

  const wallSec = BigInt(daysFromCivil(year, month, day)) * 86400n + BigInt(hour * 3600 + minute * 60 + second);
  const at = (sec: bigint, loc: string) => new GoTime(sec * 1_000_000_000n + BigInt(nanos), loc);
  if (utc) return at(wallSec, 'UTC');
  if (zoneOffset !== undefined) {
    const sec = wallSec - BigInt(zoneOffset);
    const local = lookupZone(location, Number(sec));
    if (local.offset === zoneOffset && (zoneName === '' || local.name === zoneName)) return at(sec, location);
    return at(sec, fixedZoneLocation(zoneName, zoneOffset));
  }
  if (zoneName !== '') {
    const offset = lookupZoneName(location, zoneName, Number(wallSec));
    if (offset !== undefined) return at(wallSec - BigInt(offset), location);
    const gmtOffset = zoneName.length > 3 && zoneName.startsWith('GMT') ? Number(zoneName.slice(3)) * 3600 : 0;
    // Go keeps the wall clock as UTC here, so the offset shifts the displayed time.
    return at(wallSec, fixedZoneLocation(zoneName, gmtOffset));
  }
  return fromWallClock(wallSec, nanos, location);
}

/** Go's Date(): interprets a wall-clock time in a location, resolving DST gaps as Go does. */
function fromWallClock(wallSec: bigint, nanos: number, location: string): GoTime {
  let unix = wallSec - BigInt(lookupZone(location, Number(wallSec)).offset);
  // Go looks the offset up at (wall - offset) and, across a transition, retries once.
  const offset = lookupZone(location, Number(unix)).offset;
  unix = wallSec - BigInt(offset);
  return new GoTime(unix * 1_000_000_000n + BigInt(nanos), location);
}

/** Parses a numeric zone offset element; returns [offsetSeconds, rest, rangeError]. */
function parseOffset(std: Std, value: string): [number, string, string] | undefined {
  const shape = std.replace(/^Z/, '-');
  const patterns: Record<string, RegExp> = {
    '-07:00': /^([+-])(..):(..)/, '-07': /^([+-])(..)/, '-07:00:00': /^([+-])(..):(..):(..)/,
    '-070000': /^([+-])(..)(..)(..)/, '-0700': /^([+-])(..)(..)/,
  };
  const lengthNeeded: Record<string, number> = { '-07:00': 6, '-07': 3, '-07:00:00': 9, '-070000': 7, '-0700': 5 };
  if (value.length < lengthNeeded[shape]) return undefined;
  const m = patterns[shape].exec(value.slice(0, lengthNeeded[shape]).replace(/^[^+-]/, '?'));
  if (!m) {
    // Go still reads the fields when the sign is wrong, then rejects it.
    return undefined;
  }
  const [h, mm = '00', ss = '00'] = m.slice(2);
  if (![h, mm, ss].every((x) => /^[0-9]{2}$/.test(x))) return undefined;
  const hours = Number(h);
  const minutes = Number(mm);
  const seconds = Number(ss);
  let rangeError = '';
  if (hours > 24) rangeError = 'time zone offset hour';
  if (minutes > 60) rangeError = 'time zone offset minute';
  if (seconds > 60) rangeError = 'time zone offset second';
  const total = (hours * 60 + minutes) * 60 + seconds;
  return [m[1] === '-' ? -total : total, value.slice(lengthNeeded[shape]), rangeError];
}
