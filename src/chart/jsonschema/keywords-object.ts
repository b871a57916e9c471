// Keywords for objects: property counts, required, dependencies, properties /
// patternProperties / additionalProperties, propertyNames, dependentSchemas,
// dependentRequired, and (with arrays) unevaluatedProperties / unevaluatedItems.
import { SchemaError } from './errors.ts';
import { additionalPropertiesKind, countKind, dependencyKind, groupKind, propertyNameKind, requiredKind } from './error-kinds.ts';
import type { Frame } from './frame.ts';
import type { GoPattern } from './go-regexp.ts';
import { integerKeyword } from './json-number.ts';
import { isJsonObject, type JsonObject } from './json-value.ts';

const asObject = (v: unknown): JsonObject | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? v as JsonObject : undefined);

export function validateObject(frame: Frame, obj: JsonObject): void {
  const node = frame.node;
  const s = node.obj!;
  const keys = Object.keys(obj);
  const minProperties = integerKeyword(s.minProperties);
  if (minProperties !== undefined && keys.length < minProperties) frame.addError(countKind('minProperties', keys.length, minProperties));
  const maxProperties = integerKeyword(s.maxProperties);
  if (maxProperties !== undefined && keys.length > maxProperties) frame.addError(countKind('maxProperties', keys.length, maxProperties));
  if (s.required !== undefined) {
    const missing = frame.missing(obj, s.required);
    if (missing.length > 0) frame.addError(requiredKind(missing));
  }
  if (frame.settled) return;

  const dependencies = asObject(s.dependencies);
  if (dependencies) {
    for (const [name, dep] of Object.entries(dependencies)) {
      if (!Object.hasOwn(obj, name)) continue;
      if (Array.isArray(dep)) {
        const missing = frame.missing(obj, dep);
        if (missing.length > 0) frame.addError(dependencyKind(name, missing));
      } else frame.addErr(frame.validateSelf(node.child(dep, 'dependencies', name), '', false));
    }
  }

  const properties = asObject(s.properties);
  const patterns = node.prepared?.get('patternProperties') as (readonly [GoPattern, string])[] | undefined;
  const patternSchemas = patterns ? s.patternProperties as JsonObject : undefined;
  const additional = s.additionalProperties;
  const unexpected: string[] = [];
  for (const name of keys) {
    if (frame.settled) return;
    let evaluated = false;
    if (properties && Object.hasOwn(properties, name)) {
      evaluated = true;
      frame.addErr(frame.validateVal(node.child(properties[name], 'properties', name), obj[name], name));
    }
    if (patterns) {
      for (const [re, source] of patterns) {
        if (!re.test(name)) continue;
        evaluated = true;
        frame.addErr(frame.validateVal(node.child(patternSchemas![source], 'patternProperties', source), obj[name], name));
      }
    }
    if (!evaluated && additional !== undefined) {
      evaluated = true;
      if (additional === false) unexpected.push(name);
      else if (additional !== true) frame.addErr(frame.validateVal(node.child(additional, 'additionalProperties'), obj[name], name));
    }
    if (evaluated) frame.uneval.props?.delete(name);
  }
  if (unexpected.length > 0) frame.addError(additionalPropertiesKind(unexpected));
  if (node.draft === 4) return;

  if (s.propertyNames !== undefined) {
    const names = node.child(s.propertyNames, 'propertyNames');
    for (const name of keys) {
      // Each name is validated as a document of its own: its failures sit at ''.
      const err = frame.validateAlone(names, name);
      if (err) frame.addErr(new SchemaError(undefined, propertyNameKind(name), err.kind === groupKind ? err.causes : [err]));
    }
  }
  if (node.draft === 6) return;

  if (node.draft >= 2019) {
    const dependentSchemas = asObject(s.dependentSchemas);
    if (dependentSchemas) {
      for (const [name, sub] of Object.entries(dependentSchemas)) {
        if (Object.hasOwn(obj, name)) frame.addErr(frame.validateSelf(node.child(sub, 'dependentSchemas', name), '', false));
      }
    }
    const dependentRequired = asObject(s.dependentRequired);
    if (dependentRequired) {
      for (const [name, reqd] of Object.entries(dependentRequired)) {
        if (!Array.isArray(reqd) || !Object.hasOwn(obj, name)) continue;
        const missing = frame.missing(obj, reqd);
        if (missing.length > 0) frame.addError(dependencyKind(name, missing));
      }
    }
  }
}

/** unevaluatedProperties / unevaluatedItems over what the other keywords left (2019-09+). */
export function validateUnevaluated(frame: Frame): void {
  const node = frame.node;
  const s = node.obj!;
  const v = frame.value;
  if (s.unevaluatedProperties !== undefined && isJsonObject(v)) {
    const sub = node.child(s.unevaluatedProperties, 'unevaluatedProperties');
    for (const name of frame.uneval.props ?? []) {
      if (Object.hasOwn(v, name)) frame.addErr(frame.validateVal(sub, v[name], name));
    }
    frame.uneval.props = undefined;
  }
  if (s.unevaluatedItems !== undefined && Array.isArray(v)) {
    const sub = node.child(s.unevaluatedItems, 'unevaluatedItems');
    for (const i of frame.uneval.items ?? []) frame.addErr(frame.validateVal(sub, v[i], String(i)));
    frame.uneval.items = undefined;
  }
}

