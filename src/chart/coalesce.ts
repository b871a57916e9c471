// Values coalescing as Helm 4.1.4 does it (pkg/chart/common/util/coalesce.go): user values
// win over chart defaults, maps merge and everything else is replaced, each subchart sees
// its parent's values under its own name, globals flow down, and a null from the user
// deletes a default.
import { sprintf } from '../gofmt/fmt.ts';
import { isGoMap, type GoMap, type GoValue } from '../govalue/types.ts';
import type { Chart } from './types.ts';
import { warnToStderr, type ChartWarn } from './warnings.ts';

export const GLOBAL_KEY = 'global';

// Helm logs these with log.Printf, which Helm 4 routes to slog at INFO level.
type CoalesceWarn = (message: string) => void;

export class CoalesceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CoalesceError';
  }
}

/**
 * The values templates see: `userValues` over the chart's defaults, recursively into
 * subcharts. Nulls from the user remove keys. Neither input is modified.
 */
export function coalesceValues(chart: Chart, userValues: GoMap, warn: ChartWarn = warnToStderr): GoMap {
  return coalesce(info(warn), chart, deepCopyMap(userValues), '', false);
}

/** Like coalesceValues, but nulls are kept (Helm's MergeValues, used before a later coalesce). */
export function mergeChartValues(chart: Chart, userValues: GoMap, warn: ChartWarn = warnToStderr): GoMap {
  return coalesce(info(warn), chart, deepCopyMap(userValues), '', true);
}

/** Merges `src` under the authoritative `dst` (mutating and returning dst). */
export function coalesceTables(dst: GoMap, src: GoMap, warn: ChartWarn = warnToStderr): GoMap {
  return coalesceTablesFullKey(info(warn), dst, src, '', false);
}

/** coalesceTables keeping nulls. */
export function mergeTables(dst: GoMap, src: GoMap, warn: ChartWarn = warnToStderr): GoMap {
  return coalesceTablesFullKey(info(warn), dst, src, '', true);
}

function info(warn: ChartWarn): CoalesceWarn {
  return (message) => warn('INFO', message);
}

function coalesce(warn: CoalesceWarn, chart: Chart, dest: GoMap, prefix: string, merge: boolean): GoMap {
  coalesceChartDefaults(warn, chart, dest, prefix, merge);
  return coalesceDependencies(warn, chart, dest, prefix, merge);
}

function concatPrefix(a: string, b: string): string {
  return a === '' ? b : `${a}.${b}`;
}

function coalesceDependencies(warn: CoalesceWarn, chart: Chart, dest: GoMap, prefix: string, merge: boolean): GoMap {
  for (const sub of chart.dependencies) {
    const name = sub.metadata.name;
    if (!(name in dest)) {
      dest[name] = {};
    } else if (!isGoMap(dest[name])) {
      throw new CoalesceError(`type mismatch on ${name}: ${sprintf('%t', dest[name])}`);
    }
    const subValues = dest[name] as GoMap;
    const subPrefix = concatPrefix(prefix, chart.metadata.name);
    coalesceGlobals(warn, subValues, dest, subPrefix);
    dest[name] = coalesce(warn, sub, subValues, subPrefix, merge);
  }
  return dest;
}

/** Copies the parent's globals into the subchart's values; the subchart's own globals yield. */
function coalesceGlobals(warn: CoalesceWarn, dest: GoMap, src: GoMap, prefix: string): void {
  // The globals table of each side; undefined (and a warning) when it is not a table.
  const globalsOf = (values: GoMap, side: string): GoMap | undefined => {
    if (!(GLOBAL_KEY in values)) return {};
    if (isGoMap(values[GLOBAL_KEY])) return values[GLOBAL_KEY] as GoMap;
    warn(`warning: skipping globals because ${side} ${GLOBAL_KEY} is not a table.`);
    return undefined;
  };
  const destGlobals = globalsOf(dest, 'destination');
  if (!destGlobals) return;
  const srcGlobals = globalsOf(src, 'source');
  if (!srcGlobals) return;
  for (const [key, val] of Object.entries(srcGlobals)) {
    if (isGoMap(val)) {
      const copy = { ...val };
      if (!(key in destGlobals)) {
        destGlobals[key] = copy;
      } else if (!isGoMap(destGlobals[key])) {
        warn(`Conflict: cannot merge map onto non-map for ${JSON.stringify(key)}. Skipping.`);
      } else {
        // Parent globals win over the subchart's: merge top-down (nulls kept for the later coalesce).
        coalesceTablesFullKey(warn, copy, destGlobals[key] as GoMap, concatPrefix(prefix, key), true);
        destGlobals[key] = copy;
      }
    } else if (key in destGlobals && isGoMap(destGlobals[key])) {
      warn(`key ${key} is table. Skipping`);
    } else {
      destGlobals[key] = val;
    }
  }
  dest[GLOBAL_KEY] = destGlobals;
}

/** Fills `v` (user values for this chart) with the chart's defaults. */
function coalesceChartDefaults(warn: CoalesceWarn, chart: Chart, v: GoMap, prefix: string, merge: boolean): void {
  const subPrefix = concatPrefix(prefix, chart.metadata.name);
  const defaults = deepCopyMap(chart.values);
  for (const [key, val] of Object.entries(defaults)) {
    if (!(key in v)) {
      v[key] = val;
      continue;
    }
    const value = v[key];
    if (value === null && !merge) {
      // A null from any user source removes the chart's default.
      delete v[key];
    } else if (isGoMap(value)) {
      if (!isGoMap(val)) {
        if (val !== null) warn(`warning: skipped value for ${subPrefix}.${key}: Not a table.`);
      } else {
        // Values destined for a subchart keep their nulls until that subchart is coalesced.
        const childMerge = chart.dependencies.some((d) => d.metadata.name === key) || merge;
        coalesceTablesFullKey(warn, value, val, concatPrefix(subPrefix, key), childMerge);
      }
    }
  }
}

function coalesceTablesFullKey(warn: CoalesceWarn, dst: GoMap, src: GoMap, prefix: string, merge: boolean): GoMap {
  // Keys the defaults really set, to tell "user nulls a default" from "user sets a new null".
  const srcNonNil = new Set(Object.keys(src).filter((k) => src[k] !== null));
  for (const [key, val] of Object.entries(dst)) {
    if (val === null) src[key] = null;
  }
  for (const [key, val] of Object.entries(src)) {
    const fullKey = concatPrefix(prefix, key);
    const present = key in dst;
    const dv = dst[key];
    if (present && !merge && dv === null && srcNonNil.has(key)) {
      delete dst[key];
    } else if (!present) {
      dst[key] = val;
    } else if (isGoMap(val)) {
      if (isGoMap(dv)) coalesceTablesFullKey(warn, dv, val, fullKey, merge);
      else warn(`warning: cannot overwrite table with non table for ${fullKey} (${sprintf('%v', val)})`);
    } else if (isGoMap(dv) && val !== null) {
      warn(`warning: destination for ${fullKey} is a table. Ignoring non-table value (${sprintf('%v', val)})`);
    }
  }
  return dst;
}

/** A deep copy of maps and lists (scalars are immutable). */
export function deepCopyMap(m: GoMap): GoMap {
  const out: GoMap = {};
  for (const [k, v] of Object.entries(m)) out[k] = deepCopyValue(v);
  return out;
}

export function deepCopyValue(v: GoValue): GoValue {
  if (Array.isArray(v)) return v.map(deepCopyValue);
  if (isGoMap(v)) return deepCopyMap(v);
  return v;
}
