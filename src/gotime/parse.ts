// Go's time.ParseInLocation over Go layouts: element-by-element parsing, zone
// abbreviations and offsets resolved against the location, and Go's error texts.
import { GoTime } from '../govalue/types.ts';
import { LONG_DAYS, LONG_MONTHS, SHORT_DAYS, SHORT_MONTHS, isDigitAt, nextChunk, type Std } from './layout.ts';
import { goTimeQuote } from './format.ts';
import { DAYS_BEFORE_MONTH, daysFromCivil, daysInMonth, isLeapYear } from './civil-date.ts';
import { fixedZoneLocation, lookupZone, lookupZoneName } from './tzdata.ts';

function parseError(layout: string, value: string, layoutElem: string, valueElem: string, message = ''): Error {
  return new Error(message
    ? `parsing time ${goTimeQuote(value)}${message}`
    : `parsing time ${goTimeQuote(value)} as ${goTimeQuote(layout)}: cannot parse ${goTimeQuote(valueElem)} as ${goTimeQuote(layoutElem)}`);
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
      if (value.length !== 0) throw parseError(fullLayout, fullValue, '', value, `: extra text: ${goTimeQuote(value)}`);
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
    const leap = isLeapYear(year);
    let m = 0;
    let d = 0;
    if (leap && yearDay === 60) {
      m = 2;
      d = 29;
    } else if (leap && yearDay > 60) yearDay--;
    if (yearDay < 1 || yearDay > 365) throw parseError(fullLayout, fullValue, '', value, ': day-of-year out of range');
    if (m === 0) {
      m = DAYS_BEFORE_MONTH.findIndex((c) => c >= yearDay);
      d = yearDay - DAYS_BEFORE_MONTH[m - 1];
    }
    if (month >= 0 && month !== m) throw parseError(fullLayout, fullValue, '', value, ': day-of-year does not match month');
    month = m;
    if (day >= 0 && day !== d) throw parseError(fullLayout, fullValue, '', value, ': day-of-year does not match day');
    day = d;
  } else {
    if (month < 0) month = 1;
    if (day < 0) day = 1;
  }
  if (day < 1 || day > daysInMonth(month, year)) throw parseError(fullLayout, fullValue, '', value, ': day out of range');

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

const OFFSET_SHAPES: Record<string, RegExp> = {
  '-0700': /^([+-])(\d\d)(\d\d)/, '-07:00': /^([+-])(\d\d):(\d\d)/, '-07': /^([+-])(\d\d)/,
  '-070000': /^([+-])(\d\d)(\d\d)(\d\d)/, '-07:00:00': /^([+-])(\d\d):(\d\d):(\d\d)/,
};

/** Parses a numeric zone offset element ("Z" forms use the "-" shapes); returns [offsetSeconds, rest, rangeError]. */
function parseOffset(std: Std, value: string): [number, string, string] | undefined {
  const m = OFFSET_SHAPES[std.replace(/^Z/, '-')].exec(value);
  if (!m) return undefined;
  const [hours, minutes, seconds] = [m[2], m[3] ?? '0', m[4] ?? '0'].map(Number);
  // Go accepts 24 hours and 60 minutes or seconds, as some people write them.
  let rangeError = '';
  if (hours > 24) rangeError = 'time zone offset hour';
  if (minutes > 60) rangeError = 'time zone offset minute';
  if (seconds > 60) rangeError = 'time zone offset second';
  const total = (hours * 60 + minutes) * 60 + seconds;
  return [m[1] === '-' ? -total : total, value.slice(m[0].length), rangeError];
}
