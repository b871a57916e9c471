// go-yaml's syntax errors, worded and numbered as it reports them: libyaml's scanner and parser
// (libyaml-scanner.ts, libyaml-parser.ts) find the first one; this file writes its message.
import type { YAMLError } from 'yaml';
import { readFirstDocument } from './libyaml-parser.ts';

export function lineIndexAt(text: string, pos: number): number {
  let lines = 0;
  for (let i = 0; i < pos && i < text.length; i++) if (text[i] === '\n') lines++;
  return lines;
}

/** go-yaml's verdict on the first document: its error message, or how far it reads the text. */
export type GoYamlVerdict = { message: string } | { message?: undefined; readTo: number };

/**
 * v2 (sigs.k8s.io/yaml: helm's values, fromYaml, manifests) numbers the line from the problem's
 * mark and falls back to the context's; v3 (kustomize's kyaml) prefers the context's. Marks count
 * lines from 0: a scanner error adds 1 (the parser's do not), and a line 0 is left out.
 */
export function goYamlVerdict(text: string, version: 2 | 3 = 2): GoYamlVerdict {
  const verdict = readFirstDocument(text, version);
  if (!verdict.error) return { readTo: verdict.readTo };
  const { error } = verdict;
  if (error.stage === 'decoder') return { message: `yaml: ${error.problem}` };
  const marks = version === 2 ? [error.problemMark, error.contextMark] : [error.contextMark, error.problemMark];
  const mark = marks.find((m) => m.line !== 0);
  // v2 adds the scanner's 1 only to the problem's line.
  const addOne = error.stage === 'scanner' && (version === 3 || mark === error.problemMark);
  const line = mark === undefined ? 0 : mark.line + (addOne ? 1 : 0);
  return { message: line === 0 ? `yaml: ${error.problem}` : `yaml: line ${line}: ${error.problem}` };
}

/** go-yaml's message for the first syntax error of `text`'s first document, or undefined. */
export function libyamlMessage(text: string, version: 2 | 3 = 2): string | undefined {
  return goYamlVerdict(text, version).message;
}

/**
 * The message for a document the `yaml` package rejected: go-yaml's when it rejects it too;
 * otherwise the `yaml` package's own, saying that go-yaml would have read it.
 */
export function goYamlSyntaxMessage(error: YAMLError, text: string, version: 2 | 3 = 2): string {
  const message = libyamlMessage(text, version);
  if (message !== undefined) return message;
  const line = lineIndexAt(text, error.pos[0]) + 1;
  return `yaml: line ${line}: ${error.message.split('\n')[0]} (Hookline's YAML reader rejects this document; go-yaml ${version} reads it)`;
}

/**
 * What the `yaml` package reads and libyaml may refuse: tabs, directives, a block key or value
 * indicator first on its line, a verbatim tag or one with % escapes, \u and \U escapes.
 * (Anchor names the `yaml` package takes further than libyaml, as in `&a: 1`, are not looked for:
 * `*` and `&` are common in comments, and each false alarm would cost a check.)
 */
const LENIENT = /\t|^%|^ *[?:](?:[ \t]|$)|!<|![^\s]*%|\\[uU]/m;

/**
 * go-yaml's error for a document the `yaml` package accepted, looked for only where the two are
 * known to differ (a regular expression's scan for the rest; the check costs a fraction of a parse).
 */
export function goYamlRejects(text: string, version: 2 | 3 = 2): string | undefined {
  return LENIENT.test(text) ? libyamlMessage(text, version) : undefined;
}
