// The executor of Go's text/template: walks a parse tree with a data value, evaluating
// pipelines, fields, variables and function calls, and writes the output. Errors carry Go's
// "template: NAME:LINE:COL: executing "NAME" at <NODE>: ..." form.
//
// Go distinguishes an invalid reflect.Value (nothing at all: printed "<no value>", silently
// yields nothing when a field is read from it) from a nil interface found inside a field chain
// (reading a field from it fails with "nil pointer evaluating interface {}.X"). Here the former
// is `undefined` and the latter `null`; a pipeline's result turns null into undefined, as Go's
// evalPipeline unwraps empty interfaces.
import { goTypeName, sprint } from '../gofmt/fmt.ts';
import { GoInteger, isGoFunc, isGoMap, isGoObject, sliceElemType, sliceMethod, sliceTypeName, type GoFunc, type GoValue } from '../govalue/types.ts';
import type { CommandNode, FieldNode, ListNode, Node, NumberNode, PipeNode } from './nodes.ts';
import { nodeString } from './nodes.ts';
import { sortedKeys, truth, type Value } from './values.ts';

export class TemplateExecError extends Error {}

/** A parsed template and where its text came from. */
export interface TreeSource {
  tree: ListNode;
  /** The name of the template text the tree was parsed from, and that text (for line:col). */
  parseName: string;
  text: string;
}

export interface ExecEnvironment {
  lookupTree(name: string): TreeSource | undefined;
  lookupFunction(name: string): GoFunc | undefined;
  missingKey: 'default' | 'zero' | 'error';
}

const maxDepth = 100000;
const breakSignal = Symbol('break');
const continueSignal = Symbol('continue');

interface Variable { name: string; value: Value }

export class Executor {
  private readonly env: ExecEnvironment;
  private readonly out: string[] = [];
  private vars: Variable[] = [];
  private depth = 0;
  private source!: TreeSource;
  private templateName = '';
  private currentNode?: Node;
  /** Whether dot is an element of a []interface{} or map being ranged over (matters for "in type" errors). */
  private dotIsInterface = false;

  constructor(env: ExecEnvironment) {
    this.env = env;
  }

  run(name: string, data: Value): string {
    const source = this.env.lookupTree(name);
    if (!source) throw new TemplateExecError(`template: no template ${JSON.stringify(name)} associated with template ${JSON.stringify(name)}`);
    this.source = source;
    this.templateName = name;
    this.vars = [{ name: '$', value: data }];
    this.walkList(data, source.tree);
    return this.out.join('');
  }

  // ---- errors -------------------------------------------------------------------------------

  private location(node: Node): string {
    const before = this.source.text.slice(0, node.pos);
    const line = 1 + (before.match(/\n/g)?.length ?? 0);
    const lineStart = before.lastIndexOf('\n') + 1;
    const col = Buffer.byteLength(before.slice(lineStart));
    return `${this.source.parseName}:${line}:${col}`;
  }

  fail(message: string, node: Node | undefined = this.currentNode): never {
    if (!node) throw new TemplateExecError(`template: ${this.templateName}: ${message}`);
    const where = nodeString(node).replace(/%/g, '%%');
    throw new TemplateExecError(`template: ${this.location(node)}: executing ${JSON.stringify(this.templateName)} at <${where}>: ${message}`);
  }

  private at(node: Node): void {
    this.currentNode = node;
  }

  // ---- control structures -------------------------------------------------------------------

  // Indexed loops, not for...of: an array iterator costs a call and an object per step in code
  // that has not been optimized, which is most of a render.
  private walkList(dot: Value, list: ListNode): void {
    const nodes = list.nodes;
    for (let i = 0; i < nodes.length; i++) this.walk(dot, nodes[i]);
  }

  private walk(dot: Value, node: Node): void {
    this.currentNode = node;
    switch (node.type) {
      case 'text': this.out.push(node.text); return;
      case 'comment': return;
      case 'action': {
        const value = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.out.push(this.printValue(node, value));
        return;
      }
      case 'if': case 'with': {
        const mark = this.vars.length;
        const value = this.evalPipeline(dot, node.pipe);
        if (truth(value)) {
          const outer = this.dotIsInterface;
          if (node.type === 'with') this.dotIsInterface = false;
          try {
            this.walkList(node.type === 'with' ? value : dot, node.list);
          } finally {
            this.dotIsInterface = outer;
          }
        }
        else if (node.elseList) this.walkList(dot, node.elseList);
        this.vars.length = mark;
        return;
      }
      case 'range': this.walkRange(dot, node); return;
      case 'template': this.walkTemplate(dot, node); return;
      case 'break': throw breakSignal;
      case 'continue': throw continueSignal;
      default: this.fail(`unknown node: ${nodeString(node)}`, node);
    }
  }

  private printValue(node: Node, v: Value): string {
    if (v === undefined) return '<no value>';
    if (isGoFunc(v)) this.fail(`can't print ${nodeString(node)} of type func`, node);
    return isGoObject(v) && v.printed ? v.printed() : sprint(v);
  }

  private walkRange(dot: Value, node: Extract<Node, { type: 'range' }>): void {
    const mark = this.vars.length;
    const value = this.evalPipeline(dot, node.pipe);
    const decl = node.pipe.decl;
    const iterations: Array<[Value, Value]> = [];
    if (value === undefined || value === null) {
      // nothing to range over
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => iterations.push([BigInt(i), v]));
    } else if (value instanceof Uint8Array) {
      value.forEach((v, i) => iterations.push([BigInt(i), new GoInteger('uint8', BigInt(v))]));
    } else if (isGoMap(value)) {
      for (const k of sortedKeys(value)) iterations.push([k, value[k]]);
    } else if (typeof value === 'bigint' || (value instanceof GoInteger)) {
      if (decl.length > 1) this.fail(`can't use ${sprint(value)} to iterate over more than one variable`);
      const n = typeof value === 'bigint' ? value : value.value;
      for (let i = 0n; i < n; i++) iterations.push([typeof value === 'bigint' ? i : new GoInteger(value.kind, i), undefined]);
    } else {
      // Go reports these at the pipeline's last evaluated node.
      this.fail(`range can't iterate over ${isGoFunc(value) ? nodeString(node.pipe) : sprint(value)}`);
    }
    if (iterations.length === 0) {
      this.vars.length = mark;
      if (node.elseList) this.walkList(dot, node.elseList);
      return;
    }
    const isInt = typeof value === 'bigint' || value instanceof GoInteger;
    const elementsAreInterfaces = isGoMap(value) || (Array.isArray(value) && sliceElemType(value) === 'interface {}');
    for (const [key, elem] of iterations) {
      const element = isInt ? key : elem;
      if (decl.length === 1) this.setVar(decl[0].ident[0], element, node.pipe.isAssign, mark);
      if (decl.length === 2) {
        this.setVar(decl[0].ident[0], key, node.pipe.isAssign, mark);
        this.setVar(decl[1].ident[0], element, node.pipe.isAssign, mark);
      }
      const inner = this.vars.length;
      const outerDotInterface = this.dotIsInterface;
      this.dotIsInterface = elementsAreInterfaces && !isInt;
      try {
        this.walkList(element, node.list);
      } catch (signal) {
        if (signal === breakSignal) { this.vars.length = inner; break; }
        if (signal !== continueSignal) throw signal;
      } finally {
        this.dotIsInterface = outerDotInterface;
      }
      this.vars.length = inner;
    }
    this.vars.length = mark;
  }

  private setVar(name: string, v: Value, isAssign: boolean, mark: number): void {
    if (isAssign) {
      this.assign(name, v);
    } else if (this.vars.length > mark && this.vars.slice(mark).some((x) => x.name === name)) {
      this.vars.slice(mark).find((x) => x.name === name)!.value = v;
    } else {
      this.vars.push({ name, value: v });
    }
  }

  private walkTemplate(dot: Value, node: Extract<Node, { type: 'template' }>): void {
    const source = this.env.lookupTree(node.name);
    if (!source) this.fail(`template ${JSON.stringify(node.name)} not defined`, node);
    if (this.depth >= maxDepth) this.fail(`exceeded maximum template depth (${maxDepth})`, node);
    const newDot = node.pipe ? this.evalPipeline(dot, node.pipe) : undefined;
    const saved = { vars: this.vars, source: this.source, name: this.templateName, dotIsInterface: this.dotIsInterface };
    this.depth++;
    this.dotIsInterface = false;
    this.vars = [{ name: '$', value: newDot }];
    this.source = source;
    this.templateName = node.name;
    try {
      this.walkList(newDot, source.tree);
    } catch (err) {
      // Go stops runaway {{template}} recursion at 100000 levels; JavaScript's stack ends
      // first, so a deep overflow is reported as Go would.
      if (isStackOverflow(err) && this.depth > 1000) this.fail(`exceeded maximum template depth (${maxDepth})`, node);
      throw err;
    } finally {
      this.dotIsInterface = saved.dotIsInterface;
      this.depth--;
      this.vars = saved.vars;
      this.source = saved.source;
      this.templateName = saved.name;
    }
  }

  // ---- pipelines and commands ---------------------------------------------------------------

  private evalPipeline(dot: Value, pipe: PipeNode): Value {
    this.currentNode = pipe;
    let value: Value = undefined;
    const cmds = pipe.cmds;
    for (let i = 0; i < cmds.length; i++) {
      // Go unwraps empty interfaces between commands: a nil interface becomes "no value".
      value = unwrap(this.evalCommand(dot, cmds[i], value, i > 0));
    }
    const decl = pipe.decl;
    for (let i = 0; i < decl.length; i++) {
      if (pipe.isAssign) this.assign(decl[i].ident[0], value);
      else this.vars.push({ name: decl[i].ident[0], value });
    }
    return value;
  }

  private assign(name: string, value: Value): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) {
        this.vars[i].value = value;
        return;
      }
    }
    this.fail(`undefined variable: ${name}`);
  }

  private varValue(name: string): Value {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i].value;
    this.fail(`undefined variable: ${name}`);
  }

  private evalCommand(dot: Value, cmd: CommandNode, final: Value, hasFinal: boolean): Value {
    const first = cmd.args[0];
    switch (first.type) {
      case 'field': return this.evalFieldChain(dot, dot, first, first.ident, cmd.args, final, hasFinal, this.dotIsInterface);
      case 'chain': {
        const receiver = this.evalArg(dot, first.node);
        return this.evalFieldChain(dot, receiver, first, first.field, cmd.args, final, hasFinal);
      }
      case 'identifier': return this.evalFunction(dot, first.ident, cmd, cmd.args, final, hasFinal);
      case 'pipe':
        this.notAFunction(cmd.args, hasFinal);
        return this.evalPipeline(dot, first);
      case 'variable': {
        const value = this.varValue(first.ident[0]);
        if (first.ident.length === 1) {
          this.notAFunction(cmd.args, hasFinal);
          return value;
        }
        return this.evalFieldChain(dot, value, first, first.ident.slice(1), cmd.args, final, hasFinal);
      }
    }
    this.at(first);
    this.notAFunction(cmd.args, hasFinal);
    switch (first.type) {
      case 'bool': return first.value;
      case 'dot': return dot;
      case 'nil': this.fail('nil is not a command', first);
      case 'number': return this.idealConstant(first);
      case 'string': return first.text;
    }
    this.fail(`can't evaluate command ${JSON.stringify(nodeString(first))}`, first);
  }

  private notAFunction(args: Node[], hasFinal: boolean): void {
    if (args.length > 1 || hasFinal) this.fail(`can't give argument to non-function ${nodeString(args[0])}`, args[0]);
  }

  idealConstant(n: NumberNode): Value {
    this.at(n);
    const looksFloat = /[.eEpP]/.test(n.text) && !/^[+-]?0[xX]/.test(n.text) && !n.isChar;
    if (n.isFloat && looksFloat) return n.float!;
    if (n.isInt) return n.int!;
    if (n.isUint) this.fail(`${n.text} overflows int`, n);
    return n.float!;
  }

  // ---- fields -------------------------------------------------------------------------------

  private evalFieldChain(dot: Value, receiver: Value, node: Node, idents: string[], args: Node[], final: Value, hasFinal: boolean, receiverIsInterface = false): Value {
    this.at(node);
    let r = receiver;
    // A value read from a map is an interface {} to Go, which shows in "in type" errors.
    let viaInterface = receiverIsInterface;
    for (let i = 0; i < idents.length - 1; i++) {
      const wasMap = isGoMap(r);
      r = this.evalField(dot, idents[i], node, [], undefined, false, r, viaInterface);
      viaInterface = wasMap;
    }
    return this.evalField(dot, idents[idents.length - 1], node, args, final, hasFinal, r, viaInterface);
  }

  private evalField(dot: Value, name: string, node: Node, args: Node[], final: Value, hasFinal: boolean, receiver: Value, viaInterface = false): Value {
    if (receiver === undefined) {
      if (this.env.missingKey === 'error') this.fail(`nil data; no entry for key ${JSON.stringify(name)}`, node);
      return undefined;
    }
    if (receiver === null) this.fail(`nil pointer evaluating interface {}.${name}`, node);
    const hasArgs = args.length > 1 || hasFinal;
    if (isGoObject(receiver)) {
      const method = receiver.method(name);
      if (method) return this.evalCall(dot, method, node, name, args, final, hasFinal);
      const field = receiver.field(name);
      if (field !== undefined) {
        if (hasArgs) this.fail(`${name} has arguments but cannot be invoked as function`, node);
        return field;
      }
      this.fail(`can't evaluate field ${name} in type ${receiver.goType}`, node);
    }
    const sliceMethodFound = Array.isArray(receiver) ? sliceMethod(receiver, name) : undefined;
    if (sliceMethodFound) return this.evalCall(dot, sliceMethodFound, node, name, args, final, hasFinal);
    if (isGoMap(receiver)) {
      if (hasArgs) this.fail(`${name} is not a method but has arguments`, node);
      if (Object.prototype.hasOwnProperty.call(receiver, name)) return receiver[name];
      if (this.env.missingKey === 'error') this.fail(`map has no entry for key ${JSON.stringify(name)}`, node);
      return this.env.missingKey === 'zero' ? null : undefined;
    }
    this.fail(`can't evaluate field ${name} in type ${viaInterface ? 'interface {}' : typeName(receiver)}`, node);
  }

  // ---- functions ----------------------------------------------------------------------------

  private evalFunction(dot: Value, name: string, cmd: CommandNode, args: Node[], final: Value, hasFinal: boolean): Value {
    this.at(cmd.args[0]);
    if (name === 'and' || name === 'or') return this.evalAndOr(dot, name, cmd, args, final, hasFinal);
    const fn = this.env.lookupFunction(name);
    if (!fn) this.fail(`${JSON.stringify(name)} is not a defined function`, cmd.args[0]);
    if (name === 'call' && args.length > 1) {
      // Go names the expression, not its value, when `call` is given a non-function.
      const target = this.evalArg(dot, args[1]);
      if (!isGoFunc(target)) this.fail(`error calling call: non-function ${nodeString(args[1])} of type ${goTypeName(toArg(target))}`, cmd);
    }
    return this.evalCall(dot, fn, cmd, name, args, final, hasFinal);
  }

  /** and/or evaluate their arguments lazily and return the deciding one. */
  private evalAndOr(dot: Value, name: string, cmd: CommandNode, args: Node[], final: Value, hasFinal: boolean): Value {
    const operands = args.length - 1 + (hasFinal ? 1 : 0);
    if (operands < 1) this.fail(`wrong number of args for ${name}: want at least 1 got 0`, cmd);
    let v: Value = undefined;
    for (let i = 1; i <= operands; i++) {
      v = i < args.length ? unwrap(this.evalArg(dot, args[i])) : final;
      if (truth(v) === (name === 'or')) return v;
    }
    return v;
  }

  evalCall(dot: Value, fn: GoFunc, node: Node, name: string, args: Node[], final: Value, hasFinal: boolean): Value {
    const given = args.length - 1 + (hasFinal ? 1 : 0);
    if (fn.variadic ? given < fn.arity : given !== fn.arity) {
      // Go reports this at the function's (or method's) name, before evaluating arguments.
      this.fail(`wrong number of args for ${name}: want ${fn.variadic ? 'at least ' : ''}${fn.arity} got ${given}`, args[0] ?? node);
    }
    const values: GoValue[] = [];
    // Arguments that are no value at all (or the nil literal): Go hands a nil map or slice parameter these.
    let nilable: number[] | undefined;
    for (let i = 1; i < args.length; i++) {
      const value = this.evalArg(dot, args[i]);
      if (value === undefined || args[i].type === 'nil') (nilable ??= []).push(values.length);
      values.push(toArg(value));
    }
    if (hasFinal) {
      if (final === undefined) (nilable ??= []).push(values.length);
      values.push(toArg(final));
    }
    this.at(node);
    try {
      const result = fn.call(values);
      return result === undefined ? null : result;
    } catch (err) {
      if (err instanceof TemplateExecError || isStackOverflow(err)) throw err;
      const message = err instanceof Error ? err.message : String(err);
      const argType = /^[^:\s]+: wrong type for value; expected (.+); got (.+)$/.exec(message);
      if (argType && argType[2] === '<nil>' && nilable !== undefined && nilZeroValues[argType[1]]) {
        // Writing into Go's nil map panics; reading one sees an empty map.
        if (name === 'set') this.fail('error calling set: assignment to entry in nil map', node);
        const result = this.callWithNilZeros(fn, values, nilable, argType[1]);
        if (result !== undefined) return result;
      }
      if (argType) this.argumentTypeError(args, values, argType[1], argType[2], node, nilable ?? []);
      this.fail(`error calling ${name}: ${message}`, node);
    }
  }

  /**
   * Calls again with nil-able arguments given the empty map or slice that Go's nil one reads
   * as (e.g. hasKey of a variable holding a lookup's missing field), one more each time the
   * call still wants one. Undefined when that does not make the call succeed: the original
   * error stands.
   */
  private callWithNilZeros(fn: GoFunc, values: GoValue[], nilable: number[], expected: string): GoValue | undefined {
    const patched = [...values];
    let wanted = expected;
    for (const index of nilable) {
      patched[index] = nilZeroValues[wanted]();
      try {
        const result = fn.call(patched);
        return result === undefined ? null : result;
      } catch (err) {
        const again = /^[^:\s]+: wrong type for value; expected (.+); got <nil>$/.exec(err instanceof Error ? err.message : String(err));
        if (!again || !nilZeroValues[again[1]]) return undefined;
        wanted = again[1];
      }
    }
    return undefined;
  }

  /**
   * Go checks argument types before the call, at the argument: a constant reads
   * "expected T; found 1", any other value "wrong type for value; expected T; got U". Our
   * functions check inside, so the culprit is the first argument of the reported type.
   */
  private argumentTypeError(args: Node[], values: GoValue[], expected: string, got: string, node: Node, nilable: number[]): never {
    const index = values.findIndex((v) => goTypeName(v) === got);
    const argNode = index >= 0 && index + 1 < args.length ? args[index + 1] : undefined;
    if (got === '<nil>') {
      // Go never sees "<nil>": the nil literal cannot be assigned, no value is invalid, and a nil
      // read from a map is a nil interface {} (which only a nil-able parameter would take).
      if (argNode?.type === 'nil') this.fail(`cannot assign nil to ${expected}`, argNode);
      if (nilable.includes(index)) this.fail(`invalid value; expected ${expected}`, argNode ?? node);
      this.fail(`wrong type for value; expected ${expected}; got interface {}`, argNode ?? node);
    }
    if (!argNode) this.fail(`wrong type for value; expected ${expected}; got ${got}`, node);
    if (argNode.type === 'number' || argNode.type === 'string' || argNode.type === 'bool' || argNode.type === 'nil') {
      this.fail(`expected ${constantKind(expected)}; found ${nodeString(argNode)}`, argNode);
    }
    this.fail(`wrong type for value; expected ${expected}; got ${got}`, argNode);
  }

  evalArg(dot: Value, n: Node): Value {
    this.at(n);
    switch (n.type) {
      case 'dot': return dot;
      case 'nil': return null;
      case 'field': return this.evalFieldChain(dot, dot, n, (n as FieldNode).ident, [n], undefined, false, this.dotIsInterface);
      case 'variable': {
        const value = this.varValue(n.ident[0]);
        return n.ident.length === 1 ? value : this.evalFieldChain(dot, value, n, n.ident.slice(1), [n], undefined, false);
      }
      case 'pipe': return this.evalPipeline(dot, n);
      case 'identifier': {
        const fn = this.env.lookupFunction(n.ident);
        if (!fn && n.ident !== 'and' && n.ident !== 'or') this.fail(`${JSON.stringify(n.ident)} is not a defined function`, n);
        const cmd: CommandNode = { type: 'command', pos: n.pos, args: [n] };
        return this.evalFunction(dot, n.ident, cmd, cmd.args, undefined, false);
      }
      case 'chain': {
        const receiver = this.evalArg(dot, n.node);
        return this.evalFieldChain(dot, receiver, n, n.field, [n], undefined, false);
      }
      case 'bool': return n.value;
      case 'number': return this.idealConstant(n);
      case 'string': return n.text;
    }
    this.fail(`can't handle ${nodeString(n)} for arg`, n);
  }
}

/** JavaScript ran out of stack (deep include recursion): not a template error, see cli/main.ts. */
export function isStackOverflow(err: unknown): boolean {
  return err instanceof Error && /Maximum call stack size exceeded|: Stack overflow$/.test(err.message);
}

/** How Go's evalArg names a parameter type when a constant does not fit it. */
function constantKind(type: string): string {
  if (/^int(8|16|32|64)?$/.test(type)) return 'integer';
  if (/^uint(8|16|32|64|ptr)?$/.test(type)) return 'unsigned integer';
  if (/^float(32|64)$/.test(type)) return 'float';
  return type;
}

/** What a function sees for a nil map or slice parameter, by the Go type its check names. */
const nilZeroValues: Record<string, () => GoValue> = {
  'map[string]interface {}': () => ({}),
  '[]interface {}': () => [],
};

/** A pipeline boundary: a nil interface becomes Go's invalid value. */
function unwrap(v: Value): Value {
  return v === null ? undefined : v;
}

/** Function arguments: Go passes a nil for an invalid value. */
function toArg(v: Value): GoValue {
  return v === undefined ? null : v;
}

function typeName(v: Value): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof GoInteger) return v.kind;
  if (Array.isArray(v)) return sliceTypeName(v);
  return 'interface {}';
}
