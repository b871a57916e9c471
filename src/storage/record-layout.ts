// The release record as the Go structs Helm encodes (release/v1 Release, Info, Hook and
// chart/v2 Chart, Metadata, Dependency, Lock, File): field order and json tags, so the JSON
// written is byte for byte what Helm writes. Maps (values, config, annotations) stay Go maps.
import { GoStruct, type StructField } from '../codec/go-json.ts';
import type { Release } from './record.ts';

/** always: a plain field; omitempty: Go's tag; time: a time.Time left out when zero (omitzero, or Helm's MarshalJSON). */
type Tag = 'always' | 'omitempty' | 'time';
type Convert = (value: unknown) => unknown;
type FieldLayout = readonly [name: string, tag: Tag, convert?: Convert];

const zeroTime = '0001-01-01T00:00:00Z';

function isZeroTime(v: unknown): boolean {
  return v === undefined || v === null || v === '' || v === zeroTime;
}

/** A pointer to a struct: null when absent, else the fields in layout order. */
function struct(layout: readonly FieldLayout[]): Convert {
  return (value) => {
    if (value === undefined || value === null) return null;
    const source = value as Record<string, unknown>;
    const fields: StructField[] = [];
    for (const [name, tag, convert] of layout) {
      const v = convert ? convert(source[name]) : source[name];
      if (tag === 'time') {
        if (!isZeroTime(v)) fields.push([name, v]);
      } else fields.push([name, v, tag === 'omitempty' ? 'omitempty' : undefined]);
    }
    return new GoStruct(fields);
  };
}

/** A slice: null when nil, else each element converted. */
function each(convert: Convert): Convert {
  return (value) => (Array.isArray(value) ? value.map(convert) : null);
}

/** A time.Time without omitempty/omitzero: the zero time when unset. */
const timeOrZero: Convert = (v) => (isZeroTime(v) ? zeroTime : v);

/** A Go string without omitempty: "" when unset. */
const text: Convert = (v) => v ?? '';

const file = struct([['name', 'always'], ['data', 'always'], ['modtime', 'time']]);

const dependency = struct([
  ['name', 'always', text], ['version', 'omitempty'], ['repository', 'always', text], ['condition', 'omitempty'],
  ['tags', 'omitempty'], ['enabled', 'omitempty'], ['import-values', 'omitempty'], ['alias', 'omitempty'],
]);

const maintainer = struct([['name', 'omitempty'], ['email', 'omitempty'], ['url', 'omitempty']]);

const metadata = struct([
  ['name', 'omitempty'], ['home', 'omitempty'], ['sources', 'omitempty'], ['version', 'omitempty'],
  ['description', 'omitempty'], ['keywords', 'omitempty'], ['maintainers', 'omitempty', each(maintainer)],
  ['icon', 'omitempty'], ['apiVersion', 'omitempty'], ['condition', 'omitempty'], ['tags', 'omitempty'],
  ['appVersion', 'omitempty'], ['deprecated', 'omitempty'], ['annotations', 'omitempty'], ['kubeVersion', 'omitempty'],
  ['dependencies', 'omitempty', each(dependency)], ['type', 'omitempty'],
]);

const lock = struct([['generated', 'always', timeOrZero], ['digest', 'always', text], ['dependencies', 'always', each(dependency)]]);

const chart = struct([
  ['metadata', 'always', metadata], ['lock', 'always', lock], ['templates', 'always', each(file)],
  ['values', 'always'], ['schema', 'always'], ['schemamodtime', 'always', timeOrZero], ['files', 'always', each(file)],
  ['modtime', 'time'],
]);

const execution = struct([['started_at', 'time'], ['completed_at', 'time'], ['phase', 'always', (v) => v ?? '']]);

const hook = struct([
  ['name', 'omitempty'], ['kind', 'omitempty'], ['path', 'omitempty'], ['manifest', 'omitempty'], ['events', 'omitempty'],
  // A struct field: never left out, even with omitempty.
  ['last_run', 'always', (v) => execution(v ?? {})],
  ['weight', 'omitempty'], ['delete_policies', 'omitempty'], ['output_log_policies', 'omitempty'],
]);

const info = struct([
  ['first_deployed', 'time'], ['last_deployed', 'time'], ['deleted', 'time'], ['description', 'omitempty'],
  ['status', 'omitempty'], ['notes', 'omitempty'], ['resources', 'omitempty'],
]);

const release = struct([
  ['name', 'omitempty'], ['info', 'omitempty', info], ['chart', 'omitempty', chart], ['config', 'omitempty'],
  ['manifest', 'omitempty'], ['hooks', 'omitempty', each(hook)], ['version', 'omitempty'], ['namespace', 'omitempty'],
  ['apply_method', 'omitempty'],
]);

/** A Chart.yaml dependency as Helm's chart.Dependency struct. */
export function dependencyStruct(d: unknown): GoStruct {
  return dependency(d) as GoStruct;
}

/** The release as Helm's Go structs; labels are not part of it (they live on the storage object). */
export function releaseStruct(r: Release): GoStruct {
  return release(r) as GoStruct;
}
