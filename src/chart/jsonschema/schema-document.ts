// A schema document: its nodes, its resources ($id), anchors, and $ref resolution. The index of
// ids and anchors is built only when a reference needs it, and only for documents whose text
// mentions an id or an anchor at all; other references are plain JSON pointers.
import { goQuote } from '../../gofmt/strconv.ts';
import { anchorNotFound, duplicateAnchor, duplicateId, encodeFragment, invalidPointer, loadFailed, parseUrlFailed, pointerNotFound } from './compile-errors.ts';
import { draftOfUrl, idOf, latestDraft, subschemaKeywords, type Draft } from './drafts.ts';
import type { JsonObject } from './json-value.ts';
import { numberLiterals } from './number-literals.ts';
import { SchemaNode } from './schema-node.ts';

interface Resource {
  readonly ptr: string;
  readonly id: string;
  readonly draft: Draft;
  readonly anchors: Map<string, string>;
  readonly dynamicAnchors: Set<string>;
}

/** Loads the document at an absolute URL other than the chart's own schema. */
export type DocumentLoader = (url: string) => SchemaDocument;

export class SchemaDocument {
  readonly url: string;
  readonly root: SchemaNode;
  private readonly raw: unknown;
  private readonly mayHaveIds: boolean;
  private readonly nodes = new WeakMap<object, SchemaNode>();
  private resources: Map<string, Resource> | undefined;
  private readonly load: DocumentLoader;
  private readonly text: string;
  private literals: Map<string, string> | undefined;

  /** `text` is the document's source, scanned once for ids and anchors. */
  constructor(url: string, raw: unknown, text: string, load: DocumentLoader) {
    this.url = url;
    this.raw = raw;
    this.load = load;
    this.text = text;
    this.mayHaveIds = /"(?:\$?id|\$anchor|\$dynamicAnchor)"/.test(text);
    const draft = rootDraft(raw, url);
    const id = typeof raw === 'object' && raw !== null ? idOf(raw as JsonObject, draft) : '';
    this.root = this.makeNode(raw, '', draft, id === '' ? url : joinUrl(url, id).url, undefined);
  }

  private makeNode(raw: unknown, ptr: string, draft: Draft, base: string, resource: SchemaNode | undefined): SchemaNode {
    const node = new SchemaNode(this, raw, ptr, draft, base, resource);
    if (typeof raw === 'object' && raw !== null) this.nodes.set(raw, node);
    return node;
  }

  /** The node of a subschema reached from `parent` through a keyword (and key). */
  nodeFor(raw: unknown, parent: SchemaNode, keyword: string, key?: string): SchemaNode {
    const isObject = typeof raw === 'object' && raw !== null;
    const known = isObject ? this.nodes.get(raw) : undefined;
    if (known) return known;
    const ptr = `${parent.ptr}/${escapeToken(keyword)}${key === undefined ? '' : `/${escapeToken(key)}`}`;
    if (isObject && this.mayHaveIds && !Array.isArray(raw)) {
      const obj = raw as JsonObject;
      const draft = typeof obj.$schema === 'string' ? draftOfUrl(obj.$schema) ?? parent.draft : parent.draft;
      const id = idOf(obj, draft);
      if (id !== '') return this.makeNode(raw, ptr, draft, joinUrl(parent.base, id).url, undefined);
    }
    return this.makeNode(raw, ptr, parent.draft, parent.base, parent.resource);
  }

  /** How the number at `ptr` is written in the document (for messages). */
  numberLiteral(ptr: string): string | undefined {
    this.literals ??= numberLiterals(this.text);
    return this.literals.get(ptr);
  }

  locationOf(ptr: string): string {
    return `${this.url}#${encodeFragment(ptr)}`;
  }

  /** The schema a $ref (or $dynamicRef/$recursiveRef) of `from` points to. */
  resolve(from: SchemaNode, ref: string): { node: SchemaNode; anchor: string } {
    const { url, fragment } = joinUrl(from.base, ref);
    let doc: SchemaDocument = this;
    let res = this.resourceById(url);
    if (res === undefined) {
      doc = this.load(url);
      res = doc.resourceById(url) ?? doc.rootResource();
    }
    const isPointer = fragment === '' || fragment.startsWith('/');
    let ptr: string;
    if (isPointer) ptr = res.ptr + fragment;
    else {
      const found = doc.index().get(res.ptr)?.anchors.get(fragment);
      if (found === undefined) throw anchorNotFound(`${res.id}#${encodeFragment(fragment)}`, doc.url);
      ptr = found;
    }
    return { node: doc.nodeAt(ptr), anchor: isPointer ? '' : fragment };
  }

  /** The node at a JSON pointer of this document. */
  nodeAt(ptr: string): SchemaNode {
    let v = this.raw;
    for (const raw of ptr.split('/').slice(1)) {
      const token = unescapeToken(raw);
      if (token === undefined) throw invalidPointer(this.url, ptr);
      if (Array.isArray(v) && /^\d+$/.test(token) && Number(token) < v.length) v = v[Number(token)];
      else if (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.hasOwn(v, token)) v = (v as JsonObject)[token];
      else throw pointerNotFound(this.url, ptr);
    }
    const known = typeof v === 'object' && v !== null ? this.nodes.get(v) : undefined;
    if (known) return known;
    const res = this.resourceOf(ptr);
    const resourceNode = res.ptr === ptr ? undefined : res.ptr === '' ? this.root : this.nodeAt(res.ptr);
    return this.makeNode(v, ptr, res.draft, res.id, resourceNode);
  }

  /** The dynamic anchors of the resource rooted at `node` (2020-12 $dynamicRef), as name → node. */
  dynamicAnchor(resourceRoot: SchemaNode, name: string): SchemaNode | undefined {
    const res = this.index().get(resourceRoot.ptr);
    const ptr = res?.dynamicAnchors.has(name) ? res.anchors.get(name) : undefined;
    return ptr === undefined ? undefined : this.nodeAt(ptr);
  }

  private rootResource(): Resource {
    return this.resources?.get('') ?? { ptr: '', id: this.root.base, draft: this.root.draft, anchors: new Map(), dynamicAnchors: new Set() };
  }

  private resourceById(url: string): Resource | undefined {
    if (url === this.url) return this.rootResource();
    if (!this.mayHaveIds) return url === this.root.base ? this.rootResource() : undefined;
    for (const res of this.index().values()) if (res.id === url) return res;
    return undefined;
  }

  /** The resource a pointer lies in: the nearest enclosing one. */
  private resourceOf(ptr: string): Resource {
    if (!this.mayHaveIds) return this.rootResource();
    const resources = this.index();
    for (let p = ptr; ; p = p.slice(0, p.lastIndexOf('/'))) {
      const res = resources.get(p);
      if (res) return res;
      if (p === '') return this.rootResource();
    }
  }

  private index(): Map<string, Resource> {
    if (this.resources) return this.resources;
    const resources = new Map<string, Resource>();
    const root: Resource = { ptr: '', id: this.root.base, draft: this.root.draft, anchors: new Map(), dynamicAnchors: new Set() };
    resources.set('', root);
    if (this.mayHaveIds) collect(this.url, this.raw, '', root, resources, true);
    this.resources = resources;
    return resources;
  }
}

function escapeToken(token: string): string {
  return token.includes('~') || token.includes('/') ? token.replaceAll('~', '~0').replaceAll('/', '~1') : token;
}

function rootDraft(raw: unknown, url: string): Draft {
  const declared = typeof raw === 'object' && raw !== null ? (raw as JsonObject).$schema : undefined;
  if (typeof declared !== 'string') return latestDraft;
  const draft = draftOfUrl(declared);
  // helm loads a custom metaschema from its URL; this validator does not go to the network.
  if (draft === undefined) throw loadFailed(declared.replace(/#.*$/, ''), `custom metaschemas are not fetched (in ${url})`);
  return draft;
}

/** Walks the subschemas as the library does, recording resources and their anchors. */
function collect(url: string, raw: unknown, ptr: string, res: Resource, resources: Map<string, Resource>, isRoot: boolean): void {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return;
  const obj = raw as JsonObject;
  let here = res;
  if (!isRoot) {
    const draft = typeof obj.$schema === 'string' ? draftOfUrl(obj.$schema) ?? res.draft : res.draft;
    const id = idOf(obj, draft);
    if (id !== '') {
      const absolute = joinUrl(res.id, id).url;
      for (const other of resources.values()) {
        if (other.id === absolute && other.ptr !== ptr) throw duplicateId(absolute, url, ptr, other.ptr);
      }
      here = { ptr, id: absolute, draft, anchors: new Map(), dynamicAnchors: new Set() };
      resources.set(ptr, here);
    }
  }
  const addAnchor = (name: string) => {
    const earlier = here.anchors.get(name);
    if (earlier !== undefined && earlier !== ptr) throw duplicateAnchor(name, url, earlier, ptr);
    here.anchors.set(name, ptr);
  };
  if (here.draft < 2019) {
    const id = here.draft === 4 ? obj.id : obj.$id;
    if (obj.$ref === undefined && typeof id === 'string' && id.includes('#')) {
      const fragment = safeDecode(id.slice(id.indexOf('#') + 1));
      if (fragment !== '' && !fragment.startsWith('/')) addAnchor(fragment);
    }
  } else {
    if (typeof obj.$anchor === 'string') addAnchor(obj.$anchor);
    if (here.draft >= 2020 && typeof obj.$dynamicAnchor === 'string') {
      addAnchor(obj.$dynamicAnchor);
      here.dynamicAnchors.add(obj.$dynamicAnchor);
    }
  }
  const step = (v: unknown, ...tokens: string[]) => collect(url, v, ptr + tokens.map((t) => `/${escapeToken(t)}`).join(''), here, resources, false);
  for (const [keyword, place] of subschemaKeywords(here.draft)) {
    const v = obj[keyword];
    if (v === undefined) continue;
    if (place === 'map') {
      if (typeof v === 'object' && v !== null && !Array.isArray(v)) for (const [k, sub] of Object.entries(v)) step(sub, keyword, k);
    } else if (Array.isArray(v)) {
      if (place !== 'one') v.forEach((sub, i) => step(sub, keyword, String(i)));
    } else if (place !== 'array') step(v, keyword);
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function unescapeToken(token: string): string | undefined {
  if (!token.includes('~')) return token;
  if (/~(?![01])/.test(token)) return undefined;
  return token.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** Resolves a reference against a base URL: the absolute URL without fragment, and the decoded fragment. */
function joinUrl(base: string, ref: string): { url: string; fragment: string } {
  const hash = ref.indexOf('#');
  const rawFragment = hash === -1 ? '' : ref.slice(hash + 1);
  let fragment: string;
  try {
    fragment = decodeURIComponent(rawFragment);
  } catch {
    throw parseUrlFailed(ref, `invalid URL escape ${goQuote(rawFragment)}`);
  }
  const path = hash === -1 ? ref : ref.slice(0, hash);
  if (path === '') return { url: base, fragment };
  try {
    return { url: new URL(path, base).href, fragment };
  } catch {
    throw parseUrlFailed(path, 'invalid URL');
  }
}
