// Words the `yaml` package's syntax errors the way go-yaml v2 (libyaml) reports them,
// including its line numbering: scanner errors count lines from 1, parser errors from 0.
import type { YAMLError } from 'yaml';

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
      return format('scanner', endOfText, 'found unexpected end of stream');
    case 'BAD_INDENT':
      if (error.message.startsWith('Flow sequence')) return format('parser', endOfText, "did not find expected ',' or ']'");
      if (error.message.startsWith('Flow map')) return format('parser', endOfText, "did not find expected ',' or '}'");
      return format('parser', lineIndexAt(text, pos), 'did not find expected key');
    case 'UNEXPECTED_TOKEN':
      if (error.message.includes('at node end')) return format('parser', lineIndexAt(text, pos), "did not find expected '-' indicator");
      return format('parser', lineIndexAt(text, pos), 'did not find expected node content');
    default:
      return format('parser', lineIndexAt(text, pos), error.message);
  }
}
