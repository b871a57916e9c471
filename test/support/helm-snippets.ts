// Renders template snippets with the reference helm: each snippet becomes a named template
// whose output travels base64-encoded in a YAML comment line, so any text (multi-line PEM,
// YAML-breaking characters) survives helm's parse of the rendered manifest.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { referenceTool } from './reference-tools.ts';

export interface SnippetOptions {
  /** values.yaml of the chart the snippets render in (they see it as .Values). */
  values?: string;
  /** helm's local time zone; UTC unless a test is about local time. */
  tz?: string;
}

function writeChart(dir: string, snippets: string[], values: string | undefined): void {
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: snippets\nversion: 0.1.0\n');
  if (values !== undefined) writeFileSync(join(dir, 'values.yaml'), values);
  writeFileSync(join(dir, 'templates', '_snippets.tpl'),
    snippets.map((s, i) => `{{- define "snippet${i}" -}}${s}{{- end -}}\n`).join(''));
  writeFileSync(join(dir, 'templates', 'out.yaml'),
    snippets.map((_, i) => `# R${i} {{ include "snippet${i}" . | b64enc }}\n`).join(''));
}

function withChart<T>(snippets: string[], options: SnippetOptions, use: (output: () => string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'hookline-snippets-'));
  try {
    writeChart(dir, snippets, options.values);
    return use(() => execFileSync(referenceTool('helm4'), ['template', 'x', dir], {
      env: { ...process.env, TZ: options.tz ?? 'UTC' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28,
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Each snippet's rendered text. */
export function helmSnippets(snippets: string[], options: SnippetOptions = {}): string[] {
  return withChart(snippets, options, (render) => {
    const out = render();
    return snippets.map((_, i) => {
      const m = new RegExp(`^# R${i}(?: (.*))?$`, 'm').exec(out);
      if (!m) throw new Error(`helm output lacks snippet ${i}:\n${out}`);
      return Buffer.from(m[1] ?? '', 'base64').toString('utf8');
    });
  });
}

/** The error helm reports for a snippet that fails, or undefined if it renders. */
export function helmSnippetError(snippet: string, options: SnippetOptions = {}): string | undefined {
  return withChart([snippet], options, (render) => {
    try {
      render();
      return undefined;
    } catch (err) {
      return String((err as { stderr?: string }).stderr ?? err);
    }
  });
}
