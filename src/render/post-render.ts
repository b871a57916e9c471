// Helm 4's post-rendering step (pkg/action/action.go renderResources): every rendered file but
// the notes and partials is merged into one YAML stream, each document annotated with the file
// it came from; the post-renderer rewrites the stream; the result is split back into files by
// that annotation. Both directions go through kustomize's kyaml (yaml.v3 nodes), so documents
// come back re-indented (2 spaces, sequences not indented) with their comments and quoting kept.
import { isCollection, isMap, isScalar, parseDocument, Scalar, visit, YAMLMap, type Document } from 'yaml';
import { analyzeScalar } from '../codec/goyaml-scalar.ts';
import { goYamlSyntaxMessage } from '../codec/yaml-errors.ts';

/** The annotation helm uses to remember each document's template file. */
export const filenameAnnotation = 'postrenderer.helm.sh/postrender-filename';

/** A failure of the post-rendering step (helm words each stage's error). */
export class PostRenderError extends Error {}

/** Runs the post-renderer on the merged stream and returns its output. */
export type PostRenderer = (manifests: string) => string;

/** Go template trimming can leave "---apiVersion": helm puts the line break back first. */
function fixDocSeparators(content: string): string {
  return content.replace(/(^|\n)---(?=[^\n\r \t])/g, '$1---\n');
}

/** kyaml's splitDocuments: on "\n---" lines; a separator may carry only a comment. */
function splitDocuments(stream: string): string[] {
  if (stream === '') return [];
  const docs: string[] = [];
  const separator = /\n---(.*)\n/g;
  let prev = 0;
  for (let m = separator.exec(stream); m; m = separator.exec(stream)) {
    const rest = m[1].trim();
    if (rest !== '' && !rest.startsWith('#')) throw new Error(`invalid document separator: ${m[0].trim()}`);
    docs.push(`${stream.slice(prev, m.index)}\n`);
    prev = m.index + m[0].length;
    separator.lastIndex = prev;
  }
  docs.push(stream.slice(prev));
  return docs;
}

/** yaml.v3 refuses an alias whose anchor is not defined before it. */
function checkAliases(doc: Document): void {
  visit(doc, {
    Alias(_key, node) {
      if (!node.resolve(doc)) throw new Error(`MalformedYAMLError: yaml: unknown anchor '${node.source}' referenced`);
    },
  });
}

/** A plain scalar yaml.v3 resolves to null. */
const isNullScalar = (node: unknown) => isScalar(node) && (node.type === undefined || node.type === Scalar.PLAIN) && ['', '~', 'null', 'Null', 'NULL'].includes(String(node.value ?? ''));

/**
 * kio.ParseAll: the documents of a stream that are neither empty nor null. Scalars are read as
 * text (the failsafe schema), as yaml.v3 nodes keep them: 012 and 1e3 come back as written.
 */
function parseAll(stream: string): Document[] {
  const docs: Document[] = [];
  for (const text of splitDocuments(stream.replaceAll('\r\n', '\n'))) {
    const doc = parseDocument(text, { schema: 'failsafe', uniqueKeys: false });
    if (doc.errors.length > 0) throw new Error(`MalformedYAMLError: ${goYamlSyntaxMessage(doc.errors[0], text)}`);
    if (doc.contents === null || isNullScalar(doc.contents)) continue;
    checkAliases(doc);
    docs.push(doc);
  }
  return docs;
}

function metadataOf(doc: Document, create: boolean): YAMLMap | undefined {
  if (!isMap(doc.contents)) {
    if (create) throw new Error('wrong node kind: expected MappingNode');
    return undefined;
  }
  const metadata: unknown = doc.contents.get('metadata', true);
  if (isMap(metadata)) return metadata;
  if (!create) return undefined;
  const created = new YAMLMap();
  doc.contents.set(new Scalar('metadata'), created);
  return created;
}

function annotationsOf(doc: Document): YAMLMap | undefined {
  const annotations: unknown = metadataOf(doc, false)?.get('annotations', true);
  return isMap(annotations) ? annotations : undefined;
}

/** kyaml's SetAnnotation: a single-quoted value appended to metadata.annotations (created as needed). */
function setAnnotation(doc: Document, key: string, value: string): void {
  clearEmptyAnnotations(doc);
  const metadata = metadataOf(doc, true)!;
  const found: unknown = metadata.get('annotations', true);
  let annotations: YAMLMap;
  if (isMap(found)) {
    annotations = found;
  } else {
    annotations = new YAMLMap();
    metadata.set(new Scalar('annotations'), annotations);
  }
  const quoted = new Scalar(value);
  quoted.type = Scalar.QUOTE_SINGLE;
  annotations.set(new Scalar(key), quoted);
}

function clearAnnotation(doc: Document, key: string): void {
  annotationsOf(doc)?.delete(key);
}

/** A value kyaml's FieldClearer{IfEmpty} removes: anything with no content (a scalar, an empty collection). */
const hasNoContent = (node: unknown) => !isCollection(node) || node.items.length === 0;

/** kyaml's ClearEmptyAnnotations, run on every document written: empty annotations, then empty metadata, go. */
function clearEmptyAnnotations(doc: Document): void {
  if (!isMap(doc.contents)) return;
  const metadata = metadataOf(doc, false);
  if (metadata?.has('annotations') && hasNoContent(metadata.get('annotations', true))) metadata.delete('annotations');
  if (doc.contents.has('metadata') && hasNoContent(doc.contents.get('metadata', true))) doc.contents.delete('metadata');
}

/** yaml.v3 keeps no blank lines: forget the ones the source had. */
function dropBlankLines(node: unknown): void {
  if (node === null || typeof node !== 'object') return;
  const n = node as { spaceBefore?: boolean; items?: unknown[]; key?: unknown; value?: unknown };
  if (n.spaceBefore) n.spaceBefore = false;
  if (Array.isArray(n.items)) n.items.forEach(dropBlankLines);
  if ('key' in n) dropBlankLines(n.key);
  if ('value' in n) dropBlankLines(n.value);
}

/**
 * libyaml's choice for a plain string it cannot write plain ("---x", "key: x", a trailing
 * space): single quotes, or double quotes when single ones cannot hold it either.
 */
function quoteLikeLibyaml(doc: Document): void {
  visit(doc, {
    Scalar(_key, node, path) {
      if (typeof node.value !== 'string' || (node.type !== undefined && node.type !== Scalar.PLAIN)) return;
      const inFlow = path.some((p) => isCollection(p) && p.flow === true);
      const analysis = analyzeScalar(node.value, true);
      if (inFlow ? analysis.flowPlainAllowed : analysis.blockPlainAllowed) return;
      node.type = analysis.singleQuotedAllowed ? Scalar.QUOTE_SINGLE : Scalar.QUOTE_DOUBLE;
    },
  });
}

/** Marks a folded block scalar yaml.v3 writes with an extra line break after it. */
const foldMark = 'hookline-extra-fold-break';

/**
 * yaml.v3 ends a folded (">") scalar that ends in a line break with one more, empty line, when
 * the text starts with neither a blank nor a break and its last line does not start with one
 * (its emitter looks for a following blank at the start of the text instead of after the break).
 */
function markFoldedBreaks(doc: Document): void {
  visit(doc, {
    Scalar(_key, node) {
      if (node.type !== Scalar.BLOCK_FOLDED || typeof node.value !== 'string' || node.comment) return;
      const text = node.value;
      const lastLine = text.replace(/[\r\n]+$/, '').split('\n').pop() ?? '';
      if (!text.endsWith('\n') || /^[ \t\r\n]/.test(text) || /^[ \t]/.test(lastLine)) return;
      node.comment = foldMark;
    },
  });
}

/** Replaces each marker by the empty line yaml.v3 puts after that scalar's block. */
function addFoldedBreaks(text: string): string {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].endsWith(` #${foldMark}`)) continue;
    lines[i] = lines[i].slice(0, -(foldMark.length + 2));
    const indent = lines[i].length - lines[i].trimStart().length;
    let last = i;
    for (let j = i + 1; j < lines.length; j++) {
      if (lines[j] === '') continue;
      if (lines[j].length - lines[j].trimStart().length <= indent) break;
      last = j;
    }
    lines.splice(last + 1, 0, '');
  }
  return lines.join('\n');
}

/** yaml.v3 writes a comment after the document's last entry as the root's foot comment, without a blank line. */
function footCommentToRoot(doc: Document): void {
  if (!doc.comment || !isCollection(doc.contents)) return;
  doc.contents.comment = doc.contents.comment ? `${doc.contents.comment}\n${doc.comment}` : doc.comment;
  doc.comment = null;
}

/** kio.StringAll: the documents as yaml.v3's encoder writes them, "---" between them. */
function stringAll(docs: Document[]): string {
  return docs.map((doc) => {
    doc.directives!.docStart = null;
    clearEmptyAnnotations(doc);
    dropBlankLines(doc.contents);
    quoteLikeLibyaml(doc);
    footCommentToRoot(doc);
    markFoldedBreaks(doc);
    return addFoldedBreaks(doc.toString({ indent: 2, indentSeq: false, lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false }));
  }).join('---\n');
}

/** The stream helm hands to the post-renderer: files in name order, each document annotated with its file. */
export function annotateAndMerge(files: ReadonlyMap<string, string>): string {
  const merged: Document[] = [];
  for (const name of [...files.keys()].sort()) {
    const content = files.get(name)!;
    if (name.split('/').pop()!.startsWith('_') || content.trim() === '') continue;
    let docs: Document[];
    try {
      docs = parseAll(fixDocSeparators(content));
    } catch (err) {
      throw new Error(`parsing ${name}: ${(err as Error).message}`, { cause: err });
    }
    for (const doc of docs) {
      try {
        setAnnotation(doc, filenameAnnotation, name);
      } catch (err) {
        throw new Error(`annotating ${name}: ${(err as Error).message}`, { cause: err });
      }
      merged.push(doc);
    }
  }
  return stringAll(merged);
}

/** The post-renderer's output back as files; a document without the annotation is a file of its own. */
export function splitAndDeannotate(output: string): Map<string, string> {
  let docs: Document[];
  try {
    docs = parseAll(output);
  } catch (err) {
    throw new Error(`error parsing YAML: ${(err as Error).message}`, { cause: err });
  }
  const byFile = new Map<string, Document[]>();
  docs.forEach((doc, i) => {
    const annotated = annotationsOf(doc)?.get(filenameAnnotation);
    const name = typeof annotated === 'string' && annotated !== '' ? annotated : `generated-by-postrender-${i}.yaml`;
    clearAnnotation(doc, filenameAnnotation);
    byFile.set(name, [...(byFile.get(name) ?? []), doc]);
  });
  return new Map([...byFile].map(([name, fileDocs]) => [name, stringAll(fileDocs)]));
}

/** The rendered files after post-rendering: NOTES.txt files pass by untouched, as in helm. */
export function postRenderFiles(rendered: ReadonlyMap<string, string>, run: PostRenderer): Map<string, string> {
  const notes = [...rendered].filter(([name]) => name.endsWith('/NOTES.txt'));
  const files = new Map([...rendered].filter(([name]) => !name.endsWith('/NOTES.txt')));
  let merged: string;
  try {
    merged = annotateAndMerge(files);
  } catch (err) {
    throw new PostRenderError(`error merging manifests: ${(err as Error).message}`, { cause: err });
  }
  let output: string;
  try {
    output = run(merged);
  } catch (err) {
    throw new PostRenderError(`error while running post render on files: ${(err as Error).message}`, { cause: err });
  }
  let split: Map<string, string>;
  try {
    split = splitAndDeannotate(output);
  } catch (err) {
    throw new PostRenderError(`error while parsing post rendered output: ${(err as Error).message}`, { cause: err });
  }
  return new Map([...notes, ...split]);
}
