// Time zones the way Go's time package resolves them: TZif files from the system
// zoneinfo directory (with the POSIX TZ footer rule for later instants), "UTC",
// "Local" (from $TZ or /etc/localtime) and fixed zones created by parsing offsets.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DAYS_BEFORE_MONTH, civilFromDays, daysFromCivil, daysInMonth, isLeapYear } from './civil-date.ts';

export interface ZoneInfo {
  /** Abbreviation ("CET", "-03"); "" for an unnamed fixed zone. */
  name: string;
  /** Seconds east of UTC. */
  offset: number;
}

interface Zone extends ZoneInfo {
  isDST: boolean;
}

interface Location {
  zones: Zone[];
  transitions: { when: number; zone: number }[];
  rule?: PosixRule;
}

const FIXED_PREFIX = 'Fixed/';
const ZONEINFO_DIRS = ['/usr/share/zoneinfo/', '/usr/share/lib/zoneinfo/', '/usr/lib/locale/TZ/', '/etc/zoneinfo/'];
const cache = new Map<string, Location>();
/** Drops every zone file read (after the executable's snapshot warm-up, scripts/snapshot-entry.ts). */
export const forgetLocations = () => cache.clear();

/** The location string GoTime uses for Go's time.FixedZone(name, offset). */
export function fixedZoneLocation(name: string, offset: number): string {
  return `${FIXED_PREFIX}${offset}/${name}`;
}

function fixedZone(location: string): Location | undefined {
  if (!location.startsWith(FIXED_PREFIX)) return undefined;
  const rest = location.slice(FIXED_PREFIX.length);
  const slash = rest.indexOf('/');
  const zone = { name: rest.slice(slash + 1), offset: Number(rest.slice(0, slash)), isDST: false };
  return { zones: [zone], transitions: [] };
}

const UTC: Location = { zones: [{ name: 'UTC', offset: 0, isDST: false }], transitions: [] };

/** Reads a TZif file (version 1 or the 64-bit section of 2+) and its footer rule. */
function parseTzif(data: Buffer): Location {
  if (data.toString('latin1', 0, 4) !== 'TZif') throw new Error('not a TZif file');
  const version = data[4];
  const counts = (at: number) => [0, 1, 2, 3, 4, 5].map((i) => data.readUInt32BE(at + 20 + 4 * i));
  let at = 0;
  let [isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt] = counts(at);
  let timeSize = 4;
  if (version >= 0x32) {
    at += 44 + timecnt * 5 + typecnt * 6 + charcnt + leapcnt * 8 + isstdcnt + isutcnt;
    [isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt] = counts(at);
    timeSize = 8;
  }
  let p = at + 44;
  const times: number[] = [];
  for (let i = 0; i < timecnt; i++, p += timeSize) {
    times.push(timeSize === 8 ? Number(data.readBigInt64BE(p)) : data.readInt32BE(p));
  }
  const indices = Array.from(data.subarray(p, p + timecnt));
  p += timecnt;
  const rawZones: { offset: number; isDST: boolean; abbrIndex: number }[] = [];
  for (let i = 0; i < typecnt; i++, p += 6) {
    rawZones.push({ offset: data.readInt32BE(p), isDST: data[p + 4] !== 0, abbrIndex: data[p + 5] });
  }
  const abbrs = data.subarray(p, p + charcnt);
  p += charcnt + leapcnt * (timeSize + 4) + isstdcnt + isutcnt;
  const zones = rawZones.map((z) => {
    const end = abbrs.indexOf(0, z.abbrIndex);
    return { name: abbrs.toString('latin1', z.abbrIndex, end < 0 ? undefined : end), offset: z.offset, isDST: z.isDST };
  });
  const footer = timeSize === 8 ? data.toString('latin1', p).split('\n')[1] ?? '' : '';
  return {
    zones,
    transitions: times.map((when, i) => ({ when, zone: indices[i] })),
    rule: footer ? parsePosixRule(footer) : undefined,
  };
}

function readZoneFile(name: string): Buffer | undefined {
  const dirs = process.env.ZONEINFO ? [process.env.ZONEINFO, ...ZONEINFO_DIRS] : ZONEINFO_DIRS;
  for (const dir of dirs) {
    try {
      return readFileSync(join(dir, name));
    } catch {
      // try the next directory, as Go does
    }
  }
  return undefined;
}

/** Go's time.LoadLocation; throws "unknown time zone X" like Go. */
export function loadLocation(name: string): Location {
  if (name === '' || name === 'UTC') return UTC;
  if (name === 'Local') return localLocation();
  const fixed = fixedZone(name);
  if (fixed) return fixed;
  const cached = cache.get(name);
  if (cached) return cached;
  const valid = !name.startsWith('/') && !name.split('/').includes('..') && !name.includes('\\');
  const data = valid ? readZoneFile(name) : undefined;
  let location: Location;
  try {
    if (!data) throw new Error('missing');
    location = parseTzif(data);
  } catch {
    throw new Error(`unknown time zone ${name}`);
  }
  cache.set(name, location);
  return location;
}

/** True when time.LoadLocation(name) would succeed. */
export function isKnownLocation(name: string): boolean {
  try {
    loadLocation(name);
    return true;
  } catch {
    return false;
  }
}

function localLocation(): Location {
  const tz = process.env.TZ;
  if (tz === undefined) {
    try {
      return parseTzif(readFileSync('/etc/localtime'));
    } catch {
      return UTC;
    }
  }
  const name = tz.startsWith(':') ? tz.slice(1) : tz;
  if (name === '' || name === 'UTC') return UTC;
  try {
    return loadLocation(name);
  } catch {
    return UTC;
  }
}

/** The zone in effect at `unixSec` in `location` (a GoTime location string). */
export function lookupZone(location: string, unixSec: number): ZoneInfo {
  const loc = loadLocation(location);
  const { zones, transitions } = loc;
  if (transitions.length === 0 || unixSec < transitions[0].when) {
    const first = zones[firstZoneIndex(loc)] ?? UTC.zones[0];
    return { name: first.name, offset: first.offset };
  }
  let lo = 0;
  let hi = transitions.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (unixSec < transitions[mid].when) hi = mid;
    else lo = mid;
  }
  if (lo === transitions.length - 1 && loc.rule) return ruleZone(loc.rule, unixSec);
  const zone = zones[transitions[lo].zone];
  return { name: zone.name, offset: zone.offset };
}

/** Go's lookupFirstZone: the zone before the first transition. */
function firstZoneIndex({ zones, transitions }: Location): number {
  if (!transitions.some((t) => t.zone === 0)) return 0;
  if (transitions.length > 0 && zones[transitions[0].zone].isDST) {
    for (let i = transitions[0].zone - 1; i >= 0; i--) if (!zones[i].isDST) return i;
  }
  const standard = zones.findIndex((z) => !z.isDST);
  return standard < 0 ? 0 : standard;
}

/** Offset of a zone abbreviation in use around `unixSec` (Go's lookupName), for parsing "MST". */
export function lookupZoneName(location: string, name: string, unixSec: number): number | undefined {
  const loc = loadLocation(location);
  for (const zone of loc.zones) {
    if (zone.name !== name) continue;
    const atGuess = lookupZone(location, unixSec - zone.offset);
    if (atGuess.name === zone.name) return atGuess.offset;
  }
  return loc.zones.find((z) => z.name === name)?.offset;
}

// POSIX TZ rules ("CET-1CEST,M3.5.0,M10.5.0/3") cover instants after the last transition.

interface RuleDate {
  kind: 'J' | 'N' | 'M';
  day: number;
  week: number;
  month: number;
  time: number;
}

interface PosixRule {
  std: ZoneInfo;
  dst?: ZoneInfo;
  start?: RuleDate;
  end?: RuleDate;
}

function parsePosixRule(text: string): PosixRule | undefined {
  let s = text;
  const name = (): string | undefined => {
    const m = /^(<[^>]*>|[A-Za-z]{3,})/.exec(s);
    if (!m) return undefined;
    s = s.slice(m[0].length);
    return m[0].startsWith('<') ? m[0].slice(1, -1) : m[0];
  };
  const seconds = (): number | undefined => {
    const m = /^([+-]?)(\d{1,3})(?::(\d{2}))?(?::(\d{2}))?/.exec(s);
    if (!m) return undefined;
    s = s.slice(m[0].length);
    const value = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
    return m[1] === '-' ? -value : value;
  };
  const stdName = name();
  const stdOffset = seconds();
  if (stdName === undefined || stdOffset === undefined) return undefined;
  const rule: PosixRule = { std: { name: stdName, offset: -stdOffset } };
  if (s === '') return rule;
  const dstName = name();
  if (dstName === undefined) return undefined;
  const dstOffset = s.startsWith(',') || s === '' ? stdOffset - 3600 : seconds();
  if (dstOffset === undefined) return undefined;
  rule.dst = { name: dstName, offset: -dstOffset };
  if (s === '') s = ',M3.2.0,M11.1.0';
  const ruleDate = (): RuleDate | undefined => {
    const m = /^,(?:J(\d+)|(\d+)|M(\d+)\.(\d)\.(\d))/.exec(s);
    if (!m) return undefined;
    s = s.slice(m[0].length);
    let time = 7200;
    if (s.startsWith('/')) {
      s = s.slice(1);
      const t = seconds();
      if (t === undefined) return undefined;
      time = t;
    }
    if (m[1] !== undefined) return { kind: 'J', day: Number(m[1]), week: 0, month: 0, time };
    if (m[2] !== undefined) return { kind: 'N', day: Number(m[2]), week: 0, month: 0, time };
    return { kind: 'M', month: Number(m[3]), week: Number(m[4]), day: Number(m[5]), time };
  };
  rule.start = ruleDate();
  rule.end = ruleDate();
  return rule.start && rule.end ? rule : { std: rule.std };
}


/** Seconds from the start of `year` (UTC) to the rule's local wall time. */
function ruleSeconds(r: RuleDate, year: number, yearStartDay: number): number {
  let day: number;
  if (r.kind === 'J') day = r.day - 1 + (isLeapYear(year) && r.day >= 60 ? 1 : 0);
  else if (r.kind === 'N') day = r.day;
  else {
    const leapShift = isLeapYear(year) && r.month > 2 ? 1 : 0;
    const monthStart = DAYS_BEFORE_MONTH[r.month - 1] + leapShift;
    const weekdayOfMonthStart = (((yearStartDay + monthStart + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
    let d = (r.day - weekdayOfMonthStart + 7) % 7;
    const monthLength = daysInMonth(r.month, year);
    for (let w = 1; w < r.week && d + 7 < monthLength; w++) d += 7;
    day = monthStart + d;
  }
  return day * 86400 + r.time;
}

function ruleZone(rule: PosixRule, unixSec: number): ZoneInfo {
  if (!rule.dst || !rule.start || !rule.end) return rule.std;
  const day = Math.floor(unixSec / 86400);
  const year = civilFromDays(day).year;
  const yearStartDay = daysFromCivil(year, 1, 1);
  const secInYear = unixSec - yearStartDay * 86400;
  const start = ruleSeconds(rule.start, year, yearStartDay) - rule.std.offset;
  const end = ruleSeconds(rule.end, year, yearStartDay) - rule.dst.offset;
  const inDst = start < end ? secInYear >= start && secInYear < end : !(secInYear >= end && secInYear < start);
  return inDst ? rule.dst : rule.std;
}
