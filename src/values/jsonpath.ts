// Kubernetes' JSONPath templates (client-go util/jsonpath) as `show values --jsonpath` uses
// them: text around {actions}; fields (.a.b, ['a']), $, indexes ([0], [-1]), slices ([1:3]),
// wildcards ([*], .*), string literals ({"\n"}) and {range ...}{end}. Maps and lists print as
// compact JSON, scalars as Go prints them, nil as "null". Filters and recursive descent are
// refused with a clear error (Hookline does not evaluate them).
import { goJsonMarshal } from '../codec/go-json.ts';
import { sprintf } from '../gofmt/fmt.ts';
import { isGoMap, type GoValue } from '../govalue/types.ts';

type Step = { kind: 'field'; name: string } | { kind: 'index'; start?: number; end?: number; single: boolean } | { kind: 'wildcard' };
type Piece = { kind: 'text'; text: string } | { kind: 'path'; steps: Step[] } | { kind: 'range'; steps: Step[] } | { kind: 'end' };

/** A template helm could not parse: printed as "error parsing jsonpath TEMPLATE: REASON". */
export class JsonPathParseError extends Error {}

/** Finding values failed (a missing key, an index out of range); helm then prints nothing. */
class JsonPathLookupError extends Error {}

function parseSteps(expression: string, template: string): Step[] {
  const steps: Step[] = [];
  let rest = expression.trim();
  if (rest.startsWith('$')) rest = rest.slice(1); // the data given, as at the top level
  while (rest !== '') {
    if (rest.startsWith('..')) throw new JsonPathParseError(`--jsonpath ${template}: recursive descent (..) is not supported by Hookline`);
    let match: RegExpExecArray | null;
    if ((match = /^\.\*/.exec(rest))) steps.push({ kind: 'wildcard' });
    else if ((match = /^\.([^.[\s]+)/.exec(rest))) steps.push({ kind: 'field', name: match[1] });
    else if ((match = /^\[\s*\*\s*\]/.exec(rest))) steps.push({ kind: 'wildcard' });
    else if ((match = /^\[\s*'([^']*)'\s*\]/.exec(rest)) || (match = /^\[\s*"([^"]*)"\s*\]/.exec(rest))) steps.push({ kind: 'field', name: match[1] });
    else if ((match = /^\[\s*(-?\d+)\s*\]/.exec(rest))) steps.push({ kind: 'index', start: Number(match[1]), single: true });
    else if ((match = /^\[\s*(-?\d+)?\s*:\s*(-?\d+)?\s*\]/.exec(rest))) {
      steps.push({ kind: 'index', start: match[1] === undefined ? undefined : Number(match[1]), end: match[2] === undefined ? undefined : Number(match[2]), single: false });
    } else if (rest.startsWith('[?')) throw new JsonPathParseError(`--jsonpath ${template}: filter expressions ([?(...)]) are not supported by Hookline`);
    else if (rest === '.') break;
    else throw new JsonPathParseError(`error parsing jsonpath ${template}: unrecognized character in action: ${JSON.stringify(rest[0])}`);
    rest = rest.slice(match[0].length);
  }
  return steps;
}

export function parseJsonPath(template: string): Piece[] {
  const pieces: Piece[] = [];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      pieces.push({ kind: 'text', text: template.slice(i) });
      break;
    }
    if (open > i) pieces.push({ kind: 'text', text: template.slice(i, open) });
    const close = template.indexOf('}', open);
    if (close < 0) throw new JsonPathParseError(`error parsing jsonpath ${template}: unclosed action`);
    const action = template.slice(open + 1, close).trim();
    i = close + 1;
    const literal = /^"((?:[^"\\]|\\.)*)"$/.exec(action) ?? /^'([^']*)'$/.exec(action);
    if (literal) pieces.push({ kind: 'text', text: action.startsWith('"') ? JSON.parse(`"${literal[1]}"`) as string : literal[1] });
    else if (action === 'end') pieces.push({ kind: 'end' });
    else if (action.startsWith('range ')) pieces.push({ kind: 'range', steps: parseSteps(action.slice(6), template) });
    else pieces.push({ kind: 'path', steps: parseSteps(action, template) });
  }
  return pieces;
}

function applyStep(values: GoValue[], step: Step): GoValue[] {
  const out: GoValue[] = [];
  for (const value of values) {
    if (step.kind === 'field') {
      if (!isGoMap(value) || !Object.hasOwn(value, step.name)) throw new JsonPathLookupError(`${step.name} is not found`);
      out.push(value[step.name]);
    } else if (step.kind === 'wildcard') {
      if (Array.isArray(value)) out.push(...value);
      else if (isGoMap(value)) out.push(...Object.keys(value).sort().map((k) => value[k]));
    } else {
      if (!Array.isArray(value)) throw new JsonPathLookupError('not an array or slice');
      const length = value.length;
      const at = (n: number) => (n < 0 ? n + length : n);
      if (step.single) {
        const index = at(step.start!);
        if (index < 0 || index >= length) throw new JsonPathLookupError(`array index out of bounds: index ${step.start}, length ${length}`);
        out.push(value[index]);
      } else {
        out.push(...value.slice(Math.max(0, at(step.start ?? 0)), Math.min(length, at(step.end ?? length))));
      }
    }
  }
  return out;
}

function printValue(v: GoValue): string {
  if (v === null) return 'null';
  if (isGoMap(v) || Array.isArray(v)) return goJsonMarshal(v);
  return sprintf('%v', v);
}

/** Pieces up to the matching {end}: the range body. */
function rangeBody(pieces: Piece[], from: number): number {
  let depth = 0;
  for (let i = from; i < pieces.length; i++) {
    if (pieces[i].kind === 'range') depth++;
    else if (pieces[i].kind === 'end') {
      if (depth === 0) return i;
      depth--;
    }
  }
  throw new JsonPathParseError('error parsing jsonpath: not in range, nothing to end');
}

const find = (steps: Step[], data: GoValue) => steps.reduce(applyStep, [data]);

function render(pieces: Piece[], data: GoValue): string {
  let out = '';
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    if (piece.kind === 'text') out += piece.text;
    else if (piece.kind === 'path') out += find(piece.steps, data).map(printValue).join(' ');
    else if (piece.kind === 'range') {
      const end = rangeBody(pieces, i + 1);
      for (const item of find(piece.steps, data)) out += render(pieces.slice(i + 1, end), item);
      i = end;
    }
  }
  return out;
}

/** The template's output for `data`; nothing when a lookup fails, as helm ignores that error. */
export function executeJsonPath(template: string, data: GoValue): string {
  const pieces = parseJsonPath(template);
  try {
    return render(pieces, data);
  } catch (err) {
    if (err instanceof JsonPathLookupError) return '';
    throw err;
  }
}
