// Words the `yaml` package's syntax errors the way go-yaml v2 (libyaml) reports them,
// including its line numbering: scanner errors count lines from 1, parser errors from 0.
import type { YAMLError } from 'yaml';
import { firstLibyamlError } from './libyaml-parser.ts';

type Stage = 'scanner' | 'parser';

export function lineIndexAt(text: string, pos: number): number {
  let lines = 0;
  for (let i = 0; i < pos && i < text.length; i++) if (text[i] === '\n') lines++;
  return lines;
}

/** "yaml: line N: message", with go-yaml's quirk of dropping the line when it computes 0. */
function format(stage: Stage, lineIndex: number, message: string): string {
  const line = stage === 'scanner' && lineIndex !== 0 ? lineIndex + 1 : lineIndex;
  return line === 0 ? `yaml: ${message}` : `yaml: line ${line}: ${message}`;
}

/**
 * Whether the block collection that a stray token at `pos` fails to continue is a sequence:
 * the nearest line above (or the token's own line, if the token is not at its start) that is
 * indented no deeper than the token.
 */
function insideBlockSequence(text: string, pos: number): boolean {
  const lines = text.split('\n');
  const lineIndex = lineIndexAt(text, pos);
  const column = pos - (text.lastIndexOf('\n', pos - 1) + 1);
  for (let n = lineIndex; n >= 0; n--) {
    const line = lines[n];
    const indent = line.length - line.trimStart().length;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (n === lineIndex && column <= indent) continue;
    if (indent <= column) return /^-( |$)/.test(line.trimStart());
  }
  return false;
}

/** A scanner error at `pos`, worded and numbered as go-yaml does. */
export function goYamlScannerMessage(text: string, pos: number, message: string): string {
  return format('scanner', lineIndexAt(text, pos), message);
}

export function goYamlSyntaxMessage(error: YAMLError, text: string): string {
  const pos = error.pos[0];
  const endOfText = lineIndexAt(text, text.length);
  switch (error.code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY': {
      // libyaml stops at the ':' that starts the nested mapping.
      const colon = /:(?=[ \t\n]|$)/g;
      colon.lastIndex = pos;
      const found = colon.exec(text);
      return format('scanner', lineIndexAt(text, found ? found.index : pos), 'mapping values are not allowed in this context');
    }
    case 'TAB_AS_INDENT':
    case 'BAD_SCALAR_START':
      return format('scanner', lineIndexAt(text, pos), 'found character that cannot start any token');
    case 'MISSING_CHAR':
      if (error.message.includes('flow map')) return format('parser', lineIndexAt(text, pos), "did not find expected ',' or '}'");
      if (error.message.includes('flow sequence')) return format('parser', lineIndexAt(text, pos), "did not find expected ',' or ']'");
      // libyaml notices the missing ':' of a simple key only on the line after it.
      if (error.message.startsWith('Implicit map keys')) return format('scanner', lineIndexAt(text, pos) + 1, "could not find expected ':'");
      return format('scanner', endOfText, 'found unexpected end of stream');
    case 'BAD_INDENT':
      if (error.message.startsWith('Block scalar') && text[pos] === '\t') {
        return format('scanner', lineIndexAt(text, pos), 'found a tab character where an indentation space is expected');
      }
      if (error.message.startsWith('Flow sequence')) return format('parser', endOfText, "did not find expected ',' or ']'");
      if (error.message.startsWith('Flow map')) return format('parser', endOfText, "did not find expected ',' or '}'");
      return format('parser', lineIndexAt(text, pos), 'did not find expected key');
    case 'UNEXPECTED_TOKEN':
      if (error.message.includes('block-seq-ind on same line')) {
        return format('scanner', lineIndexAt(text, pos), 'block sequence entries are not allowed in this context');
      }
      if (error.message.includes('at node end')) {
        const expected = insideBlockSequence(text, pos) ? "did not find expected '-' indicator" : 'did not find expected key';
        return format('parser', lineIndexAt(text, pos), expected);
      }
      return format('parser', lineIndexAt(text, pos), 'did not find expected node content');
    default:
      return format('parser', lineIndexAt(text, pos), error.message);
  }
}

/**
 * go-yaml's message for the first syntax error of `text`'s first document, from a port of
 * libyaml's scanner and parser, or undefined when go-yaml reads it. v2 (sigs.k8s.io/yaml) numbers
 * the line from the problem's mark, v3 from the context's; both add 1 for scanner errors only.
 */
export function libyamlMessage(text: string, version: 2 | 3 = 2): string | undefined {
  const error = firstLibyamlError(text);
  if (!error) return undefined;
  if (error.stage === 'decoder') return `yaml: ${error.problem}`;
  const marks = version === 2 ? [error.problemMark, error.contextMark] : [error.contextMark, error.problemMark];
  const mark = marks.find((m) => m.line !== 0);
  // v2 adds the scanner's 1 only to the problem's line.
  const addOne = error.stage === 'scanner' && (version === 3 || mark === error.problemMark);
  const line = mark === undefined ? 0 : mark.line + (addOne ? 1 : 0);
  return line === 0 ? `yaml: ${error.problem}` : `yaml: line ${line}: ${error.problem}`;
}
