// The committed default capabilities (src/render/default-capabilities.json) are what the
// reference helm gives templates when no cluster is consulted; re-probed here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultCapabilities } from '../../src/render/capabilities.ts';
import { helmTemplate, hooklineTemplate } from './run-both.ts';

function probeChart(template: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'hookline-caps-'));
  mkdirSync(join(dir, 'probe', 'templates'), { recursive: true });
  writeFileSync(join(dir, 'probe', 'Chart.yaml'), 'apiVersion: v2\nname: probe\nversion: 0.1.0\n');
  writeFileSync(join(dir, 'probe', 'templates', 'caps.yaml'), template);
  return dir;
}

/** The probe chart rendered by both tools with each set of flags gives the same bytes. */
function renderSameAsHelm(dir: string, flagSets: string[][]): void {
  for (const flags of flagSets) {
    const args = ['rel', './probe', ...flags];
    const helm = helmTemplate(args, dir);
    const ours = hooklineTemplate(args, dir);
    assert.equal(helm.code, 0, helm.stderr);
    assert.equal(ours.stderr, helm.stderr, flags.join(' '));
    assert.equal(ours.stdout, helm.stdout, flags.join(' '));
  }
}

test('default KubeVersion, APIVersions and HelmVersion match the reference helm', () => {
  const dir = probeChart('# {{ dict "kubeVersion" .Capabilities.KubeVersion.Version "helmVersion" .Capabilities.HelmVersion "apiVersions" .Capabilities.APIVersions | toJson }}\n');
  const helm = helmTemplate(['x', './probe'], dir);
  assert.equal(helm.code, 0, helm.stderr);
  const line = helm.stdout.split('\n').find((l) => l.startsWith('# {'))!;
  const probed = JSON.parse(line.slice(2));
  assert.deepEqual(probed.apiVersions, defaultCapabilities.apiVersions);
  assert.equal(probed.kubeVersion, defaultCapabilities.kubeVersion);
  assert.deepEqual(probed.helmVersion, defaultCapabilities.helmVersion);
});

test('.Capabilities renders as helm renders it, with --kube-version and --api-versions', () => {
  const dir = probeChart([
    '# {{ .Capabilities.KubeVersion }} {{ .Capabilities.KubeVersion.Major }} {{ .Capabilities.KubeVersion.Minor }} {{ .Capabilities.KubeVersion.GitVersion }}',
    '# {{ .Capabilities.HelmVersion }} {{ .Capabilities.HelmVersion.Version }}',
    '# {{ .Capabilities.APIVersions.Has "apps/v1" }} {{ .Capabilities.APIVersions.Has "example.com/v1" }} {{ .Capabilities.APIVersions.Has "nope/v9" }}',
    '# {{ printf "%T %T %T" .Capabilities .Capabilities.KubeVersion .Capabilities.HelmVersion }}',
    '# {{ .Release }} {{ .Template }} {{ keys . | sortAlpha }}',
    '',
  ].join('\n'));
  renderSameAsHelm(dir, [[], ['--kube-version', '1.29.3', '--api-versions', 'example.com/v1'], ['--kube-version', 'v1.31', '-n', 'team', '--is-upgrade'], ['--kube-version', '1.31.0-rc.1+abc']]);
});

// A template action reaches .Capabilities' parts through a pointer; a function gets copies, so
// KubeVersion's pointer-receiver String applies to the first only. APIVersions is a named slice.
test('.Capabilities printed, passed to functions, encoded and used as a slice, as helm does', () => {
  const lines = [
    '{{ .Capabilities.KubeVersion }} {{ .Capabilities.KubeVersion | quote }} {{ print .Capabilities.KubeVersion }} {{ toString .Capabilities.KubeVersion }}',
    '{{ $k := .Capabilities.KubeVersion }}{{ $k }} {{ with .Capabilities.KubeVersion }}{{ . }}{{ end }} {{ cat .Capabilities.KubeVersion "x" }} {{ list .Capabilities.KubeVersion }}',
    '{{ printf "%v %s %q" .Capabilities.KubeVersion .Capabilities.KubeVersion .Capabilities.KubeVersion }}',
    '{{ .Capabilities.HelmVersion | quote }} {{ print .Capabilities.HelmVersion }}',
    '{{ .Capabilities }}|{{ print .Capabilities }}',
    '{{ .Capabilities | toJson | trunc 90 }} {{ .Capabilities.HelmVersion | toJson }} {{ .Capabilities.KubeVersion | toJson }}',
    '{{ .Capabilities.KubeVersion | toYaml | quote }} {{ .Capabilities | toYaml | trunc 40 | quote }}',
    '{{ len .Capabilities.APIVersions }} {{ index .Capabilities.APIVersions 1 }} {{ first .Capabilities.APIVersions }} {{ has "v1" .Capabilities.APIVersions }} {{ empty .Capabilities.APIVersions }}',
    '{{ range $i, $v := .Capabilities.APIVersions }}{{ if lt $i 2 }}{{ $i }}={{ $v }} {{ end }}{{ end }}',
    '{{ printf "%T %T" .Capabilities.APIVersions (slice .Capabilities.APIVersions 1 3) }} {{ slice .Capabilities.APIVersions 1 3 }} {{ kindOf .Capabilities.APIVersions }}',
    '{{ printf "%#v" (slice .Capabilities.APIVersions 0 2) }} {{ join "," (slice .Capabilities.APIVersions 0 2) }} {{ typeOf (slice (splitList "," "a,b") 1) }}',
  ];
  const dir = probeChart(lines.map((line) => `# ${line}\n`).join(''));
  renderSameAsHelm(dir, [[], ['--kube-version', '1.31.0-rc.1+abc', '--api-versions', 'example.com/v1']]);
});
