// esbuild settings shared by `npm run build` (ESM files for Node 20+) and `npm run build:exe`
// (one CommonJS file for Node's single executable applications): every runtime dependency is
// bundled in, the build facts of `hookline version` are fixed in, nothing needs type stripping.
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readBuildInfo } from '../src/cli/build-info.ts';

export const projectRoot = resolve(import.meta.dirname, '..');
export const distDir = join(projectRoot, 'dist');

/** A data file read next to its module is inlined as a string, so the bundle carries it. */
const inlineDataFiles: Plugin = {
  name: 'hookline-inline-data-files',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const rewritten = text.replace(/readFileSync\(new URL\('(\.[^']+)', import\.meta\.url\), 'utf8'\)/g,
        (_, file: string) => JSON.stringify(readFileSync(resolve(dirname(args.path), file), 'utf8')));
      return rewritten === text ? undefined : { contents: rewritten, loader: 'ts' };
    });
  },
};

function common(): BuildOptions {
  return {
    bundle: true,
    platform: 'node',
    target: 'node20',
    // Whitespace and syntax only: identifiers keep their names, so stack traces stay readable.
    minifyWhitespace: true,
    minifySyntax: true,
    plugins: [inlineDataFiles],
    define: { HOOKLINE_BUILD_INFO: JSON.stringify(readBuildInfo(projectRoot)) },
    logLevel: 'warning',
  };
}

// Bundled CommonJS packages call require() for Node's built-in modules; an ES module has none.
const esmRequire = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

// V8 reads these only at start, so they must be Node options (Node 20 knows both). A 1 MiB
// young-generation semi-space (V8's default grows to 16 MiB) keeps the new space at 2 MiB;
// optimizing compiles on the main thread instead of a worker keep peak memory from jumping by
// 5-6 MiB whenever a worker thread takes a compile job. Together they cut peak memory of the
// bitnami charts by 5-12% at no measured CPU cost; a render of megabytes promotes more and peaks
// ~15% higher (README, "What each build option costs"). `env -S` splits the line into
// arguments (coreutils 8.30+, BSD and macOS env).
export const v8StartFlags = ['--max-semi-space-size=1', '--no-concurrent-recompilation'];
const shebang = `#!/usr/bin/env -S node ${v8StartFlags.join(' ')}`;

/**
 * ES module bundles of the named entries (output name -> source) in `outdir`, each started by a
 * shebang line. Code behind a dynamic import() goes into chunks/ and is read only when a
 * command needs it, which halves the start-up of small commands against one big file.
 */
export async function bundleEsm(entries: Record<string, string>, outdir: string): Promise<void> {
  await build({
    ...common(),
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, source]) => [name, join(projectRoot, source)])),
    outdir,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    format: 'esm',
    inject: [join(projectRoot, 'scripts', 'node20-compat.ts')],
    banner: { js: `${shebang}\n${esmRequire}` },
  });
}

/**
 * A CommonJS bundle (no top-level await, no import() left): the executable's (scripts/build-exe.ts)
 * or the package's for its commands that render (scripts/code-cached-run.ts). A CommonJS module
 * has no import.meta; the file named by `moduleFile` (an expression) stands in for its URL, read
 * when used: a start-up snapshot keeps every value its modules computed while it was built.
 * `plugins` go before the shared ones.
 */
export async function bundleCjs(entry: string, outfile: string, moduleFile: 'process.execPath' | '__filename', plugins: Plugin[] = []): Promise<void> {
  await build({
    ...common(),
    entryPoints: [join(projectRoot, entry)],
    outfile,
    format: 'cjs',
    plugins: [...plugins, ...(common().plugins ?? [])],
    define: { ...common().define, 'import.meta.url': 'globalThis.__hooklineModuleUrl' },
    banner: { js: `Object.defineProperty(globalThis, '__hooklineModuleUrl', { get: () => require('node:url').pathToFileURL(${moduleFile}).href });` },
  });
}
