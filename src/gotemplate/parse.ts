// The parser of Go's text/template: builds the tree of one template text plus the templates
// it {{define}}s, checking what Go checks at parse time (functions exist, variables are
// declared, break/continue sit inside range), with Go's error messages.
import { lex, type Token, type TokenKind } from './lex.ts';
import { parseNumber, unquoteGo } from './literals.ts';
import type {
  ActionNode, BreakNode, CommandNode, ContinueNode, IfNode, ListNode, Node, PipeNode, RangeNode, TemplateNode, VariableNode, WithNode,
} from './nodes.ts';

export class TemplateParseError extends Error {}

export interface ParseResult {
  /** The text's own tree (under the name it was parsed as), then each {{define}}d one. */
  trees: Map<string, ListNode>;
}

type EndKind = 'end' | 'else';

class Parser {
  private readonly tokens: Token[];
  private i = 0;
  private readonly name: string;
  private readonly hasFunction: (name: string) => boolean;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
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

  fail(message: string, tok: Token = this.peek()): never {
    throw new TemplateParseError(`template: ${this.name}:${tok.line}: ${message}`);
  }

  private peek(): Token {
    return this.tokens[this.i];
  }

  private next(): Token {
    const t = this.tokens[this.i];
    if (t.kind === 'error') this.fail(t.value, t);
    if (t.kind !== 'eof') this.i++;
    return t;
  }

  /** The next token inside an action (spaces are no tokens: see Token.spaced). */
  private nextNonSpace(): Token {
    return this.next();
  }

  /** The next token inside an action, without taking it; a lexical error fails here already. */
  private peekNonSpace(): Token {
    const t = this.tokens[this.i];
    if (t.kind === 'error') this.fail(t.value, t);
    return t;
  }

  private expect(kind: TokenKind, context: string): Token {
    const t = this.nextNonSpace();
    if (t.kind !== kind) this.unexpected(t, context);
    return t;
  }

  private unexpected(t: Token, context: string): never {
    if (t.kind === 'error') this.fail(t.value, t);
    if (t.kind === 'eof') this.fail(`unexpected EOF`, t);
    this.fail(`unexpected ${describe(t)} in ${context}`, t);
  }

  parseTop(): void {
    const list: ListNode = { type: 'list', pos: 0, line: 1, nodes: [] };
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof') break;
      if (t.kind === 'leftDelim') {
        const save = this.i;
        this.next();
        const kw = this.peekNonSpace();
        if (kw.kind === 'keyword' && kw.value === 'define') {
          this.nextNonSpace();
          this.parseDefinition();
          continue;
        }
        this.i = save;
      }
      const { node, end } = this.textOrAction();
      if (end) this.fail(`unexpected ${end.value === 'end' ? '{{end}}' : `{{${end.value}}}`}`, end);
      if (node) list.nodes.push(node);
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
    const nameTok = this.nextNonSpace();
    if (nameTok.kind !== 'string' && nameTok.kind !== 'rawString') this.unexpected(nameTok, 'define clause');
    const name = this.unquote(nameTok);
    this.expect('rightDelim', 'define clause');
    this.definitionBody(name);
  }

  /** The body of {{define}} or {{block}} up to its {{end}}: a template of its own, with only $ in scope. */
  private definitionBody(name: string): void {
    const saved = this.vars;
    this.vars = ['$'];
    const { list, end } = this.itemList();
    if (end.value !== 'end') this.fail(`unexpected {{${end.value}}}`, end);
    this.vars = saved;
    this.addTree(name, list);
  }

  /** Parses items until {{end}} or {{else}}, returning which one stopped it. */
  private itemList(): { list: ListNode; end: Token } {
    const first = this.peek();
    const list: ListNode = { type: 'list', pos: first.pos, line: first.line, nodes: [] };
    for (;;) {
      if (this.peek().kind === 'eof') this.fail('unexpected EOF');
      const { node, end } = this.textOrAction();
      if (end) return { list, end };
      if (node) list.nodes.push(node);
    }
  }

  /** One text run or action; `end` is set when the action is {{end}} or {{else ...}}. */
  private textOrAction(): { node?: Node; end?: Token } {
    const t = this.next();
    if (t.kind === 'text') return { node: { type: 'text', pos: t.pos, line: t.line, text: t.value } };
    if (t.kind === 'comment') return { node: { type: 'comment', pos: t.pos, line: t.line, text: t.value } };
    if (t.kind !== 'leftDelim') this.unexpected(t, 'input');
    const kw = this.peekNonSpace();
    if (kw.kind === 'keyword') {
      switch (kw.value) {
        case 'end':
          this.nextNonSpace();
          this.expect('rightDelim', 'end');
          return { end: kw };
        case 'else':
          this.nextNonSpace();
          return { end: kw };
        case 'if': case 'range': case 'with':
          this.nextNonSpace();
          return { node: this.branch(kw.value, kw) };
        case 'template': case 'block':
          this.nextNonSpace();
          return { node: this.templateControl(kw) };
        case 'break': case 'continue': {
          this.nextNonSpace();
          if (this.rangeDepth === 0) this.fail(`{{${kw.value}}} outside {{range}}`, kw);
          this.expect('rightDelim', kw.value);
          return { node: { type: kw.value, pos: kw.pos, line: kw.line } as BreakNode | ContinueNode };
        }
        case 'define':
          this.fail('unexpected <define> in command', kw);
      }
    }
    const pipe = this.pipeline('command', 'rightDelim');
    const action: ActionNode = { type: 'action', pos: t.pos, line: t.line, pipe };
    return { node: action };
  }

  private branch(kind: 'if' | 'range' | 'with', kw: Token): IfNode | RangeNode | WithNode {
    const varsBefore = this.vars.length;
    const pipe = this.pipeline(kind, 'rightDelim');
    if (kind === 'range') this.rangeDepth++;
    let { list, end } = this.itemList();
    if (kind === 'range') this.rangeDepth--;
    let elseList: ListNode | undefined;
    if (end.value === 'else') {
      const after = this.peekNonSpace();
      // {{else if ...}} and {{else with ...}} chain into a nested branch with one {{end}}.
      if ((kind === 'if' && after.kind === 'keyword' && after.value === 'if') || (kind === 'with' && after.kind === 'keyword' && after.value === 'with')) {
        this.nextNonSpace();
        const nested = this.branch(kind, after);
        elseList = { type: 'list', pos: after.pos, line: after.line, nodes: [nested] };
      } else {
        this.expect('rightDelim', 'else');
        const rest = this.itemList();
        if (rest.end.value !== 'end') this.fail('expected end; found {{else}}', rest.end);
        elseList = rest.list;
      }
    }
    this.vars.length = varsBefore;
    return { type: kind, pos: kw.pos, line: kw.line, pipe, list, elseList } as IfNode;
  }

  private templateControl(kw: Token): Node {
    const context = kw.value === 'block' ? 'block clause' : 'template clause';
    const nameTok = this.nextNonSpace();
    if (nameTok.kind !== 'string' && nameTok.kind !== 'rawString') this.unexpected(nameTok, context);
    const name = this.unquote(nameTok);
    let pipe: PipeNode | undefined;
    if (this.peekNonSpace().kind !== 'rightDelim') pipe = this.pipeline(context, 'rightDelim');
    else this.nextNonSpace();
    // Go positions a template invocation at its name.
    const node: TemplateNode = { type: 'template', pos: nameTok.pos, line: nameTok.line, name, pipe };
    if (kw.value === 'block') this.definitionBody(name);
    return node;
  }

  /** pipeline: [declarations] command ('|' command)*, up to the given closing token. */
  private pipeline(context: string, close: 'rightDelim' | 'rightParen'): PipeNode {
    const start = this.peekNonSpace();
    const pipe: PipeNode = { type: 'pipe', pos: start.pos, line: start.line, isAssign: false, decl: [], cmds: [] };
    // Declarations: $x := or $x = ; in range also $i, $v :=
    const save = this.i;
    const v = this.nextNonSpace();
    if (v.kind === 'variable') {
      const op = this.nextNonSpace();
      if (op.kind === 'declare' || op.kind === 'assign') {
        pipe.isAssign = op.kind === 'assign';
        // Go checks an assignment's variable only when it runs.
        pipe.decl.push(this.variable(v, op.kind === 'declare', op.kind === 'assign'));
      } else if (op.kind === 'comma') {
        if (context !== 'range') this.fail('too many declarations in command', op);
        const v2 = this.nextNonSpace();
        if (v2.kind !== 'variable') this.fail(`range can only initialize variables`, v2);
        const op2 = this.nextNonSpace();
        if (op2.kind === 'comma') this.fail('too many declarations in range', op2);
        if (op2.kind !== 'declare' && op2.kind !== 'assign') this.unexpected(op2, 'range');
        pipe.isAssign = op2.kind === 'assign';
        pipe.decl.push(this.variable(v, op2.kind === 'declare'), this.variable(v2, op2.kind === 'declare'));
      } else {
        this.i = save;
      }
    } else {
      this.i = save;
    }
    for (;;) {
      const t = this.peekNonSpace();
      if (t.kind === close) {
        this.nextNonSpace();
        if (pipe.cmds.length === 0) this.fail(`missing value for ${context}`, t);
        return pipe;
      }
      if (t.kind === 'eof' || t.kind === 'error') this.unexpected(this.nextNonSpace(), context);
      const cmd = this.command(close);
      if (pipe.cmds.length > 0 && ['bool', 'dot', 'nil', 'number', 'string'].includes(cmd.args[0].type)) {
        this.fail(`non executable command in pipeline stage ${pipe.cmds.length + 1}`, t);
      }
      pipe.cmds.push(cmd);
      const after = this.peekNonSpace();
      if (after.kind === 'pipe') {
        this.nextNonSpace();
        const following = this.peekNonSpace();
        if (following.kind === close) this.fail('missing command', following);
      }
    }
  }

  private variable(t: Token, declare: boolean, assigned = false): VariableNode {
    if (declare) this.vars.push(t.value);
    else if (!assigned && !this.vars.includes(t.value)) this.fail(`undefined variable "${t.value}"`, t);
    return { type: 'variable', pos: t.pos, line: t.line, ident: [t.value] };
  }

  private command(close: 'rightDelim' | 'rightParen'): CommandNode {
    const first = this.peekNonSpace();
    const cmd: CommandNode = { type: 'command', pos: first.pos, line: first.line, args: [] };
    for (;;) {
      // Operands are separated by spaces; a pipe or the closing token ends the command.
      const t = this.peek();
      if (t.kind === close || t.kind === 'pipe') break;
      if (t.kind === 'rightDelim' || t.kind === 'rightParen') this.unexpected(this.next(), 'operand');
      cmd.args.push(this.operand());
      const after = this.peek();
      if (!after.spaced && after.kind !== close && after.kind !== 'pipe' && after.kind !== 'rightDelim' && after.kind !== 'rightParen') {
        this.unexpected(this.next(), 'operand');
      }
    }
    if (cmd.args.length === 0) this.fail('empty command');
    return cmd;
  }

  private operand(): Node {
    const node = this.term();
    const chained = () => this.peek().kind === 'field' && !this.peek().spaced;
    if (!chained()) return node;
    // Go positions a chained field or variable at its first chained field.
    const pos = this.peek().pos;
    const fields: string[] = [];
    let lastField = this.peek();
    while (chained()) {
      lastField = this.next();
      fields.push(lastField.value.slice(1));
    }
    switch (node.type) {
      case 'field': return { ...node, pos, ident: [...node.ident, ...fields] };
      case 'variable': return { ...node, pos, ident: [...node.ident, ...fields] };
      case 'bool': case 'string': case 'number': case 'nil': case 'dot':
        // Go names the line of what follows the fields, a space being a token of its own there.
        this.fail(`unexpected . after term ${JSON.stringify(describeNode(node))}`, this.peek().spaced ? lastField : this.peek());
      default: return { type: 'chain', pos, line: node.line, node, field: fields };
    }
  }

  private term(): Node {
    const t = this.next();
    switch (t.kind) {
      case 'identifier':
        this.functions.add(t.value);
        if (!this.hasFunction(t.value)) this.fail(`function "${t.value}" not defined`, t);
        return { type: 'identifier', pos: t.pos, line: t.line, ident: t.value };
      case 'dot': return { type: 'dot', pos: t.pos, line: t.line };
      case 'nil': return { type: 'nil', pos: t.pos, line: t.line };
      case 'variable': return this.variable(t, false);
      case 'field': return { type: 'field', pos: t.pos, line: t.line, ident: [t.value.slice(1)] };
      case 'bool': return { type: 'bool', pos: t.pos, line: t.line, value: t.value === 'true' };
      case 'char': case 'number': {
        let n;
        try {
          n = parseNumber(t.value);
        } catch (err) {
          this.fail((err as Error).message, t);
        }
        return { type: 'number', pos: t.pos, line: t.line, text: t.value, ...n };
      }
      case 'string': case 'rawString':
        return { type: 'string', pos: t.pos, line: t.line, quoted: t.value, text: this.unquote(t) };
      case 'leftParen': {
        const pipe = this.pipeline('parenthesized pipeline', 'rightParen');
        return pipe;
      }
      default:
        this.unexpected(t, 'operand');
    }
  }

  private unquote(t: Token): string {
    try {
      return unquoteGo(t.value);
    } catch {
      this.fail('invalid syntax', t);
    }
  }
}

function describe(t: Token): string {
  switch (t.kind) {
    case 'rightDelim': return '"}}"';
    case 'leftDelim': return '"{{"';
    case 'eof': return 'EOF';
    case 'keyword': return `<${t.value}>`;
    default: return JSON.stringify(t.value);
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
