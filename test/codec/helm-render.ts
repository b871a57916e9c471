// Renders template snippets against a values file with the reference helm (TZ=UTC), so the
// codec tests can compare each snippet's output with ours on the same parsed values.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { referenceTool } from '../support/reference-tools.ts';

/** Each snippet's rendered text; snippets see the values as .Values. */
export function helmRender(valuesYaml: string, snippets: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'hookline-codec-'));
  try {
    mkdirSync(join(dir, 'templates'));
    writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: codecchart\nversion: 0.1.0\n');
    writeFileSync(join(dir, 'values.yaml'), valuesYaml);
    // Outputs travel base64-encoded in comment lines so any text survives helm's YAML parsing.
    writeFileSync(join(dir, 'templates', '_snippets.tpl'),
      snippets.map((s, i) => `{{- define "snippet${i}" -}}${s}{{- end -}}\n`).join(''));
    writeFileSync(join(dir, 'templates', 'out.yaml'),
      snippets.map((_, i) => `# R${i} {{ include "snippet${i}" . | b64enc }}\n`).join(''));
    const out = execFileSync(referenceTool('helm4'), ['template', 'x', dir], {
      env: { ...process.env, TZ: 'UTC' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28,
    });
    return snippets.map((_, i) => {
      const m = new RegExp(`^# R${i}(?: (.*))?$`, 'm').exec(out);
      if (!m) throw new Error(`helm output lacks snippet ${i}:\n${out}`);
      return Buffer.from(m[1] ?? '', 'base64').toString('utf8');
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
