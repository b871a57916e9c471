// `.Files` as Helm gives it to templates (pkg/engine/files.go): the chart's files other than
// templates and values, with Get, GetBytes, Glob, Lines, AsConfig and AsSecrets.
import { posix } from 'node:path';
import { toYaml } from '../codec/goyaml-emit.ts';
import { expectString } from '../funcs/arg-types.ts';
import { goFunc, markSliceType, type GoFunc, type GoMap, type GoObject, type GoValue } from '../template/gotypes.ts';
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

export class ChartFiles implements GoObject {
  readonly goType = 'engine.files';
  readonly entries: Map<string, Uint8Array>;
  readonly methods: Record<string, GoFunc>;

  constructor(entries: Map<string, Uint8Array>) {
    this.entries = entries;
    this.methods = {
      Get: goFunc('Get', (name) => this.text(expectString('Get', name))),
      GetBytes: goFunc('GetBytes', (name) => this.entries.get(expectString('GetBytes', name)) ?? new Uint8Array()),
      Glob: goFunc('Glob', (pattern) => this.glob(expectString('Glob', pattern))),
      Lines: goFunc('Lines', (name) => this.lines(expectString('Lines', name))),
      AsConfig: goFunc('AsConfig', () => this.asMap((data) => decoder.decode(data))),
      AsSecrets: goFunc('AsSecrets', () => this.asMap((data) => Buffer.from(data).toString('base64'))),
    };
  }

  static fromChart(files: ChartFile[]): ChartFiles {
    return new ChartFiles(new Map(files.map((f) => [f.name, f.data])));
  }

  field(): GoValue | undefined { return undefined; }
  method(name: string): GoFunc | undefined { return this.methods[name]; }
  format(): string {
    const parts = [...this.entries.keys()].sort().map((k) => `${k}:[${[...this.entries.get(k)!].join(' ')}]`);
    return `map[${parts.join(' ')}]`;
  }

  private text(name: string): string {
    const data = this.entries.get(name);
    return data ? decoder.decode(data) : '';
  }

  private glob(pattern: string): ChartFiles {
    const re = globRegex(pattern);
    return new ChartFiles(new Map([...this.entries].filter(([name]) => re.test(name))));
  }

  private lines(name: string): GoValue[] {
    const data = this.entries.get(name);
    if (!data || data.length === 0) return markSliceType([], 'string');
    const text = decoder.decode(data);
    return markSliceType((text.endsWith('\n') ? text.slice(0, -1) : text).split('\n'), 'string');
  }

  /** AsConfig/AsSecrets: base names to contents, as YAML; "{}" for none. */
  private asMap(encode: (data: Uint8Array) => string): string {

    const m: GoMap = {};
    for (const [name, data] of this.entries) m[posix.basename(name)] = encode(data);
    return toYaml(m);
  }
}
