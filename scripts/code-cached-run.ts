// How the package runs the commands that render charts (scripts/bundle-entry.ts): from one
// CommonJS bundle of the whole command line (dist/hookline-cli.cjs), compiled with the V8 code
// cache that an earlier run of the same command wrote when it finished. That cache holds the
// bytecode of every function the run compiled, those compiled lazily on their first call
// included, where Node's compile cache holds only what was compiled before a module ran: a
// render of a usual chart spends a quarter of its CPU less (README, "What each build option
// costs"). One file per command, Node version and bundle, under the user's cache directory;
// V8 rejects a cache of another V8 or other flags, and a rejected cache is written anew.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** The folder of the cache files: $XDG_CACHE_HOME/hookline/code-cache, or ~/.cache/hookline/code-cache. */
function codeCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'hookline', 'code-cache');
}

/** A short hash (FNV-1a) of the Node options of this run: V8 rejects a cache made under other flags. */
function optionsKey(env: NodeJS.ProcessEnv): string {
  let hash = 0x811c9dc5;
  for (const c of `${process.execArgv.join(' ')}\n${env.NODE_OPTIONS ?? ''}`) hash = Math.imul(hash ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/**
 * The cache file of `command` for this bundle. V8 checks a cache only against the source's
 * length, so the bundle's identity (size, modification time, inode) is in the name: a bundle
 * installed anew never meets the bytecode of the one before. So are the Node options, so that
 * runs with other V8 flags (a NODE_OPTIONS) keep a cache of their own instead of rejecting and
 * rewriting one file in turn.
 */
function codeCacheFile(bundle: string, command: string, env: NodeJS.ProcessEnv = process.env): string {
  const { size, mtimeMs, ino } = statSync(bundle);
  return join(codeCacheDir(env), `${command}-${process.version}-${process.arch}-${optionsKey(env)}-${size}-${Math.trunc(mtimeMs)}-${ino}.bin`);
}

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined; // the first run of this command
  }
}

/** Written beside and renamed into place, so that a concurrent run reads a whole file or none. */
function writeCache(file: string, script: Script): void {
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, script.createCachedData(), { mode: 0o600 });
    renameSync(partial, file);
  } catch {
    // A cache that cannot be written (a read-only home) costs only speed.
  }
}

/** Runs the CommonJS bundle as Node would run it as a module, its code cache read first and written at exit if it had none. */
export function runWithCodeCache(bundle: string, command: string): void {
  const file = codeCacheFile(bundle, command);
  const cachedData = readCache(file);
  // Node's module wrapper on the same line as the first source line, so positions in stack traces stay right.
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(bundle, 'utf8')}\n})`;
  const script = new Script(source, { filename: bundle, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) process.once('exit', () => writeCache(file, script));
  const module = { exports: {} };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
}
