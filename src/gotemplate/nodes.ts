// The parse tree of a template, with Go's String() forms (used in "at <...>" of errors).

export type Node =
  | ListNode | TextNode | ActionNode | IfNode | RangeNode | WithNode | TemplateNode | BreakNode | ContinueNode
  | CommentNode | PipeNode | CommandNode | FieldNode | ChainNode | VariableNode | IdentifierNode | DotNode
  | NilNode | BoolNode | NumberNode | StringNode;

/** Where the node starts in its template's text (errors derive line and column from it). */
interface Base { pos: number }

export interface ListNode extends Base { type: 'list'; nodes: Node[] }
export interface TextNode extends Base { type: 'text'; text: string }
export interface ActionNode extends Base { type: 'action'; pipe: PipeNode }
export interface BranchFields extends Base { pipe: PipeNode; list: ListNode; elseList?: ListNode }
export interface IfNode extends BranchFields { type: 'if' }
export interface RangeNode extends BranchFields { type: 'range' }
export interface WithNode extends BranchFields { type: 'with' }
export interface TemplateNode extends Base { type: 'template'; name: string; pipe?: PipeNode }
export interface BreakNode extends Base { type: 'break' }
export interface ContinueNode extends Base { type: 'continue' }
export interface CommentNode extends Base { type: 'comment'; text: string }
export interface PipeNode extends Base { type: 'pipe'; isAssign: boolean; decl: VariableNode[]; cmds: CommandNode[] }
export interface CommandNode extends Base { type: 'command'; args: Node[] }
export interface FieldNode extends Base { type: 'field'; ident: string[] }
export interface ChainNode extends Base { type: 'chain'; node: Node; field: string[] }
export interface VariableNode extends Base { type: 'variable'; ident: string[] }
export interface IdentifierNode extends Base { type: 'identifier'; ident: string }
export interface DotNode extends Base { type: 'dot' }
export interface NilNode extends Base { type: 'nil' }
export interface BoolNode extends Base { type: 'bool'; value: boolean }
export interface NumberNode extends Base {
  type: 'number';
  text: string;
  isInt: boolean; int?: bigint;
  isFloat: boolean; float?: number;
  isUint: boolean;
  isChar: boolean;
}
export interface StringNode extends Base { type: 'string'; quoted: string; text: string }

/** Go's Node.String() for the nodes that appear in error locations. */
export function nodeString(n: Node): string {
  switch (n.type) {
    case 'list': return n.nodes.map(nodeString).join('');
    case 'text': return n.text;
    case 'action': return `{{${nodeString(n.pipe)}}}`;
    case 'pipe': {
      const decl = n.decl.length ? `${n.decl.map(nodeString).join(', ')} ${n.isAssign ? '=' : ':='} ` : '';
      return decl + n.cmds.map(nodeString).join(' | ');
    }
    case 'command': return n.args.map((a) => (a.type === 'pipe' ? `(${nodeString(a)})` : nodeString(a))).join(' ');
    case 'field': return n.ident.map((i) => `.${i}`).join('');
    case 'chain': return `${n.node.type === 'pipe' ? `(${nodeString(n.node)})` : nodeString(n.node)}${n.field.map((f) => `.${f}`).join('')}`;
    case 'variable': return n.ident.join('.');
    case 'identifier': return n.ident;
    case 'dot': return '.';
    case 'nil': return 'nil';
    case 'bool': return String(n.value);
    case 'number': return n.text;
    case 'string': return n.quoted;
    case 'if': case 'range': case 'with':
      return `{{${n.type} ${nodeString(n.pipe)}}}${nodeString(n.list)}${n.elseList ? `{{else}}${nodeString(n.elseList)}` : ''}{{end}}`;
    case 'template': return `{{template ${JSON.stringify(n.name)}${n.pipe ? ` ${nodeString(n.pipe)}` : ''}}}`;
    case 'break': return '{{break}}';
    case 'continue': return '{{continue}}';
    case 'comment': return `{{${n.text}}}`;
  }
}
