// Splits a rendered template into YAML documents the way Helm 4's release code does: on a
// `---` that starts the text or follows a line break; each document trimmed of surrounding
// whitespace (Helm 4 stores and prints documents without their trailing line breaks).
// Scanned by hand: the equivalent regular expressions backtrack over every run of
// indentation, which made splitting megabytes of output take longer than rendering it.

/** Go's \s, [\t\n\f\r ]: what Helm's separator pattern allows around `---`. */
function isRegexpSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13 || code === 12;
}

/** unicode.IsSpace, used for the trims. */
function isGoSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  return code === 0x85 || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a)
    || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000;
}

function trimGoSpace(text: string, start: number, end: number): string {
  while (start < end && isGoSpace(text.charCodeAt(start))) start++;
  while (end > start && isGoSpace(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

/**
 * The pieces of Go's split on `(?:^|\s*\n)---\s*`: a separator is `---` at the very start,
 * or a line break then `---`, taking the white space on both sides with it.
 */
function splitOnSeparators(text: string): Array<[number, number]> {
  const parts: Array<[number, number]> = [];
  let pos = 0;
  if (text.startsWith('---')) {
    parts.push([0, 0]);
    pos = skipRegexpSpace(text, 3);
  }
  for (;;) {
    const lineBreak = text.indexOf('\n---', pos);
    if (lineBreak < 0) break;
    let start = lineBreak;
    while (start > pos && isRegexpSpace(text.charCodeAt(start - 1))) start--;
    parts.push([pos, start]);
    pos = skipRegexpSpace(text, lineBreak + 4);
  }
  parts.push([pos, text.length]);
  return parts;
}

function skipRegexpSpace(text: string, i: number): number {
  while (i < text.length && isRegexpSpace(text.charCodeAt(i))) i++;
  return i;
}

/** The documents of a multi-document string, in order, empty ones dropped. */
export function splitManifests(text: string): string[] {
  let lead = 0;
  while (lead < text.length && isGoSpace(text.charCodeAt(lead))) lead++;
  const body = lead === 0 ? text : text.slice(lead);
  const docs: string[] = [];
  for (const [start, end] of splitOnSeparators(body)) {
    const doc = trimGoSpace(body, start, end);
    if (doc !== '') docs.push(doc);
  }
  return docs;
}
