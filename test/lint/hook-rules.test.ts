// Each hook-safety rule: a chart that trips it, and the same chart fixed, which does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintHooks } from '../../src/lint/hook-rules.ts';
import { hooklineBin as bin } from '../support/run-process.ts';

function job(name: string, opts: { hook?: string; weight?: string; policy?: string; script?: string; extraSpec?: string; podSpec?: string } = {}): string {
  const ann = [
    `    "helm.sh/hook": ${JSON.stringify(opts.hook ?? 'pre-upgrade')}`,
    opts.weight !== undefined ? `    "helm.sh/hook-weight": ${JSON.stringify(opts.weight)}` : '',
    opts.policy !== undefined ? `    "helm.sh/hook-delete-policy": ${JSON.stringify(opts.policy)}` : '',
  ].filter(Boolean).join('\n');
  const script = (opts.script ?? 'set -e\necho ok\necho done').split('\n').map((l) => `              ${l}`).join('\n');
  return `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
  annotations:
${ann}
spec:
${opts.extraSpec ?? '  backoffLimit: 1\n  activeDeadlineSeconds: 60'}
  template:
    spec:
      restartPolicy: Never
${opts.podSpec ?? ''}
      containers:
        - name: main
          image: busybox
          command:
            - /bin/sh
            - -c
            - |
${script}
`;
}

const safe = { policy: 'before-hook-creation,hook-succeeded' };

function rules(docs: Record<string, string>): string[] {
  const rendered = new Map(Object.entries(docs).map(([f, t]) => [`c/templates/${f}`, t]));
  return lintHooks({ rendered, sources: rendered }).map((f) => f.rule).sort();
}

const cases: Array<{ rule: string; bad: Record<string, string>; good: Record<string, string> }> = [
  { rule: 'HL001', bad: { 'a.yaml': job('m', { ...safe, script: 'set -e\npsql -c "CREATE TABLE agents (id int)"' }) },
    good: { 'a.yaml': job('m', { ...safe, script: 'set -e\npsql -c "CREATE TABLE IF NOT EXISTS agents (id int)"' }) } },
  { rule: 'HL001', bad: { 'a.yaml': job('m', { ...safe, script: 'set -e\npsql -c "ALTER TABLE a ADD COLUMN s int; CREATE INDEX i ON a(s)"' }) },
    good: { 'a.yaml': job('m', { ...safe, script: 'set -e\npsql -c "ALTER TABLE a ADD COLUMN IF NOT EXISTS s int; CREATE INDEX IF NOT EXISTS i ON a(s)"' }) } },
  { rule: 'HL002', bad: { 'a.yaml': job('m', { ...safe, script: 'echo one\necho two' }) }, good: { 'a.yaml': job('m', { ...safe, script: 'set -eu\necho one\necho two' }) } },
  { rule: 'HL003', bad: { 'a.yaml': job('m', { ...safe, extraSpec: '  activeDeadlineSeconds: 60' }) }, good: { 'a.yaml': job('m', safe) } },
  { rule: 'HL004', bad: { 'a.yaml': job('m', { ...safe, extraSpec: '  backoffLimit: 1' }) }, good: { 'a.yaml': job('m', safe) } },
  { rule: 'HL005', bad: { 'a.yaml': job('m', safe).replace('restartPolicy: Never', 'restartPolicy: Always') }, good: { 'a.yaml': job('m', safe) } },
  { rule: 'HL006', bad: { 'a.yaml': job('m', { policy: 'hook-succeeded' }) }, good: { 'a.yaml': job('m', { policy: 'hook-succeeded,before-hook-creation' }) } },
  { rule: 'HL007', bad: { 'a.yaml': job('m', safe), 'b.yaml': job('m', { ...safe, hook: 'post-install' }) },
    good: { 'a.yaml': job('m', safe), 'b.yaml': job('m2', { ...safe, hook: 'post-install' }) } },
  { rule: 'HL008', bad: { 's.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n', 'a.yaml': job('m', { ...safe, hook: 'pre-install', podSpec: '      volumes:\n        - name: s\n          secret:\n            secretName: db' }) },
    good: { 's.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n', 'a.yaml': job('m', { ...safe, hook: 'post-install', podSpec: '      volumes:\n        - name: s\n          secret:\n            secretName: db' }) } },
  { rule: 'HL009', bad: { 'a.yaml': job('m', { ...safe, weight: '1.5' }) }, good: { 'a.yaml': job('m', { ...safe, weight: '-5' }) } },
  { rule: 'HL010', bad: { 'a.yaml': job('m', { ...safe, hook: 'pre-instal' }) }, good: { 'a.yaml': job('m', { ...safe, hook: 'pre-install' }) } },
  { rule: 'HL011', bad: { 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: t\n  annotations:\n    helm.sh/hook: test\n' },
    good: { 'a.yaml': job('t', { ...safe, hook: 'test' }) } },
];

for (const c of cases) {
  test(`${c.rule}: trips on the unsafe hook, not on the fixed one`, () => {
    assert.ok(rules(c.bad).includes(c.rule), `expected ${c.rule} in ${rules(c.bad).join(',')}`);
    assert.ok(!rules(c.good).includes(c.rule), `did not expect ${c.rule} in ${rules(c.good).join(',')}`);
  });
}

test('a finding points at the template file and line and says how to fix it', () => {
  const text = job('migrate', { ...safe, script: 'set -e\npsql -c "CREATE TABLE agents (id int)"' });
  const [finding] = lintHooks({ rendered: new Map([['c/templates/m.yaml', text]]), sources: new Map([['c/templates/m.yaml', text]]) });
  assert.equal(finding.rule, 'HL001');
  assert.equal(finding.file, 'c/templates/m.yaml');
  assert.equal(finding.line, text.split('\n').findIndex((l) => l.includes('CREATE TABLE')) + 1);
  assert.equal(finding.object, 'Job/migrate');
  assert.match(finding.fix, /IF NOT EXISTS/);
});

test('hookline lint reports hook-safety findings with file:line apart from helm\'s report and exits 2 on their errors', async () => {
  const { execFileSync, spawnSync } = await import('node:child_process');
  const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'hookline-hooklint-'));
  mkdirSync(join(dir, 'templates'));
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: hl\nversion: 0.1.0\n');
  writeFileSync(join(dir, 'templates', 'migrate.yaml'), job('migrate', { ...safe, script: 'set -e\npsql -c "CREATE TABLE agents (id int)"' }));
  const run = spawnSync(process.execPath, [bin, 'lint', dir], { encoding: 'utf8' });
  assert.equal(run.status, 2);
  assert.match(run.stdout, /1 chart\(s\) linted, 0 chart\(s\) failed\n\n==> Hookline hook rules: .*\n(.*\n)*\[ERROR\] templates\/migrate\.yaml:\d+: HL001 Job\/migrate: non-idempotent SQL/);
  const json = JSON.parse(execFileSync(process.execPath, [bin, 'lint', dir, '-o', 'json', '--no-hooks'], { encoding: 'utf8' }));
  assert.ok(json.every((m: { text: string }) => !m.text.startsWith('HL')));
});
