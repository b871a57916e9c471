// Scalars as yaml.v3's encoder writes them where the `yaml` package would write them otherwise:
// plain text libyaml cannot leave plain gets quoted, and quoted and block text is written by
// Hookline's port of libyaml's emitter in place of a placeholder (chomping and indentation
// hints, blank lines in folded and quoted text, a closing quote at column 0).
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, Scalar, type Alias, type Document } from 'yaml';
import { YamlEmitter, type ScalarStyle } from '../codec/goyaml-emitter.ts';
import { analyzeScalar } from '../codec/goyaml-scalar.ts';

/**
 * libyaml's choice for a plain string it cannot write plain ("---x", "key: x", a trailing
 * space): single quotes, or double quotes when single ones cannot hold it either.
 */
export function quoteLikeLibyaml(doc: Document): void {
  forEachScalar(doc.contents, false, (node, inFlow) => {
    if (typeof node.value !== 'string' || (node.type !== undefined && node.type !== Scalar.PLAIN)) return;
    const analysis = analyzeScalar(node.value, true);
    if (inFlow ? analysis.flowPlainAllowed : analysis.blockPlainAllowed) return;
    node.type = analysis.singleQuotedAllowed ? Scalar.QUOTE_SINGLE : Scalar.QUOTE_DOUBLE;
  });
}

/** Every scalar below `node`, keys included, and whether it sits in a flow collection (a plain walk: `visit` copies its path at every node). */
export function forEachScalar(node: unknown, inFlow: boolean, fn: (scalar: Scalar, inFlow: boolean) => void): void {
  forEachLeaf(node, inFlow, (leaf, flow) => {
    if (isScalar(leaf)) fn(leaf, flow);
  });
}

/** Every scalar and alias below `node`. */
export function forEachLeaf(node: unknown, inFlow: boolean, fn: (leaf: Scalar | Alias, inFlow: boolean) => void): void {
  if (isScalar(node) || isAlias(node)) return fn(node, inFlow);
  if (!isCollection(node)) return;
  const flow = inFlow || node.flow === true;
  for (const item of node.items) {
    if (isPair(item)) {
      forEachLeaf(item.key, flow, fn);
      forEachLeaf(item.value, flow, fn);
    } else {
      forEachLeaf(item, flow, fn);
    }
  }
}

/** The YAML styles Hookline writes with its port of libyaml's emitter, keyed by the yaml package's scalar types. */
const ownStyles: Partial<Record<string, ScalarStyle>> = {
  [Scalar.QUOTE_SINGLE]: 'single', [Scalar.QUOTE_DOUBLE]: 'double', [Scalar.BLOCK_LITERAL]: 'literal', [Scalar.BLOCK_FOLDED]: 'folded',
};

export interface PlacedScalar { value: string; style: ScalarStyle; indent: number }

/**
 * Puts a placeholder in place of every quoted or block string in block context and notes the
 * column its continuation lines start at (two past its key or its "-"): the yaml package
 * writes block scalars and multi-line quoted text otherwise than libyaml (chomping and
 * indentation hints, blank lines, where a closing quote goes).
 */
export function placeScalars(doc: Document): Map<string, PlacedScalar> {
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
export function fillScalars(text: string, placed: Map<string, PlacedScalar>): string {
  if (placed.size === 0) return text;
  return text.split('\n').flatMap((line) => {
    const id = /hookline-scalar-\d+-placeholder/.exec(line)?.[0];
    const scalar = id && placed.get(id);
    if (!scalar) return [line];
    const [first, ...rest] = libyamlScalar(scalar);
    return [line.replace(id, first), ...rest];
  }).join('\n');
}
