// Sprig's date functions: now, date, dateInZone, htmlDate(InZone), dateModify, toDate,
// unixEpoch, ago, duration and durationRound, using Go's layouts and zones.
import { GoInteger, GoTime, goFunc, type GoFunc, type GoValue } from '../govalue/types.ts';
import { expectString, goTypeName } from './arg-types.ts';
import { formatDuration, parseDuration } from './duration.ts';
import { formatTime } from '../gotime/format.ts';
import { parseTime } from '../gotime/parse.ts';
import { nowNanos } from '../gotime/timestamps.ts';
import { isKnownLocation } from '../gotime/tzdata.ts';

const NANOS_PER_SECOND = 1_000_000_000n;
/** Go's zero time.Time, 0001-01-01 00:00:00 UTC, which toDate returns on bad input. */
const ZERO_TIME_NANOS = -62135596800n * NANOS_PER_SECOND;

/** time.Now() in the Local location, from the one nanosecond clock of release timestamps too. */
export function currentTime(): GoTime {
  return new GoTime(nowNanos(), 'Local');
}

function expectTime(fn: string, v: GoValue): GoTime {
  if (!(v instanceof GoTime)) throw new Error(`${fn}: wrong type for value; expected time.Time; got ${goTypeName(v)}`);
  return v;
}

/** Sprig's date argument: a time, or Unix seconds as int/int64/int32; anything else means now. */
function toTime(v: GoValue): GoTime {
  if (v instanceof GoTime) return v;
  if (typeof v === 'bigint') return new GoTime(v * NANOS_PER_SECOND, 'Local');
  if (v instanceof GoInteger && (v.kind === 'int64' || v.kind === 'int32')) {
    return new GoTime(v.value * NANOS_PER_SECOND, 'Local');
  }
  return currentTime();
}

function dateInZone(layout: string, date: GoValue, zone: string): string {
  const t = toTime(date);
  return formatTime(new GoTime(t.epochNanos, isKnownLocation(zone) ? zone : 'UTC'), layout);
}

/** Go's Duration.Round(time.Second): halves round away from zero. */
function roundToSecond(d: bigint): bigint {
  const r = d < 0n ? -(d % NANOS_PER_SECOND) : d % NANOS_PER_SECOND;
  const down = r + r < NANOS_PER_SECOND;
  if (d < 0n) return down ? d + r : d - NANOS_PER_SECOND + r;
  return down ? d - r : d + NANOS_PER_SECOND - r;
}

function since(t: GoTime): bigint {
  return currentTime().epochNanos - t.epochNanos;
}

/** Sprig's durationRound: the largest whole unit (y, mo, d, h, m, s) of |d|. */
function roundDuration(d: bigint): string {
  const u = d < 0n ? -d : d;
  const second = NANOS_PER_SECOND;
  const units: [bigint, string][] = [
    [second * 3600n * 24n * 365n, 'y'], [second * 3600n * 24n * 30n, 'mo'], [second * 3600n * 24n, 'd'],
    [second * 3600n, 'h'], [second * 60n, 'm'], [second, 's'],
  ];
  for (const [size, suffix] of units) if (u > size) return `${u / size}${suffix}`;
  return '0s';
}

function durationArg(v: GoValue): bigint {
  if (typeof v === 'string') {
    try {
      return parseDuration(v);
    } catch {
      return 0n;
    }
  }
  if (v instanceof GoInteger && v.kind === 'int64') return v.value;
  if (v instanceof GoTime) return since(v);
  return 0n;
}

/** Sprig's duration: seconds (string or int64; anything else is 0) as a Go duration string. */
function secondsArg(v: GoValue): bigint {
  if (typeof v === 'string') {
    if (!/^[+-]?[0-9]+$/.test(v)) return 0n;
    const n = BigInt(v);
    const max = (1n << 63n) - 1n;
    return n > max ? max : n < -max - 1n ? -max - 1n : n; // ParseInt saturates on overflow
  }
  if (v instanceof GoInteger && v.kind === 'int64') return v.value;
  return 0n;
}

function dateModify(fn: string, must: boolean) {
  return goFunc(fn, (modification, date) => {
    const t = expectTime(fn, date);
    let d: bigint;
    try {
      d = parseDuration(expectString(fn, modification));
    } catch (err) {
      if (must) throw err;
      return t;
    }
    return new GoTime(t.epochNanos + d, t.location);
  });
}

function toDate(fn: string, must: boolean) {
  return goFunc(fn, (layout, value) => {
    try {
      return parseTime(expectString(fn, layout), expectString(fn, value), 'Local');
    } catch (err) {
      if (must) throw err;
      return new GoTime(ZERO_TIME_NANOS, 'UTC');
    }
  });
}

const dateInZoneFunc = (name: string) => goFunc(name, (layout, date, zone) =>
  dateInZone(expectString(name, layout), date, expectString(name, zone)));

export const dateFunctions: Record<string, GoFunc> = {
  now: goFunc('now', () => currentTime()),
  date: goFunc('date', (layout, date) => dateInZone(expectString('date', layout), date, 'Local')),
  dateInZone: dateInZoneFunc('dateInZone'),
  date_in_zone: dateInZoneFunc('date_in_zone'),
  htmlDate: goFunc('htmlDate', (date) => dateInZone('2006-01-02', date, 'Local')),
  htmlDateInZone: goFunc('htmlDateInZone', (date, zone) =>
    dateInZone('2006-01-02', date, expectString('htmlDateInZone', zone))),
  dateModify: dateModify('dateModify', false),
  date_modify: dateModify('date_modify', false),
  mustDateModify: dateModify('mustDateModify', true),
  toDate: toDate('toDate', false),
  mustToDate: toDate('mustToDate', true),
  unixEpoch: goFunc('unixEpoch', (date) => {
    const nanos = expectTime('unixEpoch', date).epochNanos;
    const seconds = nanos / NANOS_PER_SECOND - (nanos % NANOS_PER_SECOND < 0n ? 1n : 0n);
    return seconds.toString();
  }),
  ago: goFunc('ago', (date) => formatDuration(roundToSecond(since(toTime(date))))),
  duration: goFunc('duration', (seconds) => formatDuration(BigInt.asIntN(64, secondsArg(seconds) * NANOS_PER_SECOND))),
  durationRound: goFunc('durationRound', (d) => roundDuration(durationArg(d))),
};
