// Helm's fromToml: BurntSushi/toml's Unmarshal into map[string]interface{} (integers int64,
// floats float64, date-times time.Time), parsed with smol-toml.
import { parse, TomlDate, TomlError } from 'smol-toml';
import { GoInteger, GoTime, markSliceType, type GoMap, type GoValue } from '../govalue/types.ts';

/** The decoded table; throws "toml: line N: ..." (BurntSushi's prefix, smol-toml's wording). */
export function goTomlUnmarshal(text: string): GoMap {
  try {
    return toGo(parse(text, { integersAsBigInt: true }), [], arrayOfTablesPaths(text)) as GoMap;
  } catch (err) {
    if (err instanceof TomlError) throw new Error(`toml: line ${err.line}: ${err.message.split('\n')[0]}`);
    throw err;
  }
}

/**
 * The dotted paths of `[[array.of.tables]]` headers: BurntSushi decodes those as
 * []map[string]interface{}, while inline arrays stay []interface{}.
 */
function arrayOfTablesPaths(text: string): Set<string> {
  const paths = new Set<string>();
  for (const match of text.matchAll(/^[ \t]*\[\[(.+?)\]\]/gm)) {
    const parts = match[1].match(/"(?:[^"\\]|\\.)*"|'[^']*'|[^.]+/g) ?? [];
    paths.add(parts.map((p) => p.trim().replace(/^["']|["']$/g, '')).join('.'));
  }
  return paths;
}

function toGo(v: unknown, path: string[], tableArrays: Set<string>): GoValue {
  if (typeof v === 'bigint') return new GoInteger('int64', v);
  if (v instanceof TomlDate) return toGoTime(v);
  if (Array.isArray(v)) {
    const items = v.map((item) => toGo(item, path, tableArrays));
    return tableArrays.has(path.join('.')) ? markSliceType(items, 'map[string]interface {}') : items;
  }
  if (v !== null && typeof v === 'object') {
    const out: GoMap = {};
    for (const [key, value] of Object.entries(v)) {
      Object.defineProperty(out, key, {
        value: toGo(value, [...path, key], tableArrays), enumerable: true, writable: true, configurable: true,
      });
    }
    return out;
  }
  return v as GoValue;
}

/**
 * Local date-times are in Go's time.Local (the process zone, as for JS local dates); offset
 * date-times keep whole-hour offsets as Etc/GMT zones, others are shown in UTC.
 */
function toGoTime(date: TomlDate): GoTime {
  const nanos = (epochMillis: number) => BigInt(epochMillis) * 1_000_000n;
  if (date.isLocal()) {
    const civil = new Date(date.getTime());
    const local = new Date(civil.getUTCFullYear(), civil.getUTCMonth(), civil.getUTCDate(),
      civil.getUTCHours(), civil.getUTCMinutes(), civil.getUTCSeconds(), civil.getUTCMilliseconds());
    return new GoTime(nanos(local.getTime()), 'Local');
  }
  const offset = /([+-])(\d{2}):(\d{2})$/.exec(date.toISOString());
  if (!offset || offset[3] !== '00' || offset[2] === '00') return new GoTime(nanos(date.getTime()), 'UTC');
  // Etc/GMT zones are named with the opposite sign.
  const zone = `Etc/GMT${offset[1] === '+' ? '-' : '+'}${Number(offset[2])}`;
  return new GoTime(nanos(date.getTime()), zone);
}
