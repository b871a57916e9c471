// Splits a rendered template into YAML documents the way Helm 4's release code does: on a
// `---` that starts the text or follows a line break; each document trimmed of surrounding
// whitespace (Helm 4 stores and prints documents without their trailing line breaks).

// Go's \s is [\t\n\f\r ]; unicode.IsSpace (used for the left trims) is wider.
const separator = /(?:^|[\t\n\f\r ]*\n)---[\t\n\f\r ]*/;
const goSpace = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const leadingGoSpace = new RegExp(`^${goSpace}+`);
const trailingGoSpace = new RegExp(`${goSpace}+$`);

/** The documents of a multi-document string, in order, empty ones dropped. */
export function splitManifests(text: string): string[] {
  const docs: string[] = [];
  for (const part of text.replace(leadingGoSpace, '').split(separator)) {
    if (part === '') continue;
    const doc = part.replace(leadingGoSpace, '').replace(trailingGoSpace, '');
    if (doc !== '') docs.push(doc);
  }
  return docs;
}
