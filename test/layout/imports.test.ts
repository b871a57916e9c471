// Keeps the README's layout true: every src/ folder is listed in its "Layout" section, and each
// file imports (types included) only from its own folder or folders listed above it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const srcRoot = join(root, 'src');

/** The src/ folders in the order the README's Layout section lists them (lowest layer first). */
function documentedOrder(readme: string): string[] {
  const section = readme.slice(readme.indexOf('\n## Layout'));
  const block = section.slice(section.indexOf('```') + 3, section.indexOf('```', section.indexOf('```') + 3));
  return [...block.matchAll(/^src\/([\w-]+)\//gm)].map((m) => m[1]);
}

/** Relative module specifiers of one source file: static imports and re-exports, side-effect and dynamic imports. */
function relativeImports(text: string): string[] {
  const patterns = [
    /^\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((p) => [...text.matchAll(p)].map((m) => m[1])).filter((s) => s.startsWith('.'));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

const topFolder = (path: string) => relative(srcRoot, path).split(sep)[0];

/** "src/a/x.ts -> src/b/y.ts" for every import that reaches a folder listed below the importer's. */
function upwardImports(files: Array<{ path: string; text: string }>, order: string[]): string[] {
  const found: string[] = [];
  for (const { path, text } of files) {
    const from = topFolder(path);
    for (const spec of relativeImports(text)) {
      const target = resolve(dirname(path), spec);
      if (relative(srcRoot, target).startsWith('..')) continue;
      const to = topFolder(target);
      if (to !== from && order.indexOf(to) > order.indexOf(from)) found.push(`src/${relative(srcRoot, path)} -> src/${relative(srcRoot, target)}`);
    }
  }
  return found;
}

const order = documentedOrder(readFileSync(join(root, 'README.md'), 'utf8'));

test('the README lists every src/ folder in its layout order', () => {
  assert.ok(order.length > 10, `the README's Layout section lists only ${order.length} src/ folders`);
  const folders = readdirSync(srcRoot, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  assert.deepEqual(folders.filter((f) => !order.includes(f)), [], 'src/ folders missing from the README Layout section');
  assert.deepEqual(order.filter((f) => !folders.includes(f)), [], 'README Layout names src/ folders that do not exist');
});

test('no src/ file imports from a folder listed below its own', () => {
  const files = sourceFiles(srcRoot).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
  assert.ok(files.length > 100);
  assert.deepEqual(upwardImports(files, order), []);
});

test('the check finds upward static, type-only, re-exported and dynamic imports, and no others', () => {
  const file = (path: string, text: string) => ({ path: join(srcRoot, path), text });
  const found = upwardImports([
    file('codec/a.ts', "import { x } from '../release/x.ts';\nimport type {\n  Y,\n} from '../kube/y.ts';\nimport { z } from '../govalue/z.ts';\n"),
    file('chart/b.ts', "export { w } from '../cli/w.ts';\nconst m = () => import('../report/m.ts');\nimport './own.ts';\n"),
    file('cli/c.ts', "import { x } from '../codec/x.ts';\n"),
  ], ['govalue', 'codec', 'chart', 'kube', 'release', 'report', 'cli']);
  assert.deepEqual(found, [
    'src/codec/a.ts -> src/release/x.ts',
    'src/codec/a.ts -> src/kube/y.ts',
    'src/chart/b.ts -> src/cli/w.ts',
    'src/chart/b.ts -> src/report/m.ts',
  ]);
});
