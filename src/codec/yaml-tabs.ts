// libyaml rejects a tab right after a block indicator ("-", "?", or a ":" that starts its
// line), where a token may start; the `yaml` package accepts it. This finds such a tab.
import { CST, Lexer } from 'yaml';

/** Lexer markers that stand for no source text. */
const MARKERS = new Set(['\x02', '\x18', '\x1f']);

/** The offset of the first tab libyaml would stop at, before `end`, or undefined. */
export function tabAfterBlockIndicator(text: string, end: number): number | undefined {
  // Most YAML has no tab at all; lexing it a second time only to find none was a third of the parse.
  if (!text.includes('\t')) return undefined;
  let offset = 0;
  let flowDepth = 0;
  let armed = false;
  let atLineStart = true;
  for (const token of new Lexer().lex(text)) {
    if (offset >= end) return undefined;
    if (MARKERS.has(token)) continue;
    const type = CST.tokenType(token);
    if (type === 'space' && armed && flowDepth === 0 && token.includes('\t')) return offset + token.indexOf('\t');
    if (type === 'flow-seq-start' || type === 'flow-map-start') flowDepth++;
    if (type === 'flow-seq-end' || type === 'flow-map-end') flowDepth = Math.max(flowDepth - 1, 0);
    armed = type === 'seq-item-ind' || type === 'explicit-key-ind' || (type === 'map-value-ind' && atLineStart);
    if (type === 'newline') atLineStart = true;
    else if (type !== 'space') atLineStart = false;
    offset += token.length;
  }
  return undefined;
}
