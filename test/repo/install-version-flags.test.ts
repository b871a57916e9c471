// install and upgrade --version and --devel from a chart repository (a real static server over
// charts helm packaged and indexed), each tool with its own helm homes and namespace: the same
// stdout, exit status and error line at every step, and the same stored history.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshNamespace, testClient } from '../support/cluster.ts';
import { comparable, errorLine, runTool, storedHistory, type Tool } from '../support/cli-differential.ts';
import { dropNamespace } from '../support/lifecycle-harness.ts';
import { helmHomes, helmSync, serveFolder, tempDir, type StaticServer } from './repo-harness.ts';

let server: StaticServer;
const homes = {} as Record<Tool, NodeJS.ProcessEnv>;
const ns = {} as Record<Tool, string>;

before(async () => {
  const src = join(tempDir('versioned'), 'versioned');
  mkdirSync(join(src, 'templates'), { recursive: true });
  writeFileSync(join(src, 'Chart.yaml'), 'apiVersion: v2\nname: versioned\nversion: 1.0.0\n');
  writeFileSync(join(src, 'templates', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  version: {{ .Chart.Version | quote }}\n');
  writeFileSync(join(src, 'templates', 'NOTES.txt'), '{{ .Chart.Name }} {{ .Chart.Version }}\n');
  const dir = tempDir('versions');
  for (const v of ['1.0.0', '1.1.0', '2.0.0-beta.1']) helmSync(['package', src, '--version', v, '-d', dir]);
  helmSync(['repo', 'index', dir]);
  server = await serveFolder(dir);
  for (const tool of ['helm', 'hookline'] as const) {
    homes[tool] = helmHomes(tempDir(`homes-${tool}`));
    const added = await runTool(tool, ['repo', 'add', 'apps', server.url], { env: homes[tool], noKubeconfig: true });
    assert.equal(added.code, 0, added.stderr);
    ns[tool] = await freshNamespace(testClient(), `ver-${tool === 'helm' ? 'h' : 'k'}`);
  }
});

after(async () => {
  await server.close();
  await Promise.all(Object.values(ns).map((n) => dropNamespace(testClient(), n)));
});

const steps: string[][] = [
  ['install', 'web', 'apps/versioned', '--version', '^1.0.0'],
  ['upgrade', 'web', 'apps/versioned', '--devel'],
  ['upgrade', 'web', 'apps/versioned', '--version', '1.0.0'],
  ['upgrade', 'web', 'apps/versioned', '--version', '9.9.9'],
  ['upgrade', 'web', 'apps/versioned', '--version', '>=2.0.0-0', '--devel'],
  ['install', 'dev', 'apps/versioned', '--devel'],
  ['install', 'stable', 'apps/versioned'],
  ['upgrade', '--install', 'fresh', 'apps/versioned', '--version', '~1.0'],
  ['upgrade', '--install', 'fresh', 'apps/versioned', '--devel'],
  ['install', 'none', 'apps/versioned', '--version', '>=3'],
  ['install', 'bad', 'apps/versioned', '--version', 'not-a-range'],
];

describe('install/upgrade --version and --devel as helm', () => {
  test('each step prints, exits and stores what helm does', async () => {
    const codes: number[] = [];
    for (const step of steps) {
      const [helm, ours] = await Promise.all((['helm', 'hookline'] as const).map((tool) => runTool(tool, [...step, '-n', ns[tool]], { env: homes[tool] })));
      const what = step.join(' ');
      assert.equal(ours.code, helm.code, `${what}\nhookline: ${ours.stderr}\nhelm: ${helm.stderr}`);
      assert.equal(comparable(ours.stdout, ns.hookline), comparable(helm.stdout, ns.helm), what);
      assert.equal(comparable(errorLine(ours.stderr), ns.hookline), comparable(errorLine(helm.stderr), ns.helm), what);
      codes.push(helm.code);
    }
    assert.deepEqual(codes, [0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 1]);
    for (const release of ['web', 'dev', 'stable', 'fresh', 'none']) {
      assert.deepEqual(await storedHistory(ns.hookline, release), await storedHistory(ns.helm, release), release);
    }
    const notes = (await storedHistory(ns.helm, 'web')).map((r) => r.notes.trim());
    assert.deepEqual(notes, ['versioned 1.1.0', 'versioned 2.0.0-beta.1', 'versioned 1.0.0', 'versioned 2.0.0-beta.1']);
  });
});
