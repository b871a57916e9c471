// `show values --jsonpath` compared with helm v4: Kubernetes JSONPath over the chart's values
// (fields, indexes, slices, wildcards, literals, range), maps and lists as JSON, a failed lookup
// printing nothing, a template that does not parse refused with helm's error.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { runBothTools, writeChart } from '../support/cli-differential.ts';

const root = writeChart({
  'chart/Chart.yaml': 'apiVersion: v2\nname: chart\nversion: 0.1.0\n',
  'chart/values.yaml': [
    'image:', '  repository: nginx', '  tag: "1.2"', 'replicas: 3', 'ratio: 0.5', 'enabled: true', 'nothing: null',
    'list:', '- name: a', '  port: 80', '- name: b', '  port: 81', '- name: c', '  port: 82', 'map: {z: 1, a: "<x>"}', '',
  ].join('\n'),
});
after(() => rmSync(root, { recursive: true, force: true }));

const templates = [
  '{.image.repository}', '{.replicas}', '{.ratio}', '{.enabled}', '{.nothing}', '{.list}', '{.map}', '{.image}',
  '{.list[0].name}', '{.list[-1].port}', '{.list[*].name}', '{.list[0:2]}', '{.list[1:].port}', '{.image.*}', "{.image['tag']}",
  'x{.image.tag}y', 'plain text', '{$.replicas}', '{range .list[*]}{.name}:{.port}{"\\n"}{end}', '{.image.repository}{"\\t"}{.replicas}',
  '{.missing}', '{.list[7]}', '{.image.repository', '',
];

describe('show values --jsonpath like helm', { concurrency: 4 }, () => {
  for (const template of templates) {
    test(JSON.stringify(template), async () => {
      const run = await runBothTools(() => ['show', 'values', 'chart', '--jsonpath', template], { noKubeconfig: true, cwd: root });
      assert.equal(run.hookline.stdout, run.helm.stdout);
      assert.equal(run.hookline.stderr, run.helm.stderr);
      assert.equal(run.hookline.code, run.helm.code);
    });
  }

  test('what it prints', async () => {
    const run = await runBothTools(() => ['show', 'values', 'chart', '--jsonpath', '{range .list[*]}{.name}={.port},{end}'], { noKubeconfig: true, cwd: root });
    assert.equal(run.hookline.stdout, 'a=80,b=81,c=82,');
  });

  test('filters are refused, naming the flag', async () => {
    const run = await runBothTools(() => ['show', 'values', 'chart', '--jsonpath', '{.list[?(@.port==81)].name}'], { noKubeconfig: true, cwd: root });
    assert.equal(run.hookline.code, 1);
    assert.match(run.hookline.stderr, /--jsonpath .*filter expressions .* not supported/);
  });
});
