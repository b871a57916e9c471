// The walk of one schema over one value, in santhosh-tekuri/jsonschema's order: type, const,
// enum, format and $ref first (each ends the walk on failure), then the keywords of the value's
// type, then references of 2019-09+, the applicators and the unevaluated keywords. A frame in
// "bool result" mode only needs pass/fail, so it stops at the first failure.
import { assertsFormat } from './drafts.ts';
import { SchemaError, type ErrorKind, type InstancePath } from './errors.ts';
import {
  constKind, enumKind, falseSchemaKind, formatKind, groupKind, invalidValueKind, refCycleKind, referenceKind, typeKind,
} from './error-kinds.ts';
import { formatCheck } from './formats.ts';
import { isIntegral, type JsonNumber } from './json-number.ts';
import { ARRAY, INTEGER, jsonEqual, NUMBER, OBJECT, STRING, typeName, typeOf, type JsonObject } from './json-value.ts';
import { validateArray } from './keywords-array.ts';
import { validateApplicators } from './keywords-logic.ts';
import { validateObject, validateUnevaluated } from './keywords-object.ts';
import { validateNumber, validateString, preparePatterns } from './keywords-scalar.ts';
import { validateDynamicRefs, refTarget } from './keywords-ref.ts';
import type { SchemaNode } from './schema-node.ts';
import { Uneval, unevalFrom } from './uneval.ts';

/** The chain of schemas being applied, for cycle detection and $recursiveRef/$dynamicRef. */
export interface Scope {
  readonly node: SchemaNode;
  readonly refKeyword: string;
  /** Same number while the same value is being validated. */
  readonly vid: number;
  readonly parent: Scope | undefined;
}

/** Stands for every failure of a frame that only reports pass/fail. */
const failed = new SchemaError(undefined, groupKind);

export class Frame {
  readonly node: SchemaNode;
  readonly value: unknown;
  readonly path: InstancePath | undefined;
  readonly scope: Scope;
  uneval: Uneval;
  readonly boolResult: boolean;
  errors: SchemaError[] = [];

  constructor(node: SchemaNode, value: unknown, path: InstancePath | undefined, scope: Scope, uneval: Uneval, boolResult: boolean) {
    this.node = node;
    this.value = value;
    this.path = path;
    this.scope = scope;
    this.uneval = uneval;
    this.boolResult = boolResult;
  }

  static root(node: SchemaNode, value: unknown): Frame {
    return new Frame(node, value, undefined, { node, refKeyword: '', vid: 0, parent: undefined }, unevalFrom(value, node, false), false);
  }

  /** Whether a frame that only wants pass/fail already failed. */
  get settled(): boolean {
    return this.boolResult && this.errors.length > 0;
  }

  error(kind: ErrorKind, causes?: SchemaError[]): SchemaError {
    return this.boolResult ? failed : new SchemaError(this.path, kind, causes);
  }

  addErr(err: SchemaError | undefined): void {
    if (err) this.errors.push(err);
  }

  addError(kind: ErrorKind, causes?: SchemaError[]): void {
    this.errors.push(this.error(kind, causes));
  }

  /** Applies another schema to the same value. */
  validateSelf(node: SchemaNode, refKeyword: string, boolResult: boolean): SchemaError | undefined {
    // A passing type-only schema leaves the caller's unevaluated properties and items as they are.
    if (node.typeOnly && matchesType(node.types, this.value)) return undefined;
    const scope = { node, refKeyword, vid: this.scope.vid, parent: this.scope };
    const sub = new Frame(node, this.value, this.path, scope, unevalFrom(this.value, node, !this.uneval.isEmpty()), this.boolResult || boolResult);
    const err = sub.run();
    if (!err) this.uneval.merge(sub.uneval);
    return err;
  }

  /** Applies a schema to a member of the value (property or item `token`). */
  validateVal(node: SchemaNode, value: unknown, token: string): SchemaError | undefined {
    if (node.typeOnly && matchesType(node.types, value)) return undefined;
    if (node.refOnlyNode) {
      const target = refTarget(node, '$ref');
      if (target.typeOnly && matchesType(target.types, value)) return undefined;
    }
    const scope = { node, refKeyword: '', vid: this.scope.vid + 1, parent: this.scope };
    return new Frame(node, value, { parent: this.path, token }, scope, unevalFrom(value, node, false), this.boolResult).run();
  }

  /** Validates a value as a document of its own (propertyNames does so for each name). */
  validateAlone(node: SchemaNode, value: unknown): SchemaError | undefined {
    return Frame.root(node, value).run();
  }

  /** A $ref-like jump: failures gather under one "validation failed" for the reference. */
  validateRef(target: SchemaNode, keyword: string): SchemaError | undefined {
    const err = this.validateSelf(target, keyword, false);
    if (!err) return undefined;
    if (this.boolResult) return failed;
    return this.error(referenceKind, err.kind === groupKind ? err.causes : [err]);
  }

  /** The names in `names` that `obj` lacks. */
  missing(obj: JsonObject, names: unknown): string[] {
    const out: string[] = [];
    if (!Array.isArray(names)) return out;
    for (const name of names) if (typeof name === 'string' && !Object.hasOwn(obj, name)) out.push(name);
    return out;
  }

  run(): SchemaError | undefined {
    const node = this.node;
    if (node.bool !== undefined) return node.bool ? undefined : this.error(falseSchemaKind);
    const cycle = checkCycle(this.scope);
    if (cycle) return this.error(refCycleKind(node.location, keywordLocation(this.scope), keywordLocation(cycle)));
    const v = this.value;
    const t = typeOf(v);
    if (t === 0) return this.error(invalidValueKind(v));
    const s = node.obj!;
    if (node.types !== 0 && !typeMatches(node.types, t, v)) return this.error(typeKind(typeName(t), node.types));
    if (node.draft >= 6 && s.const !== undefined && !jsonEqual(v, s.const)) {
      return this.error(constKind(s.const, () => node.doc.numberLiteral(`${node.ptr}/const`)));
    }
    if (!node.refOnly) {
      if (Array.isArray(s.enum) && !s.enum.some((item) => jsonEqual(v, item))) {
        return this.error(enumKind(s.enum, (i) => node.doc.numberLiteral(`${node.ptr}/enum/${i}`)));
      }
      if (typeof s.format === 'string' && typeof v === 'string' && assertsFormat(node.draft)) {
        const reason = formatCheck(s.format)?.(v);
        if (reason !== undefined) return this.error(formatKind(v, s.format, reason));
      }
      if (s.pattern !== undefined || s.patternProperties !== undefined) preparePatterns(node);
    }
    if (typeof s.$ref === 'string') {
      const err = this.validateRef(refTarget(node, '$ref'), '$ref');
      if (node.draft < 2019) return err;
      this.addErr(err);
    }
    if (t === OBJECT) validateObject(this, v as JsonObject);
    else if (t === ARRAY) validateArray(this, v as unknown[]);
    else if (t === STRING) validateString(this, v as string);
    else if (t === NUMBER) validateNumber(this, v as JsonNumber);
    if (this.errors.length === 0 || !this.boolResult) {
      if (node.draft >= 2019) validateDynamicRefs(this);
      validateApplicators(this);
      if (node.draft >= 2019) validateUnevaluated(this);
    }
    if (this.errors.length === 0) return undefined;
    if (this.errors.length === 1) return this.errors[0];
    return this.error(groupKind, this.errors);
  }
}

function typeMatches(types: number, t: number, v: unknown): boolean {
  return (types & t) !== 0 || ((types & INTEGER) !== 0 && t === NUMBER && isIntegral(v as JsonNumber));
}

function matchesType(types: number, v: unknown): boolean {
  const t = typeOf(v);
  return t !== 0 && typeMatches(types, t, v);
}

function checkCycle(scope: Scope): Scope | undefined {
  for (let p = scope.parent; p && p.vid === scope.vid; p = p.parent) if (p.node === scope.node) return p;
  return undefined;
}

function keywordLocation(scope: Scope): string {
  let loc = '';
  for (let sc = scope; sc.parent; sc = sc.parent) {
    loc = (sc.refKeyword !== '' ? `/${sc.refKeyword}` : sc.node.location.slice(sc.parent.node.location.length)) + loc;
  }
  return loc;
}
