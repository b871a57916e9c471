// Renders template snippets with the reference helm (TZ=UTC) and returns each
// snippet's output, so function tests can compare against the real Sprig/Go behaviour.
import { helmSnippetError, helmSnippets } from '../support/helm-snippets.ts';
import type { GoValue } from '../../src/govalue/types.ts';

/**
 * The rendered text of each snippet (template source such as `{{ b64enc "x" }}`), with
 * helm's local time zone set to `tz` (UTC unless a test is about local time).
 */
export function helmEval(snippets: string[], tz = 'UTC'): string[] {
  return helmSnippets(snippets, { tz });
}

/** The error helm reports for a snippet that fails, or undefined if it renders. */
export function helmError(snippet: string): string | undefined {
  return helmSnippetError(snippet);
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
