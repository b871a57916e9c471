// `create NAME` (no starter) compared with helm v4.1.4's built-in scaffold: the same files and
// paths, the same values (keys, defaults, types), the same named templates and the same
// manifests for many value sets, lint-clean and packageable in both tools; but in Hookline's
// own words (no file equal to helm's, no comment or notes line taken over), and helm's name
// and folder checks.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { helm, hookline, tempDir, type Run } from './repo-harness.ts';
import { filesUnder } from '../support/files.ts';

const ok = (run: Run, what: string): string => {
  assert.equal(run.code, 0, `${what} failed:\n${run.stderr}`);
  return run.stdout;
};

// One chart named `shop` made by each tool, in folders of their own.
async function createBoth(): Promise<{ helmChart: string; hooklineChart: string; helmRun: Run; hooklineRun: Run }> {
  const [hd, kd] = [tempDir('create-h'), tempDir('create-k')];
  const [helmRun, hooklineRun] = [await helm(['create', 'shop'], {}, hd), await hookline(['create', 'shop'], {}, kd)];
  return { helmChart: join(hd, 'shop'), hooklineChart: join(kd, 'shop'), helmRun, hooklineRun };
}

// Every named template a user's own templates may include, rendered into a ConfigMap, so
// their exact text (not only the manifests built from it) is compared.
const namedTemplateProbe = ['name', 'fullname', 'chart', 'labels', 'selectorLabels', 'serviceAccountName']
  .map((n) => `  ${n}: {{ include "shop.${n}" . | quote }}`)
  .join('\n');
const probeTemplate = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: named-templates\ndata:\n${namedTemplateProbe}\n`;

/** `helm template` output as (source path, parsed object) pairs, in output order. */
function manifests(output: string): Array<{ source: string; object: unknown }> {
  return output.split(/^---\n/m).filter((doc) => doc.trim() !== '')
    .map((doc) => ({ source: /^# Source: (.*)$/m.exec(doc)?.[1] ?? '', object: parse(doc) as unknown }));
}

// Value sets a user of helm's scaffold would pass, as files and flags.
const valueFiles: Record<string, string> = {
  'ingress.yaml': [
    'ingress:', '  enabled: true', '  className: nginx', '  annotations: {cert-manager.io/cluster-issuer: letsencrypt}',
    '  hosts:', '    - host: shop.example.com', '      paths: [{path: /, pathType: Prefix}, {path: /api}]',
    '    - host: admin.example.com', '      paths: [{path: /admin, pathType: Exact}]',
    '  tls:', '    - secretName: shop-tls', '      hosts: [shop.example.com, admin.example.com]', '',
  ].join('\n'),
  'route.yaml': [
    'httpRoute:', '  enabled: true', '  annotations: {team: web}', '  parentRefs: [{name: edge, sectionName: https, namespace: gateways}]',
    '  rules:', '  - matches: [{path: {type: PathPrefix, value: /shop}}]',
    '    filters: [{type: RequestHeaderModifier, requestHeaderModifier: {remove: [User-Agent]}}]',
    '  - matches: [{headers: [{name: version, value: v2}]}]', '',
  ].join('\n'),
  'pod-fields.yaml': [
    'podAnnotations: {checksum/config: abc}', 'podLabels: {team: web}', 'imagePullSecrets: [{name: registry}]',
    'podSecurityContext: {fsGroup: 2000}', 'securityContext: {runAsNonRoot: true, runAsUser: 1000}',
    'resources: {limits: {cpu: 100m, memory: 128Mi}}', 'volumes: [{name: cache, emptyDir: {}}]',
    'volumeMounts: [{name: cache, mountPath: /cache}]', 'nodeSelector: {disk: ssd}',
    'tolerations: [{key: dedicated, operator: Exists}]', 'affinity: {nodeAffinity: {}}',
    'serviceAccount: {annotations: {example.com/role: web}, name: shop-sa, automount: false}',
    'service: {type: NodePort, port: 8080}', '',
  ].join('\n'),
};

/** A folder holding the value files, where the commands run. */
function valuesFolder(): string {
  const dir = tempDir('create-values');
  for (const [name, text] of Object.entries(valueFiles)) writeFileSync(join(dir, name), text);
  return dir;
}

const valueSets: Array<{ what: string; release?: string; args: string[] }> = [
  { what: 'defaults', args: [] },
  { what: 'a release name that contains the chart name', release: 'shop-prod', args: [] },
  { what: 'ingress with hosts, paths and tls', args: ['-f', 'ingress.yaml'] },
  { what: 'ingress.enabled alone', args: ['--set', 'ingress.enabled=true'] },
  { what: 'autoscaling', args: ['--set', 'autoscaling.enabled=true'] },
  { what: 'autoscaling on memory only', args: ['--set', 'autoscaling.enabled=true,autoscaling.targetCPUUtilizationPercentage=0,autoscaling.targetMemoryUtilizationPercentage=70'] },
  { what: 'no ServiceAccount', args: ['--set', 'serviceAccount.create=false'] },
  { what: 'an existing ServiceAccount', args: ['--set', 'serviceAccount.create=false,serviceAccount.name=builder'] },
  { what: 'httpRoute with its defaults', args: ['--set', 'httpRoute.enabled=true'] },
  { what: 'httpRoute with rules and filters', args: ['-f', 'route.yaml'] },
  { what: 'a custom image tag', args: ['--set', 'image.tag=2.4.1,image.repository=registry.example.com/shop'] },
  { what: 'a numeric image tag', args: ['--set', 'image.tag=1.2'] },
  { what: 'every optional pod field', args: ['-f', 'pod-fields.yaml'] },
  { what: 'name overrides', args: ['--set', 'nameOverride=store,fullnameOverride=the-store-front'] },
  { what: 'no liveness probe', args: ['--set-json', 'livenessProbe=null'] },
];

describe('create NAME compared with helm create', () => {
  test('the same files, folders and output; same values and Chart.yaml fields', async () => {
    const { helmChart, hooklineChart, helmRun, hooklineRun } = await createBoth();
    assert.equal(hooklineRun.stdout, helmRun.stdout);
    assert.equal(hooklineRun.code, 0, hooklineRun.stderr);
    assert.equal(hooklineRun.stdout, 'Creating shop\n');
    assert.deepEqual(filesUnder(hooklineChart), filesUnder(helmChart));
    assert.ok(statSync(join(hooklineChart, 'charts')).isDirectory(), 'charts/ is there, empty');
    assert.deepEqual(filesUnder(join(hooklineChart, 'charts')), []);
    for (const file of filesUnder(hooklineChart)) assert.equal(statSync(join(hooklineChart, file)).mode & 0o777, 0o644, file);

    const values = async (chart: string) => parse(ok(await helm(['show', 'values', chart], {}), 'helm show values')) as unknown;
    assert.deepEqual(await values(hooklineChart), await values(helmChart));
    const chartFile = async (chart: string) => {
      const { description, ...rest } = parse(ok(await helm(['show', 'chart', chart], {}), 'helm show chart')) as Record<string, unknown>;
      assert.equal(typeof description, 'string');
      return rest;
    };
    assert.deepEqual(await chartFile(hooklineChart), await chartFile(helmChart));
  });

  test('the same manifests and named templates for every value set, from helm and from Hookline', async () => {
    const { helmChart, hooklineChart } = await createBoth();
    for (const chart of [helmChart, hooklineChart]) writeFileSync(join(chart, 'templates', 'named-templates.yaml'), probeTemplate);
    const valuesDir = valuesFolder();
    for (const { what, release = 'web', args } of valueSets) {
      const render = async (tool: typeof helm, chart: string) => ok(await tool(['template', release, chart, ...args], {}, valuesDir), `template (${what})`);
      const reference = manifests(await render(helm, helmChart));
      assert.ok(reference.length >= 4, `${what}: helm rendered ${reference.length} manifests`);
      assert.deepEqual(manifests(await render(helm, hooklineChart)), reference, `helm rendering Hookline's chart, ${what}`);
      assert.deepEqual(manifests(await render(hookline, hooklineChart)), reference, `Hookline rendering its chart, ${what}`);
    }
  });

  test('helm lint and hookline lint pass the chart (notes included) with the value sets', async () => {
    const { hooklineChart } = await createBoth();
    const valuesDir = valuesFolder();
    const extra = [['--set', 'service.type=LoadBalancer'], ['--set', 'httpRoute.enabled=true', '--set-json', 'httpRoute.parentRefs=null']];
    for (const args of [...valueSets.map((v) => v.args), ...extra]) {
      for (const tool of [helm, hookline]) {
        const out = ok(await tool(['lint', '--strict', hooklineChart, ...args], {}, valuesDir), `lint ${args.join(' ')}`);
        assert.match(out, /1 chart\(s\) linted, 0 chart\(s\) failed/);
      }
    }
  });

  test('helm package of the chart loads in both tools; .helmignore leaves out what helm\'s does', async () => {
    const { helmChart, hooklineChart } = await createBoth();
    const packed = tempDir('create-pack');
    for (const chart of [helmChart, hooklineChart]) {
      mkdirSync(join(chart, '.git'));
      writeFileSync(join(chart, '.git', 'HEAD'), 'ref: refs/heads/main\n');
      writeFileSync(join(chart, 'templates', 'deployment.yaml.swp'), 'editor swap file');
      writeFileSync(join(chart, 'README.md'), 'kept\n');
    }
    const archive = (chart: string, dir: string) => helm(['package', chart, '-d', dir], {});
    ok(await archive(helmChart, join(packed, 'h')), 'helm package of helm\'s chart');
    ok(await archive(hooklineChart, join(packed, 'k')), 'helm package of Hookline\'s chart');
    const [h, k] = [join(packed, 'h', 'shop-0.1.0.tgz'), join(packed, 'k', 'shop-0.1.0.tgz')];
    const entries = (tgz: string) => execFileSync('tar', ['-tzf', tgz], { encoding: 'utf8' }).split('\n').filter(Boolean).sort();
    assert.deepEqual(entries(k), entries(h));
    assert.ok(entries(k).includes('shop/README.md'));
    assert.ok(!entries(k).some((e) => e.includes('.git/') || e.endsWith('.swp')), 'ignored files left out');
    const fromHelm = manifests(ok(await helm(['template', 'web', h], {}), 'helm template helm archive'));
    assert.deepEqual(manifests(ok(await helm(['template', 'web', k], {}), 'helm template Hookline archive')), fromHelm);
    assert.deepEqual(manifests(ok(await hookline(['template', 'web', k], {}), 'hookline template Hookline archive')), fromHelm);
  });

  test('in Hookline\'s own words: no file equal to helm\'s, no comment or notes line taken over', async () => {
    const { helmChart, hooklineChart } = await createBoth();
    const prose = (text: string, file: string) => text.split('\n').map((l) => l.trim()).filter((l) =>
      (file.endsWith('NOTES.txt') ? !l.startsWith('{{') : l.startsWith('#') || /^[A-Z][a-z].* [a-z]+/.test(l)) && l.length > 12);
    for (const file of filesUnder(helmChart)) {
      const [ours, theirs] = [readFileSync(join(hooklineChart, file), 'utf8'), readFileSync(join(helmChart, file), 'utf8')];
      assert.notEqual(ours, theirs, `${file} is helm's text`);
      const shared = prose(ours, file).filter((line) => prose(theirs, file).includes(line));
      assert.deepEqual(shared, [], `${file} shares these lines with helm's scaffold`);
    }
  });

  test('names and folders are checked as helm checks them; existing files are overwritten with a warning', async () => {
    const [hd, kd] = [tempDir('create-h'), tempDir('create-k')];
    const both = async (args: string[]) => [await helm(args, {}, hd), await hookline(args, {}, kd)];
    for (const [name, message] of [['bad$name', /chart name "bad\$name" is invalid: it must match the regular expression "\^\[a-zA-Z0-9\._-\]\+\$"/],
      ['x'.repeat(251), /chart name must be between 1 and 250 characters/], ['missing/shop', /stat .*missing: no such file or directory/]] as const) {
      const [h, k] = await both(['create', name]);
      assert.equal(h.code, 1, `helm create ${name}`);
      assert.equal(k.code, 1, `hookline create ${name}`);
      assert.equal(k.stdout, h.stdout);
      assert.match(k.stderr, message);
    }
    // helm writes a chart named "." into the folder itself; Hookline refuses.
    for (const name of ['.', '..', '']) {
      const refused = await hookline(['create', name], {}, kd);
      assert.equal(refused.code, 1, `create "${name}"`);
      assert.match(refused.stderr, name ? /is invalid: name the chart's new folder/ : /between 1 and 250 characters/);
    }
    assert.deepEqual(filesUnder(kd), [], 'nothing written');
    for (const dir of [hd, kd]) writeFileSync(join(dir, 'plain'), 'a file');
    const [hf, kf] = await both(['create', 'plain']);
    assert.equal(hf.code, 1);
    assert.deepEqual([kf.code, kf.stderr], [1, `Error: file ${join(kd, 'plain')} already exists and is not a directory\n`]);

    // An existing chart folder: scaffold files overwritten (warned, in helm's order), others kept.
    for (const dir of [hd, kd]) {
      mkdirSync(join(dir, 'apps', 'shop', 'templates'), { recursive: true });
      writeFileSync(join(dir, 'apps', 'shop', 'values.yaml'), 'old: true\n');
      writeFileSync(join(dir, 'apps', 'shop', 'templates', 'configmap.yaml'), 'kept\n');
    }
    const [h, k] = await both(['create', 'apps/shop']);
    assert.equal(k.code, 0, k.stderr);
    assert.equal(k.stdout.replaceAll(kd, 'DIR'), h.stdout.replaceAll(hd, 'DIR'));
    assert.match(k.stdout, /^WARNING: File ".*\/apps\/shop\/values\.yaml" already exists\. Overwriting\.$/m);
    assert.equal(readFileSync(join(kd, 'apps', 'shop', 'templates', 'configmap.yaml'), 'utf8'), 'kept\n');
    assert.match(readFileSync(join(kd, 'apps', 'shop', 'values.yaml'), 'utf8'), /^replicaCount: 1$/m);
    assert.deepEqual(filesUnder(kd), filesUnder(hd));

    // helm takes everything before the last "/" as the folder: `create apps/` makes apps/apps.
    const [ht, kt] = await both(['create', 'apps/']);
    assert.equal(kt.code, ht.code);
    assert.equal(existsSync(join(kd, 'apps', 'apps', 'Chart.yaml')), existsSync(join(hd, 'apps', 'apps', 'Chart.yaml')));
    assert.ok(existsSync(join(kd, 'apps', 'apps', 'Chart.yaml')));
  });
});
