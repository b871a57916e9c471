// Renders template snippets with the reference helm (TZ=UTC) and returns each
// snippet's output, so function tests can compare against the real Sprig/Go behaviour.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { referenceTool } from '../support/reference-tools.ts';
import type { GoValue } from '../../src/template/gotypes.ts';

function writeChart(dir: string, snippets: string[]): void {
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: evalchart\nversion: 0.1.0\n');
  // Each snippet becomes a named template whose output travels base64-encoded in a YAML
  // comment line, so any text (multi-line PEM, YAML-breaking characters) survives.
  writeFileSync(join(dir, 'templates', '_snippets.tpl'),
    snippets.map((s, i) => `{{- define "snippet${i}" -}}${s}{{- end -}}\n`).join(''));
  writeFileSync(join(dir, 'templates', 'out.yaml'),
    snippets.map((_, i) => `# R${i} {{ include "snippet${i}" . | b64enc }}\n`).join(''));
}

function runHelm(dir: string, tz = 'UTC'): string {
  return execFileSync(referenceTool('helm4'), ['template', 'x', dir], {
    env: { ...process.env, TZ: tz },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * The rendered text of each snippet (template source such as `{{ b64enc "x" }}`), with
 * helm's local time zone set to `tz` (UTC unless a test is about local time).
 */
export function helmEval(snippets: string[], tz = 'UTC'): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'hookline-funcs-'));
  try {
    writeChart(dir, snippets);
    const out = runHelm(dir, tz);
    return snippets.map((_, i) => {
      const m = new RegExp(`^# R${i}(?: (.*))?$`, 'm').exec(out);
      if (!m) throw new Error(`helm output lacks snippet ${i}:\n${out}`);
      return Buffer.from(m[1] ?? '', 'base64').toString('utf8');
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The error helm reports for a snippet that fails, or undefined if it renders. */
export function helmError(snippet: string): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'hookline-funcs-'));
  try {
    writeChart(dir, [snippet]);
    runHelm(dir);
    return undefined;
  } catch (err) {
    return String((err as { stderr?: string }).stderr ?? err);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Go's %v for the simple values these tests produce (strings, bools, ints, string slices). */
export function formatValue(v: GoValue): string {
  if (Array.isArray(v)) return `[${v.map(formatValue).join(' ')}]`;
  if (v === null) return '<nil>';
  return String(v);
}

/** Template source for a Go string literal. */
export function q(s: string): string {
  return JSON.stringify(s);
}
