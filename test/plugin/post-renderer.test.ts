// `template --post-renderer NAME --post-renderer-args ...` against helm v4.1.4: the same stdout
// and exit status, the same stream handed to the plugin (documents annotated with their file),
// hooks post-rendered too, and helm's errors for a missing, wrong-type, failing, silent or
// badly-behaved plugin.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runTool, writeChart, type Tool } from '../support/cli-differential.ts';
import { dataHome, postRendererYaml, sedScript, writePlugin } from './plugins.ts';

const home = dataHome();
const plugins = join(home, 'plugins');
writePlugin(plugins, 'sed-renderer', postRendererYaml('sedder', 'render.sh', ['--']), { 'render.sh': sedScript });
writePlugin(plugins, 'identity', postRendererYaml('identity', 'cat.sh'), { 'cat.sh': 'exec cat\n' });
writePlugin(plugins, 'failing', postRendererYaml('failing', 'fail.sh'), { 'fail.sh': 'cat >/dev/null\necho "bad things" >&2\nexit 3\n' });
writePlugin(plugins, 'silent', postRendererYaml('silent', 'silent.sh'), { 'silent.sh': 'cat >/dev/null\n' });
writePlugin(plugins, 'bad-separator', postRendererYaml('bad-separator', 'sep.sh'), { 'sep.sh': 'cat\nprintf "\\n---x\\nfoo: 1\\n"\n' });
writePlugin(plugins, 'no-command', postRendererYaml('no-command', 'x.sh').replace(/ {4}- command: sh.*\n.*\n/, ''));
writePlugin(plugins, 'legacy', 'name: legacy\nversion: 0.1.0\nusage: a Helm 3 plugin\ncommand: cat\n');
writePlugin(plugins, 'broken', 'apiVersion: v1\nname: broken\ntype: postrenderer/v1\nruntime: subprocess\nversion: 0.1.0\nunknownField: 1\n');

const chart = writeChart({
  'Chart.yaml': 'apiVersion: v2\nname: post\nversion: 0.1.0\n',
  'templates/cm.yaml': [
    '# a comment kept by the round trip',
    'apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: {{ .Release.Name }}-a', 'data:',
    '    value:   "REPLACE_ME"', '    block: |', '      line one', '      line two',
    '---{{/* trimmed separator */}}', 'apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: {{ .Release.Name }}-b',
    '  annotations:', '    keep: "yes"', 'data: {flow: map}', 'list:', '- a', '-   b', '',
  ].join('\n'),
  'templates/hook.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: hook\n  annotations:\n    "helm.sh/hook": pre-install\ndata:\n  x: REPLACE_ME\n',
  'templates/_helpers.tpl': '{{- define "x" }}x{{ end }}',
  'templates/empty.yaml': '{{- if false }}\nkind: Nothing\n{{- end }}\n',
  'templates/NOTES.txt': 'notes REPLACE_ME\n',
});

/** YAML the round trip through kyaml (yaml.v3 nodes) writes back in its own way. */
const yamlChart = writeChart({
  'Chart.yaml': 'apiVersion: v2\nname: yaml-shapes\nversion: 0.1.0\n',
  'templates/shapes.yaml': [
    '# head comment', '', '# after a blank line', 'apiVersion: v1   # line comment', 'kind: ConfigMap', 'metadata:', '  name: shapes', '',
    '  labels:', '    "quoted key": \'single\'', 'data:', '  empty:', '  tilde: ~', '  bool: yes', '  octal: 012', '  float: 1e3',
    '  long: ' + 'a'.repeat(100) + ' ' + 'b'.repeat(30), '  multi: a folded', '    plain scalar',
    '  folded: >', '    folded text', '    continues', '', '    second paragraph', '  strip: >-', '    x', '  kept: |+', '    kept', '',
    '  indented: |2', '      more', '  dq: "tab\\there \\u00e9"', '  sq: \'it\'\'s\'', '  colon: "a: b"', '  dashes: "---x"',
    '  anchor: &anc {a: 1, b: [1, 2]}', '  alias: *anc', '  nested:', '    - a: 1', '      b: 2', '    -   - x', '        - y', '    - []',
    '# foot comment', '---', '# a comment only', '---', '---', '~', '---', 'kind: NoMetadata', 'metadata: {}', 'spec: 1', '---',
    '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "json", "annotations": {}}, "data": {"k": "v"}}', '',
  ].join('\n'),
  'templates/crlf.yaml': 'apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: crlf\r\n',
  // Block and quoted text as libyaml writes it back: hints, continuation columns, the closing quote.
  'templates/blocks.yaml': [
    'kind: Blocks', 'list:', '- |', '  in a sequence', '- key: |', '    in a map in a sequence', "  other: 'single", '    quoted', '', "    multi'",
    '- - |', '    sequence in sequence', '- >', '  folded in a sequence', 'nested:', '  deeper:', '    kept: |+', '      kept', '',
    '    lead: |2', '        leading spaces', '    empty: |', "    sq: 'ends with a break", '', "      '", '    trailing: "a \\nb"',
    '    space: |', '      trailing space ', '      x', '    last: |', '      no break at the end of the file{{- "" }}',
  ].join('\n'),
  // A "---" at the very end: kyaml does not cut there, yaml.v3 reads the first document.
  'templates/dangling.yaml': 'kind: Dangling\ndata:\n  x: |\n    y\n---',
});

after(() => {
  for (const dir of [home, chart, yamlChart]) rmSync(dir, { recursive: true, force: true });
});

const env = (seen?: Record<Tool, string>) => (tool: Tool) => ({ HELM_DATA_HOME: home, HELM_PLUGINS: undefined, SEEN: seen?.[tool] });

/** helm repeats a plugin's load warning at each plugin search; Hookline says it once. */
const distinctLines = (text: string) => [...new Set(text.split('\n'))];

async function both(args: string[], seen?: Record<Tool, string>) {
  const [helm, hookline] = await Promise.all((['helm', 'hookline'] as const).map((tool) => runTool(tool, args, { noKubeconfig: true, env: env(seen)(tool) })));
  return { helm, hookline };
}

describe('template --post-renderer as helm 4.1.4', () => {
  test('the plugin gets the annotated stream and its output is split back into files', async () => {
    const seen = { helm: join(home, 'seen-helm.yaml'), hookline: join(home, 'seen-hookline.yaml') };
    const run = await both(['template', 'rel', chart, '--post-renderer-args', 'one', '--post-renderer', 'sedder', '--post-renderer-args', 'two'], seen);
    assert.equal(run.helm.code, 0, run.helm.stderr);
    assert.deepEqual(distinctLines(run.hookline.stderr), distinctLines(run.helm.stderr));
    assert.equal(run.hookline.stdout, run.helm.stdout);
    assert.equal(readFileSync(seen.hookline, 'utf8'), readFileSync(seen.helm, 'utf8'));
    // What the checks above rest on: arguments in order, hooks post-rendered, the plugin's own document kept.
    assert.match(run.helm.stdout, /value: "---one-two"/);
    assert.match(run.helm.stdout, /# Source: post\/templates\/hook.yaml\n[^]*x: '---one-two'/);
    assert.match(run.helm.stdout, /# Source: generated-by-postrender-3.yaml\n[^]*name: added-by-plugin\n[^]*dir: 'sed-renderer'/);
    assert.match(readFileSync(seen.helm, 'utf8'), /postrenderer.helm.sh\/postrender-filename: 'post\/templates\/cm.yaml'/);
    assert.doesNotMatch(run.helm.stdout, /postrender-filename/);
    assert.equal(run.helm.stdout.match(/labels: \{post-rendered-by: sedder\}/g)?.length, 3);
  });

  test('documents come back as kyaml writes them: values as written, quoting, folded blocks, empty metadata dropped', async () => {
    const run = await both(['template', 'rel', yamlChart, '--post-renderer', 'identity']);
    assert.equal(run.helm.code, 0, run.helm.stderr);
    assert.equal(run.hookline.stdout, run.helm.stdout);
    assert.match(run.helm.stdout, /octal: 012\n  float: 1e3\n/);
    assert.match(run.helm.stdout, /sq: 'ends with a break\n\n'\n/);
    assert.match(run.helm.stdout, /last: \|-\n/);
    assert.doesNotMatch(run.helm.stdout, /metadata: \{\}/);
  });

  test('--show-only picks from the post-rendered files', async () => {
    const run = await both(['template', 'rel', chart, '--post-renderer', 'sedder', '--show-only', 'templates/hook.yaml']);
    assert.equal(run.hookline.code, run.helm.code);
    assert.equal(run.hookline.stdout, run.helm.stdout);
  });

  for (const [what, args] of [
    ['a missing plugin', ['--post-renderer', 'nothere']],
    ['a Helm 3 (cli/v1) plugin', ['--post-renderer', 'legacy']],
    ['a plugin.yaml that does not load', ['--post-renderer', 'broken']],
    ['--post-renderer given twice', ['--post-renderer', 'sedder', '--post-renderer', 'silent']],
    ['a plugin exiting non-zero', ['--post-renderer', 'failing']],
    ['a plugin printing nothing', ['--post-renderer', 'silent']],
    ['an invalid document separator in the output', ['--post-renderer', 'bad-separator']],
    ['no command for this platform', ['--post-renderer', 'no-command']],
  ] as const) {
    test(`${what}: helm's error and exit status`, async () => {
      const run = await both(['template', 'rel', chart, ...args]);
      assert.equal(run.helm.code, 1);
      assert.equal(run.hookline.code, run.helm.code);
      assert.equal(run.hookline.stdout, run.helm.stdout);
      assert.deepEqual(distinctLines(run.hookline.stderr), distinctLines(run.helm.stderr));
    });
  }
});

