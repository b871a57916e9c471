// Helm 4's post-rendering step (pkg/action/action.go renderResources): every rendered file but
// the notes and partials is merged into one YAML stream, each document annotated with the file
// it came from; the post-renderer rewrites the stream; the result is split back into files by
// that annotation. Both directions go through kustomize's kyaml (yaml.v3 nodes), so documents
// come back re-indented (2 spaces, sequences not indented) with their comments and quoting kept.
import { Document, isCollection, isMap, isScalar, isSeq, parseAllDocuments, Scalar, visit, YAMLMap } from 'yaml';
import { YamlEmitter, type ScalarStyle } from '../codec/goyaml-emitter.ts';
import { analyzeScalar } from '../codec/goyaml-scalar.ts';
import { goYamlSyntaxMessage, lineIndexAt } from '../codec/yaml-errors.ts';
import { fixQuotedContinuation } from '../codec/yaml-lenient.ts';

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

/**
 * One document, read as libyaml reads it: quoted text whose continuation lines are not indented
 * past their key (which libyaml writes, e.g. a closing quote at column 0) is accepted.
 */
function parseLikeLibyaml(text: string): Document {
  for (let source = text; ;) {
    // yaml.v3's decoder reads the first document; a "---" kyaml's split did not cut at ends it.
    const parsed = parseAllDocuments(source, { schema: 'failsafe', uniqueKeys: false });
    const doc = Array.isArray(parsed) ? parsed[0] ?? new Document(null) : parsed;
    if (doc.errors.length === 0) return withoutBreakAtEnd(doc, source);
    const error = doc.errors[0];
    const fixed = error.code === 'MISSING_CHAR' ? fixQuotedContinuation(source, lineIndexAt(source, error.pos[0])) : undefined;
    if (fixed === undefined) throw new Error(`MalformedYAMLError: ${goYamlSyntaxMessage(error, text)}`);
    source = fixed;
  }
}

/**
 * libyaml ends a block scalar that runs to the end of the text without a final line break
 * without one (the yaml package adds it), so `|` there comes back as `|-`.
 */
function withoutBreakAtEnd(doc: Document, source: string): Document {
  if (source.endsWith('\n')) return doc;
  visit(doc, {
    Scalar(_key, node) {
      const block = node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
      if (block && typeof node.value === 'string' && node.value.endsWith('\n') && (node.range?.[1] ?? 0) >= source.length) node.value = node.value.slice(0, -1);
    },
  });
  return doc;
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
    const doc = parseLikeLibyaml(text);
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

/** The YAML styles Hookline writes with its port of libyaml's emitter, keyed by the yaml package's scalar types. */
const ownStyles: Partial<Record<string, ScalarStyle>> = {
  [Scalar.QUOTE_SINGLE]: 'single', [Scalar.QUOTE_DOUBLE]: 'double', [Scalar.BLOCK_LITERAL]: 'literal', [Scalar.BLOCK_FOLDED]: 'folded',
};

interface PlacedScalar { value: string; style: ScalarStyle; indent: number }

/**
 * Puts a placeholder in place of every quoted or block string in block context and notes the
 * column its continuation lines start at (two past its key or its "-"): the yaml package
 * writes block scalars and multi-line quoted text otherwise than libyaml (chomping and
 * indentation hints, blank lines, where a closing quote goes).
 */
function placeScalars(doc: Document): Map<string, PlacedScalar> {
  const placed = new Map<string, PlacedScalar>();
  const place = (node: unknown, indent: number): unknown => {
    if (!isScalar(node) || typeof node.value !== 'string' || node.type === undefined) return node;
    const style = ownStyles[node.type];
    if (!style) return node;
    const id = `hookline-scalar-${placed.size}-placeholder`;
    placed.set(id, { value: node.value, style, indent });
    const stand = new Scalar(id);
    Object.assign(stand, { comment: node.comment, commentBefore: node.commentBefore, anchor: node.anchor, tag: node.tag });
    return stand;
  };
  const walk = (node: unknown, column: number): void => {
    if (isMap(node) && !node.flow) {
      for (const pair of node.items) {
        pair.value = place(pair.value, column + 2) as typeof pair.value;
        // A sequence under a key starts at the key's column (kyaml's compact sequences).
        if (isCollection(pair.value)) walk(pair.value, isMap(pair.value) ? column + 2 : column);
      }
    } else if (isSeq(node) && !node.flow) {
      node.items = node.items.map((item) => place(item, column + 2));
      for (const item of node.items) if (isCollection(item)) walk(item, column + 2);
    }
  };
  walk(doc.contents, 0);
  return placed;
}

/** A scalar as libyaml writes it as the value of a key at column `indent` - 2: its first line and the lines after. */
function libyamlScalar({ value, style, indent }: PlacedScalar): string[] {
  const emitter = new YamlEmitter({ indent: 2, indentSequencesInMappings: false, width: Infinity, tabsInBlocks: true });
  const text = emitter.emitDocument({ kind: 'mapping', entries: [[{ kind: 'scalar', value: 'k', style: 'plain' }, { kind: 'scalar', value, style }]] });
  const [first, ...rest] = text.slice('k: '.length).replace(/\n$/, '').split('\n');
  // Continuation lines move from column 2 to the real one; empty lines and a closing quote that libyaml puts at column 0 stay.
  return [first, ...rest.map((line) => (line === '' || line === "'" ? line : ' '.repeat(indent - 2) + line))];
}

/** The document text with each placeholder replaced by its scalar. */
function fillScalars(text: string, placed: Map<string, PlacedScalar>): string {
  if (placed.size === 0) return text;
  return text.split('\n').flatMap((line) => {
    const id = /hookline-scalar-\d+-placeholder/.exec(line)?.[0];
    const scalar = id && placed.get(id);
    if (!scalar) return [line];
    const [first, ...rest] = libyamlScalar(scalar);
    return [line.replace(id, first), ...rest];
  }).join('\n');
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
    const placed = placeScalars(doc);
    return fillScalars(doc.toString({ indent: 2, indentSeq: false, lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false }), placed);
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
