// Combines the user's value sources in Helm's order (pkg/cli/values Options.MergeValues):
// -f files, then --set-json, --set, --set-string, --set-file and --set-literal, each
// later source overriding earlier ones.
import { readFileSync } from 'node:fs';
import { loadValuesYaml, mergeMaps } from '../chart/values-yaml.ts';
import { goPathError } from '../gofmt/path-error.ts';
import { isValueUrl, UnfetchedValueUrl, type FetchedValueSource } from './url-sources.ts';
import { isGoMap, type GoMap } from '../govalue/types.ts';
import {
  fromJson, parseSetFileInto, parseSetInto, parseSetJsonInto, parseSetLiteralInto, parseSetStringInto,
} from './strvals.ts';

export interface ValueSources {
  valueFiles: string[];
  set: string[];
  setString: string[];
  setFile: string[];
  setJson: string[];
  setLiteral: string[];
  /** The URL sources already fetched (fetchValueUrls), by URL. */
  fetched?: ReadonlyMap<string, FetchedValueSource>;
}

/** A bad value source; the message is Helm's ("failed parsing --set data: ..."). */
export class ValuesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValuesError';
  }
}

export function emptyValueSources(): ValueSources {
  return { valueFiles: [], set: [], setString: [], setFile: [], setJson: [], setLiteral: [] };
}

/** The user-supplied values, before they are coalesced with the chart's defaults. */
export function mergeValueSources(sources: Partial<ValueSources>, readStdin: () => string = () => readFileSync(0, 'utf8')): GoMap {
  const s = { ...emptyValueSources(), ...sources };
  let base: GoMap = {};
  for (const file of s.valueFiles) {
    const text = readValueSource(file, readStdin, s.fetched);
    let current: GoMap;
    try {
      current = loadValuesYaml(text);
    } catch (err) {
      throw new ValuesError(`failed to parse ${file}: ${(err as Error).message}`);
    }
    base = mergeMaps(base, current);
  }
  for (const value of s.setJson) {
    const trimmed = value.trim();
    if (trimmed.startsWith('{')) {
      // Helm 4 also takes a whole JSON object.
      let parsed: unknown;
      try {
        parsed = JSON.parse(trimmed);
      } catch {
        throw new ValuesError(`failed parsing --set-json data JSON: ${value}`);
      }
      const object = fromJson(parsed);
      if (!isGoMap(object)) throw new ValuesError(`failed parsing --set-json data JSON: ${value}`);
      base = mergeMaps(base, object);
      continue;
    }
    try {
      parseSetJsonInto(value, base);
    } catch {
      throw new ValuesError(`failed parsing --set-json data ${value}`);
    }
  }
  applyLines(s.set, '--set', (line) => parseSetInto(line, base));
  applyLines(s.setString, '--set-string', (line) => parseSetStringInto(line, base));
  applyLines(s.setFile, '--set-file', (line) => parseSetFileInto(line, base, (path) => readValueSource(path, readStdin, s.fetched)));
  applyLines(s.setLiteral, '--set-literal', (line) => parseSetLiteralInto(line, base));
  return base;
}

function applyLines(lines: string[], flag: string, parse: (line: string) => void): void {
  for (const line of lines) {
    try {
      parse(line);
    } catch (err) {
      if (err instanceof UnfetchedValueUrl) throw err;
      throw new ValuesError(`failed parsing ${flag} data: ${(err as Error).message}`);
    }
  }
}

/** Reads a values file, '-' for stdin or a fetched URL, with Go's "open NAME: ..." error text for files. */
function readValueSource(path: string, readStdin: () => string, fetched: ReadonlyMap<string, FetchedValueSource> = new Map()): string {
  if (path.trim() === '-') return readStdin();
  if (isValueUrl(path)) {
    const source = fetched.get(path);
    if (source === undefined) throw new UnfetchedValueUrl(path);
    if ('error' in source) throw new ValuesError(source.error);
    return source.data;
  }
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new ValuesError(goPathError('open', path, err));
  }
}
