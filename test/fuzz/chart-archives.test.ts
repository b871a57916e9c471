// fast-check over chart archives: random .tgz files of hostile entries (absolute paths, "..",
// drive letters, links and devices, entries past helm's size limits, too many entries) are unpacked with
// `pull --untar`'s expansion into an empty directory. Either the archive is refused with an
// error naming what is wrong and nothing at all was written, or every file written lies inside
// the chart's directory and is a plain file. Loading the same archives never crashes either.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lstatSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { MAX_CHART_ARCHIVE_ENTRIES } from '../../src/chart/archive-check.ts';
import { MAX_DECOMPRESSED_FILE_SIZE } from '../../src/chart/archive.ts';
import { expandChartArchive } from '../../src/chart/expand.ts';
import { loadChart } from '../../src/chart/load.ts';
import { cleanly, fuzzRuns } from './clean-failure.ts';

interface Entry { path: string; type: 'file' | 'dir' | 'symlink' | 'hardlink' | 'chardev'; link?: string; size: number }

const typeFlags = { file: '0', hardlink: '1', symlink: '2', chardev: '3', dir: '5' } as const;

/** One ustar header block (512 bytes), field by field as POSIX describes it. */
function header(entry: Entry): Buffer {
  const block = Buffer.alloc(512);
  const field = (offset: number, length: number, value: string) => block.write(value, offset, length, 'utf8');
  const octal = (offset: number, length: number, n: number) => field(offset, length, `${n.toString(8).padStart(length - 1, '0')}\0`);
  field(0, 100, entry.path);
  octal(100, 8, entry.type === 'dir' ? 0o755 : 0o644);
  octal(108, 8, 0);
  octal(116, 8, 0);
  octal(124, 12, entry.type === 'file' ? entry.size : 0);
  octal(136, 12, 1700000000);
  field(148, 8, '        ');
  field(156, 1, typeFlags[entry.type]);
  field(157, 100, entry.link ?? '');
  field(257, 8, 'ustar\u000000');
  field(148, 8, `${block.reduce((a, b) => a + b, 0).toString(8).padStart(6, '0')}\0 `);
  return block;
}

const chartYaml = 'apiVersion: v2\nname: fuzzed\nversion: 0.1.0\n';

/** A gzipped tar: a valid fuzzed/Chart.yaml, then the entries (file bodies are filled with "a"). */
function archive(entries: Entry[]): Buffer {
  const blocks: Buffer[] = [header({ path: 'fuzzed/Chart.yaml', type: 'file', size: chartYaml.length }), Buffer.alloc(512)];
  blocks[1].write(chartYaml);
  for (const e of entries) {
    blocks.push(header(e));
    if (e.type === 'file' && e.size > 0) blocks.push(Buffer.alloc(Math.ceil(e.size / 512) * 512).fill(0x61, 0, e.size));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

const segment = fc.constantFrom('fuzzed', 'templates', 'a.yaml', 'values.yaml', '..', '.', '', 'C:', 'x\\..\\y', 'charts', 'é');
const entryPath = fc.tuple(fc.constantFrom('fuzzed/', '/', '', '../', 'fuzzed/../', 'C:/'), fc.array(segment, { minLength: 1, maxLength: 4 }))
  .map(([prefix, parts]) => prefix + parts.join('/'));
const entry: fc.Arbitrary<Entry> = fc.record({
  path: entryPath,
  type: fc.constantFrom('file', 'file', 'file', 'dir', 'symlink', 'hardlink', 'chardev'),
  link: fc.constantFrom('/etc/passwd', '../../outside', 'templates/a.yaml', ''),
  size: fc.oneof(fc.integer({ min: 0, max: 600 }), fc.constant(MAX_DECOMPRESSED_FILE_SIZE + 1)),
}).map((e) => (e.type === 'symlink' || e.type === 'hardlink' ? e : { ...e, link: undefined })); // only links carry a target

/** Every path under `dir`, relative to it. */
function written(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String);
}

/** Unpacks into an empty directory: refused with nothing written, or only plain files inside fuzzed/. */
function expandChecked(entries: Entry[]): 'refused' | 'unpacked' {
  const dir = mkdtempSync(join(tmpdir(), 'hookline-fuzz-untar-'));
  try {
    const result = cleanly(() => { expandChartArchive(archive(entries), dir); return 'unpacked' as const; },
      /chart|archive|larger than the maximum|YAML|no files/i, entries);
    if (result === undefined) {
      assert.deepEqual(written(dir), [], `a refused archive wrote nothing: ${JSON.stringify(entries)}`);
      return 'refused';
    }
    for (const path of written(dir)) {
      const full = join(dir, path);
      assert.ok(!relative(join(dir, 'fuzzed'), full).startsWith('..') && path.split(sep)[0] === 'fuzzed', `${path} is outside the chart`);
      const stat = lstatSync(full);
      assert.ok(stat.isFile() || stat.isDirectory(), `${path} is neither a file nor a directory`);
    }
    return 'unpacked';
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('chart archives of random hostile entries: refused before writing anything, or unpacked inside the chart', () => {
  const outcomes = new Set<string>();
  fc.assert(fc.property(fc.array(entry, { maxLength: 5 }), (entries) => { outcomes.add(expandChecked(entries)); }), fuzzRuns(200));
  assert.deepEqual([...outcomes].sort(), ['refused', 'unpacked'], 'the generator reaches both outcomes');
});

test('chart archives: each kind of hostile entry is refused and nothing is written', () => {
  const hostile: Array<[string, Entry]> = [
    ['absolute path', { path: '/etc/cron.d/x', type: 'file', size: 3 }],
    ['parent directory', { path: 'fuzzed/../../outside', type: 'file', size: 3 }],
    ['symlink out of the chart', { path: 'fuzzed/templates/link', type: 'symlink', link: '/etc/passwd', size: 0 }],
    ['hard link', { path: 'fuzzed/templates/hard', type: 'hardlink', link: 'fuzzed/Chart.yaml', size: 0 }],
    ['device', { path: 'fuzzed/dev', type: 'chardev', size: 0 }],
    ['entry past the file size limit', { path: 'fuzzed/templates/huge.yaml', type: 'file', size: MAX_DECOMPRESSED_FILE_SIZE + 1 }],
  ];
  for (const [what, e] of hostile) assert.equal(expandChecked([{ path: 'fuzzed/values.yaml', type: 'file', size: 4 }, e]), 'refused', what);
  const tooMany = Array.from({ length: MAX_CHART_ARCHIVE_ENTRIES }, (_, i): Entry => ({ path: `fuzzed/templates/f${i}.yaml`, type: 'file', size: 1 }));
  assert.equal(expandChecked(tooMany), 'refused', 'more entries than MAX_CHART_ARCHIVE_ENTRIES (with Chart.yaml)');
  assert.equal(expandChecked(tooMany.slice(1)), 'unpacked', 'exactly MAX_CHART_ARCHIVE_ENTRIES entries');
});

test('loading random archives as charts: a chart, or an error naming the archive', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hookline-fuzz-load-'));
  try {
    const file = join(dir, 'fuzzed-0.1.0.tgz');
    fc.assert(fc.property(fc.array(entry, { maxLength: 4 }), (entries) => {
      writeFileSync(file, archive(entries));
      cleanly(() => loadChart(file, () => {}), /fuzzed-0\.1\.0\.tgz|chart|archive/i, entries);
    }), fuzzRuns(150));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
