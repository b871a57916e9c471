// `hookline lint` against `helm lint` (helm v4.1.4): same report, same exit code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { referenceTool } from '../support/reference-tools.ts';
import { hooklineBin } from '../support/run-process.ts';

const chartsDir = fileURLToPath(new URL('../charts/', import.meta.url));

function lintBoth(args: string[], cwd: string) {
  const run = (cmd: string, argv: string[]) => spawnSync(cmd, argv, { cwd, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  // --no-hooks: helm's checks only; Hookline's hook-safety rules are tested in test/lint/.
  return { helm: run(referenceTool('helm4'), ['lint', ...args]), ours: run(process.execPath, [hooklineBin, 'lint', '--no-hooks', ...args]) };
}

function writeChart(root: string, name: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, name, path, '..'), { recursive: true });
    writeFileSync(join(root, name, path), text);
  }
}

const root = mkdtempSync(join(tmpdir(), 'hookline-lint-'));
spawnSync(referenceTool('helm4'), ['create', 'scaffold'], { cwd: root });
writeChart(root, 'nil-value', {
  'Chart.yaml': 'apiVersion: v2\nname: nil-value\nversion: 0.1.0\n',
  'templates/a.yaml': 'a: {{ .Values.x.y }}\n',
});
writeChart(root, 'no-templates', {
  'Chart.yaml': 'apiVersion: v2\nname: no-templates\nversion: 1.0.0\nicon: https://example.com/i.png\n',
  'values.yaml': 'a: 1\n',
});
writeChart(root, 'bad-yaml', {
  'Chart.yaml': 'apiVersion: v2\nname: bad-yaml\nversion: 1.0.0-rc.1\nicon: https://example.com/i.png\n',
  'values.yaml': 'a: 1\n',
  'templates/a.yaml': 'a: b\n c: [\n',
});
writeChart(root, 'lenient', {
  'Chart.yaml': 'apiVersion: v2\nname: lenient\nversion: 2.0.0\n',
  'values.yaml': 'a: 1\n',
  'templates/a.yaml': 'a: {{ required "a value" .Values.missing | quote }}\nb: {{ fail "linting only" | quote }}\n',
});

const cases: Array<[string, string[], string]> = [
  ['helm create scaffold', ['./scaffold'], root],
  ['nil pointer', ['./nil-value'], root],
  ['no templates directory', ['./no-templates'], root],
  ['invalid YAML', ['./bad-yaml'], root],
  ['required and fail are lenient', ['./lenient'], root],
  ['several charts, --strict', ['./nil-value', './scaffold', './no-templates', '--strict'], root],
  ['own test charts', ['./render-basics', './render-subcharts', './render-files', './render-platform'], chartsDir],
];

for (const [name, args, cwd] of cases) {
  test(`lint like helm: ${name}`, () => {
    const { helm, ours } = lintBoth(args, cwd);
    assert.equal(ours.stdout, helm.stdout);
    assert.equal(ours.stderr, helm.stderr);
    assert.equal(ours.status, helm.status);
  });
}
