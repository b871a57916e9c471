// libyaml accepts quoted scalars whose continuation lines are not indented past their key;
// the `yaml` package rejects them ("Missing closing quote"). Folding drops the leading spaces
// of continuation lines, so indenting those lines further changes no value and lets it parse.

/** Where the quoted scalar left open at the end of `line` starts, or -1. */
function openQuoteOnLine(line: string): number {
  let open = -1;
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (open === -1) {
      if (ch === '"' || ch === "'") {
        open = i;
        quote = ch;
      }
    } else if (quote === '"' && ch === '\\') i++;
    else if (ch === quote) {
      if (quote === "'" && line[i + 1] === "'") i++;
      else open = -1;
    }
  }
  return open;
}

/** Index of the line that closes a quoted scalar opened before `fromLine`, or -1. */
function closingLine(lines: string[], fromLine: number, quote: string): number {
  for (let n = fromLine; n < lines.length; n++) {
    const line = lines[n];
    for (let i = 0; i < line.length; i++) {
      if (quote === '"' && line[i] === '\\') i++;
      else if (line[i] === quote) {
        if (quote === "'" && line[i + 1] === "'") i++;
        else return n;
      }
    }
  }
  return -1;
}

/**
 * The text with the continuation lines of the quoted scalar left open on line `lineIndex`
 * indented past that line, or undefined when there is nothing to fix there.
 */
function indentQuotedContinuation(text: string, lineIndex: number): string | undefined {
  const lines = text.split('\n');
  const start = openQuoteOnLine(lines[lineIndex] ?? '');
  if (start === -1) return undefined;
  const end = closingLine(lines, lineIndex + 1, lines[lineIndex][start]);
  if (end === -1) return undefined;
  const pad = ' '.repeat((/^ */.exec(lines[lineIndex])?.[0].length ?? 0) + 1);
  for (let n = lineIndex + 1; n <= end; n++) {
    if (lines[n].trim() !== '') lines[n] = pad + lines[n];
  }
  return lines.join('\n');
}

/**
 * The fix for a "missing closing quote" error reported on line `errorLine`: the quote may open
 * on that line or, when a continuation line at column 0 ended the block, on one above it.
 */
export function fixQuotedContinuation(text: string, errorLine: number): string | undefined {
  for (let line = errorLine; line >= 0; line--) {
    const fixed = indentQuotedContinuation(text, line);
    if (fixed !== undefined) return fixed;
  }
  return undefined;
}
