// Differential tests: which subcharts render and with which values, against helm 4.1.4,
// for conditions, tags, aliases, import-values and globals (fixture test/charts/chart-deps).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { coalesceValues } from '../../src/chart/coalesce.ts';
import { missingDependencies, processDependencies } from '../../src/chart/dependencies.ts';
import { loadChart } from '../../src/chart/load.ts';
import type { Chart } from '../../src/chart/types.ts';
import { formatSlogLine } from '../../src/chart/warnings.ts';
import type { GoMap } from '../../src/govalue/types.ts';
import { mergeValueSources } from '../../src/values/merge-sources.ts';
import { canonicalJson, helmTemplate, renderedComments, stageChart, writeChart } from './helm-reference.ts';

const staged = stageChart('chart-deps', ['chart-packed']);
after(() => staged.cleanup());

/** Template path -> "<chart name> <values JSON>", as the fixture templates print it. */
function hooklineView(set: string[], dir = staged.dir): Map<string, string> {
  const chart = loadChart(dir);
  const user = mergeValueSources({ set });
  const warnings: string[] = [];
  const warn = (level: string, message: string, attrs?: Record<string, string>) => warnings.push(formatSlogLine(level, message, attrs));
  processDependencies(chart, user, warn);
  const values = coalesceValues(chart, user, warn);
  const out = new Map<string, string>();
  const walk = (c: Chart, v: GoMap, path: string): void => {
    out.set(`${path}/templates/${c.templates[0]?.name.slice('templates/'.length)}`, `${c.metadata.name} ${canonicalJson(v)}`);
    for (const d of c.dependencies) walk(d, (v[d.metadata.name] ?? {}) as GoMap, `${path}/charts/${d.metadata.name}`);
  };
  walk(chart, values, chart.metadata.name);
  out.set('warnings', warnings.sort().join('\n'));
  return out;
}

function helmView(set: string[], dir = staged.dir): Map<string, string> {
  const run = helmTemplate(dir, set.flatMap((s) => ['--set', s]));
  assert.equal(run.status, 0, run.stderr);
  const out = new Map<string, string>();
  for (const [path, text] of renderedComments(run.stdout)) {
    const space = text.indexOf(' ');
    out.set(path, `${text.slice(0, space)} ${canonicalJson(JSON.parse(text.slice(space + 1)))}`);
  }
  out.set('warnings', run.stderr.split('\n').filter((l) => l.startsWith('level=')).sort().join('\n'));
  return out;
}

describe('dependencies match helm template', () => {
  const scenarios: Record<string, string[]> = {
    'defaults': [],
    'condition false disables child': ['child.enabled=false'],
    'second condition path is used when the first is unset': ['global.childEnabled=false'],
    'tag false disables, condition still wins': ['tags.backend=false'],
    'alias enabled by condition': ['child3.enabled=true'],
    'alias disabled': ['child2.enabled=false'],
    'any true tag enables': ['tags.extra=false', 'tags.frontend=true'],
    'all tags false disables': ['tags.extra=false'],
    'nested condition in grandchild': ['child.grandchild.enabled=false'],
    'user nulls remove defaults, globals overridden': ['child.x=null,global.region=us,global.shared.c=null', 'nilDefault=3'],
    'import-values parent overrides': ['imported.fromChild2.a=9,exportedKey=null'],
    'non-bool condition falls through': ['child.enabled=yes'],
  };
  for (const [name, set] of Object.entries(scenarios)) {
    test(name, () => {
      assert.deepEqual(hooklineView(set), helmView(set));
    });
  }
});

test('missing dependencies are reported by name', () => {
  const chart = loadChart(staged.dir);
  assert.deepEqual(missingDependencies(chart), []);
  chart.dependencies = chart.dependencies.filter((d) => d.metadata.name !== 'packed');
  assert.deepEqual(missingDependencies(chart), ['packed']);
});

test('apiVersion v1 chart with requirements.yaml (condition, alias) matches helm', () => {
  const printValues = '# {{ .Chart.Name }} {{ toJson .Values }}\n';
  const chart = writeChart({
    'Chart.yaml': 'apiVersion: v1\nname: old\nversion: 0.1.0\n',
    'requirements.yaml': 'dependencies:\n- name: a\n  version: 0.1.0\n  repository: ""\n  condition: a.enabled\n- name: b\n  version: 0.1.0\n  repository: ""\n  alias: bee\n',
    'values.yaml': 'a:\n  enabled: false\n  on: yes\n',
    'templates/x.yaml': printValues,
    'charts/a/Chart.yaml': 'apiVersion: v1\nname: a\nversion: 0.1.0\n',
    'charts/a/templates/x.yaml': printValues,
    'charts/b/Chart.yaml': 'apiVersion: v1\nname: b\nversion: 0.1.0\n',
    'charts/b/templates/x.yaml': printValues,
  });
  try {
    for (const set of [[], ['a.enabled=true']]) assert.deepEqual(hooklineView(set, chart.dir), helmView(set, chart.dir));
    assert.deepEqual(loadChart(chart.dir).files.map((f) => f.name), ['requirements.yaml']);
  } finally {
    chart.cleanup();
  }
});
