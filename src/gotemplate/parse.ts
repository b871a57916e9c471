// The parser of Go's text/template: builds the tree of one template text plus the templates
// it {{define}}s, checking what Go checks at parse time (functions exist, variables are
// declared, break/continue sit inside range), with Go's error messages.
import {
  BOOL, CHAR, COMMA, COMMENT, DECLARE, DOT, EOF, ERROR, FIELD, IDENTIFIER, KEYWORD, LEFT_DELIM, LEFT_PAREN, NIL, NUMBER, PIPE,
  RAW_STRING, RIGHT_DELIM, RIGHT_PAREN, STRING, TEXT, VARIABLE, ASSIGN, lex, type Tokens,
} from './lex.ts';
import { parseNumber, unquoteGo } from './literals.ts';
import type {
  ActionNode, BreakNode, CommandNode, ContinueNode, IfNode, ListNode, Node, PipeNode, RangeNode, TemplateNode, VariableNode, WithNode,
} from './nodes.ts';

export class TemplateParseError extends Error {}

export interface ParseResult {
  /** The text's own tree (under the name it was parsed as), then each {{define}}d one. */
  trees: Map<string, ListNode>;
}

class Parser {
  private readonly tokens: Tokens;
  /** The next token. */
  private i = 0;
  private readonly name: string;
  private readonly hasFunction: (name: string) => boolean;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  /** The {{end}} or {{else}} keyword token that stopped the last item list (see textOrAction). */
  private stop = -1;
  readonly trees = new Map<string, ListNode>();
  /** Every function name the text calls, checked against the function map. */
  readonly functions = new Set<string>();
  /** The text's own tree, outside any {{define}}. */
  root?: ListNode;

  constructor(name: string, text: string, hasFunction: (name: string) => boolean, leftDelim: string, rightDelim: string) {
    this.name = name;
    this.hasFunction = hasFunction;
    this.tokens = lex(text, leftDelim, rightDelim);
  }

  fail(message: string, t: number = this.i): never {
    throw new TemplateParseError(`template: ${this.name}:${this.tokens.lines[t]}: ${message}`);
  }

  /** Takes the next token; a lexical error fails here. */
  private next(): number {
    const t = this.i;
    const kind = this.tokens.kinds[t];
    if (kind === ERROR) this.fail(this.tokens.errorMessage, t);
    if (kind !== EOF) this.i++;
    return t;
  }

  /** The next token, without taking it; a lexical error fails here already. */
  private peekChecked(): number {
    const t = this.i;
    if (this.tokens.kinds[t] === ERROR) this.fail(this.tokens.errorMessage, t);
    return t;
  }

  private expect(kind: number, context: string): number {
    const t = this.next();
    if (this.tokens.kinds[t] !== kind) this.unexpected(t, context);
    return t;
  }

  private unexpected(t: number, context: string): never {
    const kind = this.tokens.kinds[t];
    if (kind === ERROR) this.fail(this.tokens.errorMessage, t);
    if (kind === EOF) this.fail(`unexpected EOF`, t);
    this.fail(`unexpected ${describe(this.tokens, t)} in ${context}`, t);
  }

  parseTop(): void {
    const tokens = this.tokens;
    const list: ListNode = { type: 'list', pos: 0, nodes: [] };
    for (;;) {
      const t = this.i;
      const kind = tokens.kinds[t];
      if (kind === EOF) break;
      if (kind === LEFT_DELIM) {
        this.i++;
        const kw = this.peekChecked();
        if (tokens.kinds[kw] === KEYWORD && tokens.is(kw, 'define')) {
          this.i++;
          this.parseDefinition();
          continue;
        }
        this.i = t;
      }
      const node = this.textOrAction();
      if (node === undefined) this.fail(`unexpected {{${tokens.value(this.stop)}}}`, this.stop);
      list.nodes.push(node);
    }
    this.root = list;
    this.addTree(this.name, list);
  }

  private addTree(name: string, list: ListNode): void {
    // Go's AddParseTree keeps an existing definition over an empty one; two full ones clash.
    const existing = this.trees.get(name);
    if (existing && isEmptyTree(list)) return;
    if (existing && !isEmptyTree(existing)) this.fail(`template: multiple definition of template ${JSON.stringify(name)}`);
    this.trees.set(name, list);
  }

  private parseDefinition(): void {
    const nameTok = this.next();
    const kind = this.tokens.kinds[nameTok];
    if (kind !== STRING && kind !== RAW_STRING) this.unexpected(nameTok, 'define clause');
    const name = this.unquote(nameTok);
    this.expect(RIGHT_DELIM, 'define clause');
    this.definitionBody(name);
  }

  /** The body of {{define}} or {{block}} up to its {{end}}: a template of its own, with only $ in scope. */
  private definitionBody(name: string): void {
    const saved = this.vars;
    this.vars = ['$'];
    const list = this.itemList();
    if (!this.tokens.is(this.stop, 'end')) this.fail(`unexpected {{${this.tokens.value(this.stop)}}}`, this.stop);
    this.vars = saved;
    this.addTree(name, list);
  }

  /** Parses items until {{end}} or {{else}}; `stop` is then the keyword that stopped it. */
  private itemList(): ListNode {
    const tokens = this.tokens;
    const first = this.i;
    const list: ListNode = { type: 'list', pos: tokens.starts[first], nodes: [] };
    for (;;) {
      if (tokens.kinds[this.i] === EOF) this.fail('unexpected EOF');
      const node = this.textOrAction();
      if (node === undefined) return list;
      list.nodes.push(node);
    }
  }

  /** One text run or action; undefined when the action is {{end}} or {{else ...}} (then in `stop`). */
  private textOrAction(): Node | undefined {
    const tokens = this.tokens;
    const t = this.next();
    const kind = tokens.kinds[t];
    if (kind === TEXT) return { type: 'text', pos: tokens.starts[t], text: tokens.value(t) };
    if (kind === COMMENT) return { type: 'comment', pos: tokens.starts[t], text: tokens.value(t) };
    if (kind !== LEFT_DELIM) this.unexpected(t, 'input');
    const kw = this.peekChecked();
    if (tokens.kinds[kw] === KEYWORD) {
      const word = tokens.value(kw);
      switch (word) {
        case 'end':
          this.i++;
          this.expect(RIGHT_DELIM, 'end');
          this.stop = kw;
          return undefined;
        case 'else':
          this.i++;
          this.stop = kw;
          return undefined;
        case 'if': case 'range': case 'with':
          this.i++;
          return this.branch(word as 'if' | 'range' | 'with', kw);
        case 'template': case 'block':
          this.i++;
          return this.templateControl(word as 'template' | 'block', kw);
        case 'break': case 'continue': {
          this.i++;
          if (this.rangeDepth === 0) this.fail(`{{${word}}} outside {{range}}`, kw);
          this.expect(RIGHT_DELIM, word);
          return { type: word, pos: tokens.starts[kw] } as BreakNode | ContinueNode;
        }
        case 'define':
          this.fail('unexpected <define> in command', kw);
      }
    }
    const pipe = this.pipeline('command', RIGHT_DELIM);
    const action: ActionNode = { type: 'action', pos: tokens.starts[t], pipe };
    return action;
  }

  private branch(kind: 'if' | 'range' | 'with', kw: number): IfNode | RangeNode | WithNode {
    const tokens = this.tokens;
    const varsBefore = this.vars.length;
    const pipe = this.pipeline(kind, RIGHT_DELIM);
    if (kind === 'range') this.rangeDepth++;
    const list = this.itemList();
    const end = this.stop;
    if (kind === 'range') this.rangeDepth--;
    let elseList: ListNode | undefined;
    if (tokens.is(end, 'else')) {
      const after = this.peekChecked();
      // {{else if ...}} and {{else with ...}} chain into a nested branch with one {{end}}.
      if (tokens.kinds[after] === KEYWORD && ((kind === 'if' && tokens.is(after, 'if')) || (kind === 'with' && tokens.is(after, 'with')))) {
        this.i++;
        const nested = this.branch(kind, after);
        elseList = { type: 'list', pos: tokens.starts[after], nodes: [nested] };
      } else {
        this.expect(RIGHT_DELIM, 'else');
        elseList = this.itemList();
        if (!tokens.is(this.stop, 'end')) this.fail('expected end; found {{else}}', this.stop);
      }
    }
    this.vars.length = varsBefore;
    return { type: kind, pos: tokens.starts[kw], pipe, list, elseList } as IfNode;
  }

  private templateControl(word: 'template' | 'block', kw: number): Node {
    const tokens = this.tokens;
    const context = word === 'block' ? 'block clause' : 'template clause';
    const nameTok = this.next();
    const kind = tokens.kinds[nameTok];
    if (kind !== STRING && kind !== RAW_STRING) this.unexpected(nameTok, context);
    const name = this.unquote(nameTok);
    let pipe: PipeNode | undefined;
    if (tokens.kinds[this.peekChecked()] !== RIGHT_DELIM) pipe = this.pipeline(context, RIGHT_DELIM);
    else this.i++;
    // Go positions a template invocation at its name.
    const node: TemplateNode = { type: 'template', pos: tokens.starts[nameTok], name, pipe };
    if (word === 'block') this.definitionBody(name);
    return node;
  }

  /** pipeline: [declarations] command ('|' command)*, up to the given closing token. */
  private pipeline(context: string, close: number): PipeNode {
    const tokens = this.tokens;
    const start = this.peekChecked();
    const pipe: PipeNode = { type: 'pipe', pos: tokens.starts[start], isAssign: false, decl: [], cmds: [] };
    // Declarations: $x := or $x = ; in range also $i, $v :=
    if (tokens.kinds[start] === VARIABLE) {
      this.i++;
      const op = this.next();
      const opKind = tokens.kinds[op];
      if (opKind === DECLARE || opKind === ASSIGN) {
        pipe.isAssign = opKind === ASSIGN;
        // Go checks an assignment's variable only when it runs.
        pipe.decl.push(this.variable(start, opKind === DECLARE, opKind === ASSIGN));
      } else if (opKind === COMMA) {
        if (context !== 'range') this.fail('too many declarations in command', op);
        const v2 = this.next();
        if (tokens.kinds[v2] !== VARIABLE) this.fail(`range can only initialize variables`, v2);
        const op2 = this.next();
        const op2Kind = tokens.kinds[op2];
        if (op2Kind === COMMA) this.fail('too many declarations in range', op2);
        if (op2Kind !== DECLARE && op2Kind !== ASSIGN) this.unexpected(op2, 'range');
        pipe.isAssign = op2Kind === ASSIGN;
        pipe.decl.push(this.variable(start, op2Kind === DECLARE), this.variable(v2, op2Kind === DECLARE));
      } else {
        this.i = start;
      }
    }
    for (;;) {
      const t = this.peekChecked();
      const kind = tokens.kinds[t];
      if (kind === close) {
        this.i++;
        if (pipe.cmds.length === 0) this.fail(`missing value for ${context}`, t);
        return pipe;
      }
      if (kind === EOF) this.unexpected(t, context);
      const cmd = this.command(close);
      if (pipe.cmds.length > 0) {
        const type = cmd.args[0].type;
        if (type === 'bool' || type === 'dot' || type === 'nil' || type === 'number' || type === 'string') {
          this.fail(`non executable command in pipeline stage ${pipe.cmds.length + 1}`, t);
        }
      }
      pipe.cmds.push(cmd);
      if (tokens.kinds[this.peekChecked()] === PIPE) {
        this.i++;
        const following = this.peekChecked();
        if (tokens.kinds[following] === close) this.fail('missing command', following);
      }
    }
  }

  private variable(t: number, declare: boolean, assigned = false): VariableNode {
    const name = this.tokens.value(t);
    if (declare) this.vars.push(name);
    else if (!assigned && !this.vars.includes(name)) this.fail(`undefined variable "${name}"`, t);
    return { type: 'variable', pos: this.tokens.starts[t], ident: [name] };
  }

  private command(close: number): CommandNode {
    const tokens = this.tokens;
    const first = this.peekChecked();
    const cmd: CommandNode = { type: 'command', pos: tokens.starts[first], args: [] };
    for (;;) {
      // Operands are separated by spaces; a pipe or the closing token ends the command.
      const kind = tokens.kinds[this.i];
      if (kind === close || kind === PIPE) break;
      if (kind === RIGHT_DELIM || kind === RIGHT_PAREN) this.unexpected(this.next(), 'operand');
      cmd.args.push(this.operand());
      const after = this.i;
      const afterKind = tokens.kinds[after];
      if (tokens.spaced[after] === 0 && afterKind !== close && afterKind !== PIPE && afterKind !== RIGHT_DELIM && afterKind !== RIGHT_PAREN) {
        this.unexpected(this.next(), 'operand');
      }
    }
    if (cmd.args.length === 0) this.fail('empty command');
    return cmd;
  }

  /** Whether the next token is a field right after the term before it (`.a.b`, `$x.a`, `(...).a`). */
  private chainedField(): boolean {
    return this.tokens.kinds[this.i] === FIELD && this.tokens.spaced[this.i] === 0;
  }

  private operand(): Node {
    const node = this.term();
    if (!this.chainedField()) return node;
    const tokens = this.tokens;
    // Go positions a chained field or variable at its first chained field.
    const pos = tokens.starts[this.i];
    const fields: string[] = [];
    let lastField = this.i;
    while (this.chainedField()) {
      lastField = this.next();
      fields.push(tokens.input.slice(tokens.starts[lastField] + 1, tokens.ends[lastField]));
    }
    switch (node.type) {
      case 'field': return { type: 'field', pos, ident: node.ident.concat(fields) };
      case 'variable': return { type: 'variable', pos, ident: node.ident.concat(fields) };
      case 'bool': case 'string': case 'number': case 'nil': case 'dot':
        // Go names the line of what follows the fields, a space being a token of its own there.
        this.fail(`unexpected . after term ${JSON.stringify(describeNode(node))}`, tokens.spaced[this.i] === 1 ? lastField : this.i);
      default: return { type: 'chain', pos, node, field: fields };
    }
  }

  private term(): Node {
    const tokens = this.tokens;
    const t = this.next();
    switch (tokens.kinds[t]) {
      case IDENTIFIER: {
        const name = tokens.value(t);
        this.functions.add(name);
        if (!this.hasFunction(name)) this.fail(`function "${name}" not defined`, t);
        return { type: 'identifier', pos: tokens.starts[t], ident: name };
      }
      case DOT: return { type: 'dot', pos: tokens.starts[t] };
      case NIL: return { type: 'nil', pos: tokens.starts[t] };
      case VARIABLE: return this.variable(t, false);
      case FIELD: return { type: 'field', pos: tokens.starts[t], ident: [tokens.input.slice(tokens.starts[t] + 1, tokens.ends[t])] };
      case BOOL: return { type: 'bool', pos: tokens.starts[t], value: tokens.is(t, 'true') };
      case CHAR: case NUMBER: {
        const text = tokens.value(t);
        let n;
        try {
          n = parseNumber(text);
        } catch (err) {
          this.fail((err as Error).message, t);
        }
        return { type: 'number', pos: tokens.starts[t], text, ...n };
      }
      case STRING: case RAW_STRING: {
        const quoted = tokens.value(t);
        // The lexer ended a "..." literal at its first unescaped quote: without a backslash, its body is its value.
        const text = tokens.kinds[t] === STRING && quoted.indexOf('\\') < 0 ? quoted.slice(1, -1) : this.unquote(t, quoted);
        return { type: 'string', pos: tokens.starts[t], quoted, text };
      }
      case LEFT_PAREN: return this.pipeline('parenthesized pipeline', RIGHT_PAREN);
      default:
        this.unexpected(t, 'operand');
    }
  }

  private unquote(t: number, quoted = this.tokens.value(t)): string {
    try {
      return unquoteGo(quoted);
    } catch {
      this.fail('invalid syntax', t);
    }
  }
}

function describe(tokens: Tokens, t: number): string {
  switch (tokens.kinds[t]) {
    case RIGHT_DELIM: return '"}}"';
    case LEFT_DELIM: return '"{{"';
    case EOF: return 'EOF';
    case KEYWORD: return `<${tokens.value(t)}>`;
    default: return JSON.stringify(tokens.value(t));
  }
}

function describeNode(n: Node): string {
  return n.type === 'string' ? n.quoted : n.type === 'number' ? n.text : n.type === 'bool' ? String(n.value) : n.type;
}

/** Go's IsEmptyTree: only whitespace text (and comments) and nothing else. */
export function isEmptyTree(list: ListNode): boolean {
  return list.nodes.every((n) => n.type === 'comment' || (n.type === 'text' && n.text.trim() === ''));
}

interface CachedParse { root: ListNode; defines: Map<string, ListNode>; functions: string[] }

/**
 * Parse trees by delimiters and text. A chart parses the same text again and again (tpl of
 * the same value, a library chart under several subcharts); trees are never changed once
 * built, so one parse serves them all. Only successful parses are kept.
 */
const parseCaches = new Map<string, Map<string, CachedParse>>();
const parseCacheLimit = 4096;
/** Drops every kept parse tree (after the executable's snapshot warm-up, scripts/snapshot-entry.ts). */
export const forgetParses = () => parseCaches.clear();

export function parseTemplate(name: string, text: string, hasFunction: (name: string) => boolean, leftDelim = '{{', rightDelim = '}}'): ParseResult {
  // Keyed by the text itself under its delimiters: no key string built from the whole text.
  const delimiters = `${leftDelim}\u0000${rightDelim}`;
  let parseCache = parseCaches.get(delimiters);
  if (parseCache === undefined) parseCaches.set(delimiters, parseCache = new Map());
  const cached = parseCache.get(text);
  // The root's name only matters where a {{define}} shares it; function checks depend on the map.
  if (cached && !cached.defines.has(name) && cached.functions.every(hasFunction)) {
    return { trees: new Map([...cached.defines, [name, cached.root]]) };
  }
  const parser = new Parser(name, text, hasFunction, leftDelim, rightDelim);
  parser.parseTop();
  const root = parser.root!;
  if (parser.trees.get(name) === root) {
    const defines = new Map(parser.trees);
    defines.delete(name);
    if (parseCache.size >= parseCacheLimit) parseCache.clear();
    parseCache.set(text, { root, defines, functions: [...parser.functions] });
  }
  return { trees: parser.trees };
}
