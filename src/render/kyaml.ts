// The YAML round trip of kustomize's kyaml as helm's post-rendering uses it (kio.ParseAll,
// kio.StringAll, its annotation setters): documents read into yaml.v3 nodes and written back by
// yaml.v3's encoder with kyaml's settings (2 spaces, sequences not indented under their key),
// comments, quoting and scalar text kept. The `yaml` package reads the nodes and writes them;
// where it reads or writes otherwise than yaml.v3 it is put right here and in kyaml-scalars.ts.
import { Document, isAlias, isCollection, isMap, isPair, isScalar, isSeq, parseAllDocuments, Scalar, YAMLMap, type YAMLSeq } from 'yaml';
import { goYamlRejects, goYamlSyntaxMessage, lineIndexAt } from '../codec/yaml-errors.ts';
import { fixQuotedContinuation } from '../codec/yaml-lenient.ts';
import { fillScalars, forEachLeaf, forEachScalar, placeScalars, quoteLikeLibyaml } from './kyaml-scalars.ts';

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
    const rejected = doc.errors.length === 0 ? goYamlRejects(text, 3) : undefined;
    if (rejected !== undefined) throw new Error(`MalformedYAMLError: ${rejected}`);
    if (doc.errors.length === 0) return liftFootComments(withoutBreakAtEnd(doc, source), source);
    const error = doc.errors[0];
    const fixed = error.code === 'MISSING_CHAR' ? fixQuotedContinuation(source, lineIndexAt(source, error.pos[0])) : undefined;
    if (fixed === undefined) throw new Error(`MalformedYAMLError: ${goYamlSyntaxMessage(error, text, 3)}`);
    source = fixed;
  }
}

/**
 * yaml.v3 gives the comment lines after a nested block's last entry that sit left of that block
 * to the block around it; the `yaml` package keeps them all with the inner block.
 */
function liftFootComments(doc: Document, source: string): Document {
  if (!source.includes('#')) return doc;
  const columnAt = (pos: number) => pos - (source.lastIndexOf('\n', pos - 1) + 1);
  type Block = YAMLMap | YAMLSeq;
  const lift = (node: unknown, outer: Array<{ block: Block; column: number }>): void => {
    if (!isCollection(node) || node.flow || !node.range) return;
    const column = columnAt(node.range[0]);
    const inner = [...outer, { block: node, column }];
    for (const item of node.items) lift(isPair(item) ? item.value : item, inner);
    if (outer.length === 0 || !node.comment) return;
    const sourceLines = source.slice(node.range[1], node.range[2]).split('\n').filter((line) => /^\s*#/.test(line));
    const comments = node.comment.split('\n');
    if (sourceLines.length !== comments.length) return;
    // Each line goes to the innermost block that starts at or left of it.
    const owners = sourceLines.map((line) => {
      const indent = line.length - line.trimStart().length;
      return [...inner].reverse().find((b) => b.column <= indent)?.block ?? inner[0].block;
    });
    if (owners.every((owner) => owner === node)) return;
    node.comment = comments.filter((_c, i) => owners[i] === node).join('\n') || null;
    for (const owner of new Set(owners.filter((o) => o !== node)).values()) {
      const lifted = comments.filter((_c, i) => owners[i] === owner).join('\n');
      owner.comment = owner.comment ? `${lifted}\n${owner.comment}` : lifted;
    }
  };
  lift(doc.contents, []);
  return doc;
}

/**
 * libyaml ends a block scalar that runs to the end of the text without a final line break
 * without one (the yaml package adds it), so `|` there comes back as `|-`.
 */
function withoutBreakAtEnd(doc: Document, source: string): Document {
  if (source.endsWith('\n') || !/[|>]/.test(source)) return doc;
  forEachScalar(doc.contents, false, (node) => {
    const block = node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
    if (block && typeof node.value === 'string' && node.value.endsWith('\n') && (node.range?.[1] ?? 0) >= source.length) node.value = node.value.slice(0, -1);
  });
  return doc;
}

/** yaml.v3 refuses an alias whose anchor is not defined before it. */
function checkAliases(doc: Document, text: string): void {
  if (!text.includes('*')) return;
  forEachLeaf(doc.contents, false, (leaf) => {
    if (isAlias(leaf) && !leaf.resolve(doc)) throw new Error(`MalformedYAMLError: yaml: unknown anchor '${leaf.source}' referenced`);
  });
}

/** A plain scalar yaml.v3 resolves to null. */
const isNullScalar = (node: unknown) => isScalar(node) && (node.type === undefined || node.type === Scalar.PLAIN) && ['', '~', 'null', 'Null', 'NULL'].includes(String(node.value ?? ''));

/**
 * kio.ParseAll: the documents of a stream that are neither empty nor null. Scalars are read as
 * text (the failsafe schema), as yaml.v3 nodes keep them: 012 and 1e3 come back as written.
 * A stream that is one List (or ResourceList) with items gives its items, as kyaml unwraps it.
 */
export function parseAll(stream: string): Document[] {
  const docs: Document[] = [];
  const texts = splitDocuments(stream.replaceAll('\r\n', '\n'));
  for (const text of texts) {
    const doc = parseLikeLibyaml(text);
    if (doc.contents === null || isNullScalar(doc.contents)) continue;
    checkAliases(doc, text);
    checkMapping(doc);
    const items = texts.length === 1 ? listItems(doc) : undefined;
    if (items) docs.push(...items);
    else docs.push(doc);
  }
  return docs;
}

/** kyaml sets its reader annotations on every document, which fails on one that is not a mapping. */
function checkMapping(doc: Document): void {
  if (!isMap(doc.contents)) throw notAMapping(doc);
}

/** kyaml's ErrorIfInvalid wording for a document that is not a mapping. */
function notAMapping(doc: Document): Error {
  const kind = isSeq(doc.contents) ? 'SequenceNode' : isAlias(doc.contents) ? 'AliasNode' : 'ScalarNode';
  return new Error(`wrong node kind: expected MappingNode but got ${kind}: node contents:\n${stringAll([doc])}`);
}

/** The items of a List or ResourceList document, each as a document of its own. */
function listItems(doc: Document): Document[] | undefined {
  const root = doc.contents;
  if (!isMap(root) || !['List', 'ResourceList'].includes(String(root.get('kind') ?? ''))) return undefined;
  if (!root.has('items') && !root.has('functionConfig')) return undefined;
  const items: unknown = root.get('items', true);
  // A copy keeps the document's options (the failsafe schema: "012" stays plain).
  return (isSeq(items) ? items.items : []).map((item) => {
    const one = doc.clone();
    one.contents = item as typeof one.contents;
    return one;
  });
}

function metadataOf(doc: Document, create: boolean): YAMLMap | undefined {
  if (!isMap(doc.contents)) {
    if (create) throw notAMapping(doc);
    return undefined;
  }
  const metadata: unknown = doc.contents.get('metadata', true);
  if (isMap(metadata)) return metadata;
  if (!create) return undefined;
  const created = new YAMLMap();
  doc.contents.set(new Scalar('metadata'), created);
  return created;
}

export function annotationsOf(doc: Document): YAMLMap | undefined {
  const annotations: unknown = metadataOf(doc, false)?.get('annotations', true);
  return isMap(annotations) ? annotations : undefined;
}

/** kyaml's SetAnnotation: a single-quoted value appended to metadata.annotations (created as needed). */
export function setAnnotation(doc: Document, key: string, value: string): void {
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

export function clearAnnotation(doc: Document, key: string): void {
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

/** yaml.v3 writes a comment after the document's last entry as the root's foot comment, without a blank line. */
function footCommentToRoot(doc: Document): void {
  if (!doc.comment || !isCollection(doc.contents)) return;
  doc.contents.comment = doc.contents.comment ? `${doc.contents.comment}\n${doc.comment}` : doc.comment;
  doc.comment = null;
}

/** kio.StringAll: the documents as yaml.v3's encoder writes them, "---" between them. */
export function stringAll(docs: Document[]): string {
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
