// Go's time.Time formatting over GoTime values: Time.Format with Go layouts and
// Time.String, with zone names and offsets from the time's location.
import { GoTime } from '../govalue/types.ts';
import { LONG_DAYS, LONG_MONTHS, SHORT_DAYS, SHORT_MONTHS, nextChunk, type Std } from './layout.ts';
import { civilFromDays, daysFromCivil } from './civil-date.ts';
import { lookupZone } from './tzdata.ts';

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
export function goTimeQuote(s: string): string {
  let out = '"';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (byte >= 0x80 || byte < 0x20) out += `\\x${byte.toString(16).padStart(2, '0')}`;
    else out += c === '"' || c === '\\' ? `\\${c}` : c;
  }
  return `${out}"`;
}
