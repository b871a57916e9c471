// values.schema.json validation for a chart and each subchart, reported in Helm 4.1.4's
// shape (santhosh-tekuri/jsonschema messages): "CHART:\n- at '/path': message", several
// errors under one value grouped as "validation failed" with indented causes.
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { goTypeName } from '../gofmt/fmt.ts';
import { GoInteger, isGoMap, type GoMap, type GoValue } from '../govalue/types.ts';
import { surelyConforms } from './schema-quick-check.ts';
import type { Chart } from './types.ts';

type AjvCtor = new (opts: object) => { compile(schema: unknown): ValidateFunction };
type Draft = '07' | '2019-09' | '2020-12';

/**
 * The ajv class of one draft, loaded on first use: ajv costs ~20 ms of start-up that a chart
 * without a schema never needs, and a chart needs one draft's class only. A bundle has a
 * `require` whose literal calls the bundler resolves; sources run as ES modules, where
 * createRequire stands in.
 */
function ajvClass(draft: Draft): AjvCtor {
  const load = typeof require === 'function' ? undefined : createRequire(import.meta.url);
  switch (draft) {
    case '07': return (load ? load('ajv') : require('ajv')).default;
    case '2019-09': return (load ? load('ajv/dist/2019') : require('ajv/dist/2019')).default;
    case '2020-12': return (load ? load('ajv/dist/2020') : require('ajv/dist/2020')).default;
  }
}

/** ajv-formats, which only draft 07's asserted "format" needs. */
function addFormats(ajv: unknown): void {
  const load = typeof require === 'function' ? undefined : createRequire(import.meta.url);
  (load ? load('ajv-formats') : require('ajv-formats')).default(ajv);
}

export class SchemaValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaValidationError';
  }
}

/**
 * Validates coalesced values against the chart's schema and, recursively, each subchart's
 * values against its own. Throws with Helm's full message when anything fails.
 */
export function validateValuesAgainstSchemas(chart: Chart, values: GoMap): void {
  const report = schemaReport(chart, values);
  if (report !== '') {
    throw new SchemaValidationError(`values don't meet the specifications of the schema(s) in the following chart(s):\n${report}`);
  }
}

function schemaReport(chart: Chart, values: GoMap): string {
  let out = '';
  if (chart.schema) {
    const problems = validateSingleSchema(values, chart.schema, chart.metadata.name);
    if (problems !== '') out += `${chart.metadata.name}:\n${problems}\n`;
  }
  for (const sub of chart.dependencies) {
    const raw = values[sub.metadata.name];
    if (raw === undefined || raw === null) continue;
    if (!isGoMap(raw)) {
      out += `${sub.metadata.name}:\ninvalid type for values: expected object (map), got ${goTypeName(raw)}\n`;
      continue;
    }
    out += schemaReport(sub, raw);
  }
  return out;
}

/** The "- at ..." lines for one schema, or '' when the values conform. */
export function validateSingleSchema(values: GoMap, schemaJson: Uint8Array, chartName: string): string {
  let schema: unknown;
  try {
    schema = JSON.parse(new TextDecoder().decode(schemaJson));
  } catch (err) {
    throw new SchemaValidationError(`${chartName}/values.schema.json: ${(err as Error).message}`);
  }
  const data = toJsonValue(values);
  // Conforming values against a simple schema need no ajv (its load and code generation).
  if (surelyConforms(schema, data)) return '';
  const validate = compile(schema, chartName);
  if (validate(data)) return '';
  return renderErrors(validate.errors ?? [], data);
}

function compile(schema: unknown, chartName: string): ValidateFunction {
  const declared = typeof schema === 'object' && schema !== null ? String((schema as { $schema?: unknown }).$schema ?? '') : '';
  // Drafts up to 7 assert "format"; from 2019-09 it is an annotation (santhosh-tekuri's defaults).
  const draft: Draft = /draft-0[4-7]/.test(declared) ? '07' : /2019-09/.test(declared) ? '2019-09' : '2020-12';
  const Ctor = ajvClass(draft);
  // Each schema is compiled once per process and run once, so ajv's code optimisation pass
  // (about half of compile time on large schemas) never pays for itself.
  const ajv = new Ctor({ allErrors: true, strict: false, validateFormats: draft === '07', validateSchema: false, code: { optimize: false } });
  // With validateFormats off ajv skips "format" altogether, so only draft 07 needs the formats.
  if (draft === '07') addFormats(ajv);
  try {
    return ajv.compile(schema);
  } catch (err) {
    throw new SchemaValidationError(`${chartName}/values.schema.json: ${(err as Error).message}`);
  }
}

/** Values as JSON sees them (int64 as numbers). */
function toJsonValue(v: GoValue): unknown {
  if (v instanceof GoInteger) return Number(v.value);
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(toJsonValue);
  if (isGoMap(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toJsonValue(x)]));
  return v;
}

interface ErrorNode { path: string; leaves: string[]; children: Map<string, ErrorNode> }

function renderErrors(errors: ErrorObject[], data: unknown): string {
  const root: ErrorNode = { path: '', leaves: [], children: new Map() };
  const grouped = new Map<string, { node: ErrorNode; keyword: string; items: string[] }>();
  for (const e of errors) {
    const node = nodeAt(root, e.instancePath);
    // santhosh-tekuri reports all missing (or extra) properties of one object in one line.
    if (e.keyword === 'required' || e.keyword === 'additionalProperties') {
      const key = `${e.instancePath}\u0000${e.keyword}`;
      const item = e.keyword === 'required' ? String(e.params.missingProperty) : String(e.params.additionalProperty);
      const group = grouped.get(key);
      if (group) group.items.push(item);
      else {
        const fresh = { node, keyword: e.keyword, items: [item] };
        grouped.set(key, fresh);
        node.leaves.push(key);
      }
      continue;
    }
    node.leaves.push(message(e, valueAt(data, e.instancePath)));
  }
  for (const [key, g] of grouped) {
    const names = g.items.map((i) => `'${i}'`).join(', ');
    const text = g.keyword === 'required'
      ? `missing propert${g.items.length > 1 ? 'ies' : 'y'} ${names}`
      : `additional propert${g.items.length > 1 ? 'ies' : 'y'} ${names} not allowed`;
    g.node.leaves[g.node.leaves.indexOf(key)] = text;
  }
  return rootLines(root).join('\n');
}

function nodeAt(root: ErrorNode, instancePath: string): ErrorNode {
  let node = root;
  let path = '';
  for (const segment of instancePath.split('/').slice(1)) {
    path += `/${segment}`;
    let next = node.children.get(path);
    if (!next) {
      next = { path, leaves: [], children: new Map() };
      node.children.set(path, next);
    }
    node = next;
  }
  return node;
}

type Item = { leaf: string; path: string } | { node: ErrorNode };

function itemsOf(node: ErrorNode): Item[] {
  return [...node.leaves.map((leaf) => ({ leaf, path: node.path })), ...[...node.children.values()].map((n) => ({ node: n }))];
}

/** A node with a single cause shows as that cause; several show as "validation failed". */
function renderItem(item: Item, indent: string): string[] {
  if ('leaf' in item) return [`${indent}- at '${item.path}': ${item.leaf}`];
  const items = itemsOf(item.node);
  if (items.length === 1) return renderItem(items[0], indent);
  return [`${indent}- at '${item.node.path}': validation failed`, ...items.flatMap((i) => renderItem(i, `${indent}  `))];
}

function rootLines(root: ErrorNode): string[] {
  return itemsOf(root).flatMap((i) => renderItem(i, ''));
}

function valueAt(data: unknown, pointer: string): unknown {
  let v = data;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    v = (v as Record<string, unknown>)?.[key];
  }
  return v;
}

function jsonTypeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  return typeof v === 'boolean' ? 'boolean' : typeof v;
}

function display(v: unknown): string {
  return typeof v === 'string' ? `'${v}'` : JSON.stringify(v);
}

function message(e: ErrorObject, value: unknown): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type': {
      const want = String(p.type).split(',').sort().join(' or ');
      return `got ${jsonTypeName(value)}, want ${want}`;
    }
    case 'enum': {
      const allowed = p.allowedValues as unknown[];
      if (allowed.some((a) => typeof a === 'object' && a !== null)) return 'enum failed';
      return allowed.length === 1 ? `value must be ${display(allowed[0])}` : `value must be one of ${allowed.map(display).join(', ')}`;
    }
    case 'const':
      return `value must be ${display(p.allowedValue)}`;
    case 'maximum': case 'minimum': case 'exclusiveMaximum': case 'exclusiveMinimum': case 'multipleOf':
      return `${e.keyword}: got ${String(value)}, want ${String(p.limit ?? p.multipleOf)}`;
    case 'minLength': case 'maxLength':
      return `${e.keyword}: got ${[...String(value)].length}, want ${String(p.limit)}`;
    case 'minItems': case 'maxItems':
      return `${e.keyword}: got ${(value as unknown[]).length}, want ${String(p.limit)}`;
    case 'minProperties': case 'maxProperties':
      return `${e.keyword}: got ${Object.keys(value as object).length}, want ${String(p.limit)}`;
    case 'pattern':
      return `${display(value)} does not match pattern ${display(p.pattern)}`;
    case 'format':
      return `${display(value)} is not valid ${String(p.format)}`;
    case 'uniqueItems':
      return `items at ${String(p.j)} and ${String(p.i)} are equal`;
    case 'false schema':
      return 'false schema';
    default:
      return e.message ?? e.keyword;
  }
}
