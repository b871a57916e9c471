// `.Files` as Helm gives it to templates (pkg/engine/files.go): the chart's files other than
// templates and values, with Get, GetBytes, Glob, Lines, AsConfig and AsSecrets.
import { posix } from 'node:path';
import { toYaml } from '../codec/goyaml-emit.ts';
import { expectString } from '../funcs/arg-types.ts';
import { goFunc, markSliceType, type GoFunc, type GoMap, type GoObject, type GoValue } from '../govalue/types.ts';
import type { ChartFile } from '../chart/types.ts';

/**
 * gobwas/glob with '/' as separator, as Files.Glob compiles it: `**` crosses directories,
 * `*` and `?` do not, plus [classes] and {alternatives}.
 */
function globRegex(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') { source += '.*'; i++; }
    else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) throw new Error(`unexpected end of input in glob pattern "${pattern}"`);
      const body = pattern.slice(i + 1, end);
      source += body.startsWith('!') ? `[^${body.slice(1)}]` : `[${body}]`;
      i = end;
    } else if (c === '{') source += '(?:';
    else if (c === '}') source += ')';
    else if (c === ',' ) source += pattern.lastIndexOf('{', i) > pattern.lastIndexOf('}', i) ? '|' : ',';
    else if (c === '\\' && i + 1 < pattern.length) source += `\\${pattern[++i]}`;
    else source += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}

const decoder = new TextDecoder();

/** Go's engine.files: a map of path to bytes that also has methods. */
export type ChartFiles = GoMap & GoObject;

/**
 * Builds `.Files`. Like Go's named map type it is both a map (range, len, index and toJson
 * see path -> bytes) and an object with methods: the GoObject members are non-enumerable
 * properties of a null-prototype map, so only the file paths show as keys.
 */
export function chartFiles(entries: Map<string, Uint8Array>): ChartFiles {
  const files = Object.create(null) as GoMap;
  const text = (name: string) => {
    const data = entries.get(name);
    return data ? decoder.decode(data) : '';
  };
  const lines = (name: string): GoValue[] => {
    const data = entries.get(name);
    if (!data || data.length === 0) return markSliceType([], 'string');
    const content = decoder.decode(data);
    return markSliceType((content.endsWith('\n') ? content.slice(0, -1) : content).split('\n'), 'string');
  };
  // AsConfig/AsSecrets: base names to contents, as YAML.
  const asMap = (encode: (data: Uint8Array) => string): string => {
    const m: GoMap = {};
    for (const [name, data] of entries) m[posix.basename(name)] = encode(data);
    return toYaml(m);
  };
  const methods: Record<string, GoFunc> = {
    Get: goFunc('Get', (name) => text(expectString('Get', name))),
    GetBytes: goFunc('GetBytes', (name) => entries.get(expectString('GetBytes', name)) ?? new Uint8Array()),
    Glob: goFunc('Glob', (pattern) => {
      const re = globRegex(expectString('Glob', pattern));
      return chartFiles(new Map([...entries].filter(([name]) => re.test(name))));
    }),
    Lines: goFunc('Lines', (name) => lines(expectString('Lines', name))),
    AsConfig: goFunc('AsConfig', () => asMap((data) => decoder.decode(data))),
    AsSecrets: goFunc('AsSecrets', () => asMap((data) => Buffer.from(data).toString('base64'))),
  };
  const objectMembers: Omit<GoObject, never> = {
    goType: 'engine.files',
    field: () => undefined,
    method: (name: string) => methods[name],
    format: () => `map[${[...entries.keys()].sort().map((k) => `${k}:[${[...entries.get(k)!].join(' ')}]`).join(' ')}]`,
  };
  for (const [key, value] of Object.entries(objectMembers)) Object.defineProperty(files, key, { value, enumerable: false });
  for (const [name, data] of entries) {
    if (!Object.hasOwn(objectMembers, name)) files[name] = data;
  }
  return files as ChartFiles;
}

export function chartFilesOf(files: ChartFile[]): ChartFiles {
  return chartFiles(new Map(files.map((f) => [f.name, f.data])));
}
