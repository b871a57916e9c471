// The files below a folder, for tests that compare what two tools wrote.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Relative paths of every file (not folder) below `dir`, sorted. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((rel) => statSync(join(dir, rel)).isFile()).sort();
}

/** Every file below `dir` by relative path, mapped to `describe(its absolute path)`. */
export function fileTree(dir: string, describe: (path: string) => string): Record<string, string> {
  return Object.fromEntries(filesUnder(dir).map((rel) => [rel, describe(join(dir, rel))]));
}
