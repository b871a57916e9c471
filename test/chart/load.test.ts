// Chart loading against helm 4.1.4: directory and archive give the same chart, .helmignore
// selects the same files, bad Chart.yaml and unsafe archives fail with helm's messages.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { loadChart } from '../../src/chart/load.ts';
import { MAX_DECOMPRESSED_FILE_SIZE } from '../../src/chart/archive.ts';
import { checkedChartArchive } from '../../src/chart/archive-check.ts';
import { ChartLoadError, type Chart } from '../../src/chart/types.ts';
import { referenceTool } from '../support/reference-tools.ts';
import { chartsDir, helmError, helmTemplate, renderedComments, stageChart, writeChart } from './helm-reference.ts';

const listFiles = '# {{ range $path, $_ := .Files }}{{ $path }},{{ end }}\n';

function summary(c: Chart): unknown {
  return {
    name: c.metadata.name, version: c.metadata.version, deps: c.metadata.dependencies.map((d) => d.name),
    templates: c.templates.map((t) => t.name).sort(), files: c.files.map((f) => f.name).sort(), values: c.values,
    subcharts: c.dependencies.map(summary),
  };
}

test('a packaged chart loads the same as its directory', () => {
  const staged = stageChart('chart-deps', ['chart-packed']);
  try {
    execFileSync(referenceTool('helm4'), ['package', staged.dir, '-d', join(staged.dir, '..')], { stdio: 'ignore' });
    const archive = readdirSync(join(staged.dir, '..')).find((f) => f.endsWith('.tgz'))!;
    const fromDir = loadChart(staged.dir);
    const fromArchive = loadChart(join(staged.dir, '..', archive));
    assert.deepEqual(summary(fromArchive), summary(fromDir));
    assert.ok(fromDir.files.some((f) => f.name === 'keep.txt'));
    assert.ok(!fromDir.files.some((f) => f.name === 'notes.bak' || f.name === 'secret.txt'), '.helmignore applied');
    assert.ok(!fromDir.templates.some((f) => f.name === 'templates/skip.txt'), '.helmignore applied to templates');
  } finally {
    staged.cleanup();
  }
});

describe('.helmignore selects the files helm keeps', () => {
  const layout: Record<string, string> = {
    'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
    'templates/files.yaml': listFiles,
    'templates/.hidden.yaml': 'hidden: {{ fail "dotfiles in templates are ignored" }}',
    'a.txt': 'a', 'b.md': 'b', 'docs/guide.md': 'g', 'docs/img/logo.png': 'p', 'sub/docs/x.txt': 'x',
    'secret.txt': 's', 'sub/secret.txt': 's', '.env': 'e', 'data/v1.json': '1', 'data/v2.json': '2', 'data/va.json': 'a',
  };
  const cases: Record<string, string> = {
    'no rules': '',
    'base-name glob': '*.md\n',
    'anchored path': '/secret.txt\n',
    'structural path': 'docs/*.md\n',
    'directory only': 'docs/\nsub/\n',
    'character class and ?': 'data/v[0-9].json\n?.txt\n',
    'comments and blanks': '# comment\n\n  *.txt  \n',
    'negation ignores everything it does not match': '!a.txt\n',
    'dotfiles': '.*\n',
  };
  for (const [name, rules] of Object.entries(cases)) {
    test(name, () => {
      const chart = writeChart({ ...layout, ...(rules ? { '.helmignore': rules } : {}) });
      try {
        const run = helmTemplate(chart.dir, []);
        let ours: unknown;
        try {
          ours = loadChart(chart.dir).files.map((f) => f.name).sort().join(',') + ',';
        } catch (err) {
          ours = { error: (err as Error).message };
        }
        if (run.status !== 0) {
          assert.deepEqual(ours, { error: helmError(run) });
          return;
        }
        const listed = renderedComments(run.stdout).get('c/templates/files.yaml') ?? '';
        assert.equal(ours, listed.split(',').filter(Boolean).sort().join(',') + ',');
      } finally {
        chart.cleanup();
      }
    });
  }
});

describe('bad charts fail with helm\'s message', () => {
  const charts: Record<string, Record<string, string>> = {
    'missing name': { 'Chart.yaml': 'apiVersion: v2\nversion: 1.0.0\n' },
    'missing version': { 'Chart.yaml': 'apiVersion: v2\nname: c\n' },
    'invalid version': { 'Chart.yaml': 'apiVersion: v2\nname: c\nversion: abc\n' },
    'invalid type': { 'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\ntype: plugin\n' },
    'name with a slash': { 'Chart.yaml': 'apiVersion: v2\nname: a/b\nversion: 1.0.0\n' },
    'YAML syntax error': { 'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\nfoo: bar: baz\n' },
    'list for a string field': { 'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\nappVersion: [1]\n' },
    'string for a bool field': { 'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\ndeprecated: "yes"\n' },
    'bad alias': { 'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\ndependencies:\n- name: x\n  alias: a.b\n' },
    'duplicate dependency': { 'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\ndependencies:\n- name: x\n- name: y\n  alias: x\n' },
    'values.yaml syntax error': { 'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n', 'values.yaml': 'a: b: c\n' },
    'values.yaml not a map': { 'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n', 'values.yaml': '- a\n' },
    'broken subchart': { 'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n', 'charts/s/Chart.yaml': 'apiVersion: v2\nname: s\n' },
  };
  for (const [name, files] of Object.entries(charts)) {
    test(name, () => {
      const chart = writeChart({ ...files, 'templates/x.yaml': '# x\n' });
      try {
        assert.throws(() => loadChart(chart.dir), (err: Error) => {
          assert.ok(err instanceof ChartLoadError);
          assert.equal(err.message, helmError(helmTemplate(chart.dir, [])));
          return true;
        });
      } finally {
        chart.cleanup();
      }
    });
  }

  test('Chart.yaml values coerce to strings as helm does', () => {
    const chart = writeChart({
      'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.10\nappVersion: true\ndescription: 12\nhome: 1.5e3\nannotations: {a: 1, b: yes, c: 1.50}\nkeywords: [1, x]\n',
      'templates/x.yaml': '# {{ .Chart.Version }}|{{ .Chart.AppVersion }}|{{ .Chart.Description }}|{{ .Chart.Home }}|{{ toJson .Chart.Annotations }}|{{ toJson .Chart.Keywords }}\n',
    });
    try {
      const md = loadChart(chart.dir).metadata;
      const helm = renderedComments(helmTemplate(chart.dir, []).stdout).get('c/templates/x.yaml');
      assert.equal([md.version, md.appVersion, md.description, md.home, JSON.stringify(md.annotations), JSON.stringify(md.keywords)].join('|'), helm);
    } finally {
      chart.cleanup();
    }
  });
});

/**
 * A gzipped tar with the given raw entry names (no path cleaning), built by hand; `after`
 * zero bytes follow the end-of-archive blocks inside the gzip stream.
 */
function rawArchive(entries: Array<[string, string]>, after = 0): Buffer {
  const blocks: Buffer[] = [];
  for (const [name, body] of entries) {
    const header = Buffer.alloc(512);
    header.write(name, 0, 100, 'utf8');
    header.write('0000644\0', 100);
    header.write('0000000\0', 108);
    header.write('0000000\0', 116);
    header.write(body.length.toString(8).padStart(11, '0') + '\0', 124);
    header.write('00000000000\0', 136);
    header.write('        ', 148);
    header.write('0', 156);
    header.write('ustar\x0000', 257);
    let sum = 0;
    for (const b of header) sum += b;
    header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
    blocks.push(header);
    const data = Buffer.alloc(Math.ceil(body.length / 512) * 512);
    data.write(body);
    blocks.push(data);
  }
  blocks.push(Buffer.alloc(1024 + after));
  return gzipSync(Buffer.concat(blocks), { level: 9 });
}

describe('unsafe archives are refused as helm refuses them', () => {
  const chartYaml = 'apiVersion: v2\nname: c\nversion: 1.0.0\n';
  const archives: Record<string, Array<[string, string]>> = {
    'parent directory reference': [['c/Chart.yaml', chartYaml], ['c/../../evil.txt', 'x']],
    'absolute path': [['c/Chart.yaml', chartYaml], ['c//etc/passwd', 'x']],
    'content outside the base directory': [['c/Chart.yaml', chartYaml], ['c', 'x']],
    'Chart.yaml not in a directory': [['Chart.yaml', chartYaml]],
    'drive letter': [['c/Chart.yaml', chartYaml], ['c/c:/x', 'x']],
    'safe archive with backslashes': [['c\\Chart.yaml', chartYaml], ['c\\templates\\x.yaml', '# x\n']],
    'a file past 5 MiB': [['c/Chart.yaml', chartYaml], ['c/big.txt', 'a'.repeat(MAX_DECOMPRESSED_FILE_SIZE + 1)]],
  };
  const root = writeChart({});
  after(() => root.cleanup());
  for (const [name, entries] of Object.entries(archives)) {
    test(name, () => {
      const file = join(root.dir, '..', `${name.replace(/\W+/g, '-')}.tgz`);
      writeFileSync(file, rawArchive(entries));
      const run = helmTemplate(file, []);
      if (run.status === 0) {
        assert.equal(loadChart(file).metadata.name, 'c');
        return;
      }
      assert.throws(() => loadChart(file), (err: Error) => {
        assert.equal(err.message, helmError(run));
        assert.ok(err.cause instanceof Error, 'the precise reason is kept as the cause');
        return true;
      });
    });
  }
});

test('an archive compressed far past 1000:1, with data after its end, loads as in helm', () => {
  // 5 MiB of one letter (helm's largest file) and 32 MiB of zeros after the end-of-archive
  // blocks, which helm's reader never reaches.
  const entries: Array<[string, string]> = [['c/Chart.yaml', 'apiVersion: v2\nname: c\nversion: 1.0.0\n'],
    ['c/templates/sizes.yaml', '# {{ len (.Files.Get "big.txt") }} {{ .Files.Get "big.txt" | sha256sum }}\n'],
    ['c/big.txt', 'a'.repeat(MAX_DECOMPRESSED_FILE_SIZE)]];
  const archive = rawArchive(entries, 32 << 20);
  assert.ok(archive.length * 1000 < (37 << 20), `the archive (${archive.length} bytes) compresses past 1000:1`);
  const root = writeChart({});
  try {
    const file = join(root.dir, '..', 'compressible.tgz');
    writeFileSync(file, archive);
    const run = helmTemplate(file, []);
    assert.equal(run.status, 0, run.stderr);
    const big = loadChart(file).files.find((f) => f.name === 'big.txt')!;
    const digest = createHash('sha256').update(big.data).digest('hex');
    assert.equal([...renderedComments(run.stdout).values()][0], `${big.data.length} ${digest}`);
    assert.equal(checkedChartArchive(archive).find((f) => f.name === 'big.txt')?.data.length, MAX_DECOMPRESSED_FILE_SIZE, 'a downloaded archive passes the download checks too');
  } finally {
    root.cleanup();
  }
});

test('fixture charts exist', () => {
  assert.ok(readdirSync(chartsDir).includes('chart-deps'));
});

test('.Chart holds the fields helm 4 exposes, with their Go types', async () => {
  const { chartMetadataValue } = await import('../../src/chart/chart-object.ts');
  const { processDependencies } = await import('../../src/chart/dependencies.ts');
  const chart = writeChart({
    'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\nannotations: {a: x}\nkeywords: [k]\nmaintainers:\n- name: m\n  email: e\ndependencies:\n- name: sub\n  version: 0.1.0\n  repository: "file://x"\n  tags: [t]\n  import-values: [{child: a, parent: b}]\n',
    'charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 0.1.0\n',
    'charts/sub/values.yaml': 'a: {x: 1}\n',
    'charts/sub/templates/x.yaml': '# {{ .Chart.IsRoot }}\n',
    'templates/x.yaml': '# {{ range $k, $v := .Chart }}{{ $k }}={{ printf "%T" $v }}:{{ toJson $v }} {{ end }}\n',
  });
  try {
    const loaded = loadChart(chart.dir);
    processDependencies(loaded, {}, () => {});
    const ours = Object.entries(chartMetadataValue(loaded)).map(([k, v]) => {
      const type = typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : Array.isArray(v) ? '[]interface {}' : 'map[string]string';
      return `${k}=${type}:${canonicalJsonOf(v)}`;
    }).join(' ');
    const comments = renderedComments(helmTemplate(chart.dir, []).stdout);
    assert.equal(ours, comments.get('c/templates/x.yaml')!.trim());
    assert.equal(chartMetadataValue(loaded.dependencies[0]).IsRoot, comments.get('c/charts/sub/templates/x.yaml') === 'true');
  } finally {
    chart.cleanup();
  }
});

function canonicalJsonOf(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x));
}

test('CRD files are the ones helm template --include-crds shows, in its order', async () => {
  const { chartCrds } = await import('../../src/chart/crds.ts');
  const crd = (n: string) => `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: ${n}\n`;
  const chart = writeChart({
    'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
    'crds/b.yaml': crd('b'), 'crds/a.YML': crd('a'), 'crds/notes.txt': 'not a manifest', 'crds/nested/c.json': crd('c'),
    'charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 0.1.0\n',
    'charts/sub/crds/s.yaml': crd('s'),
  });
  try {
    const run = helmTemplate(chart.dir, ['--include-crds']);
    const helmSources = [...run.stdout.matchAll(/^# Source: (.*)$/gm)].map((m) => m[1]);
    assert.deepEqual(chartCrds(loadChart(chart.dir)).map((c) => c.filename), helmSources);
  } finally {
    chart.cleanup();
  }
});

test('a dangling symlink fails as in helm, even when .helmignore lists it', async () => {
  const { symlinkSync } = await import('node:fs');
  for (const ignore of [false, true]) {
    const chart = writeChart({ 'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n', ...(ignore ? { '.helmignore': 'dangling\n' } : {}) });
    try {
      symlinkSync('nowhere', join(chart.dir, 'dangling'));
      assert.throws(() => loadChart(chart.dir), (err: Error) => {
        assert.equal(err.message, helmError(helmTemplate(chart.dir, [])));
        return true;
      });
    } finally {
      chart.cleanup();
    }
  }
});

test('paths that are not charts fail with helm\'s messages', () => {
  const empty = writeChart({ 'README.md': 'no chart here', 'LONG.txt': 'text '.repeat(200), 'values.yaml': 'a: 1\n' });
  try {
    for (const path of ['README.md', 'LONG.txt', 'values.yaml', 'missing', '.'].map((f) => join(empty.dir, f))) {
      assert.throws(() => loadChart(path), (err: Error) => {
        assert.equal(err.message, helmError(helmTemplate(path, [])));
        return true;
      });
    }
  } finally {
    empty.cleanup();
  }
});

test('requirements files in an apiVersion v2 chart warn as helm does', async () => {
  const { formatSlogLine } = await import('../../src/chart/warnings.ts');
  const chart = writeChart({
    'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
    'requirements.yaml': 'dependencies: []\n', 'requirements.lock': 'generated: "2024-01-01T00:00:00Z"\n',
  });
  try {
    const warnings: string[] = [];
    const loaded = loadChart(chart.dir, (level, message, attrs) => warnings.push(formatSlogLine(level, message, attrs)));
    assert.deepEqual(loaded.files, [], 'v2 charts keep requirements files out of .Files');
    assert.deepEqual(warnings, helmTemplate(chart.dir, []).stderr.trimEnd().split('\n'));
  } finally {
    chart.cleanup();
  }
});
