// Validation errors as santhosh-tekuri/jsonschema builds and prints them: a tree of
// "at '/instance/path': message" lines, where a value with several failures shows as
// "validation failed" over its indented causes and a $ref with one cause is left out.
import { goQuote } from '../../gofmt/strconv.ts';

/** The instance location, as a chain from the value back to the root. */
export interface InstancePath { readonly parent: InstancePath | undefined; readonly token: string }

export interface ErrorKind {
  /** 'group' and 'reference' print "validation failed"; a reference with one cause is skipped. */
  readonly name: string;
  text(): string;
}

export class SchemaError {
  readonly path: InstancePath | undefined;
  readonly kind: ErrorKind;
  causes: SchemaError[];
  constructor(path: InstancePath | undefined, kind: ErrorKind, causes: SchemaError[] = []) {
    this.path = path;
    this.kind = kind;
    this.causes = causes;
  }
}

/** The library's quote(): Go's %q with double quotes left alone and single quotes escaped, in '...'. */
export function quote(s: string): string {
  const q = goQuote(s);
  return `'${q.slice(1, -1).replaceAll('\\"', '"').replaceAll("'", "\\'")}'`;
}

export function pointer(path: InstancePath | undefined): string {
  let out = '';
  for (let p = path; p; p = p.parent) out = `/${p.token.replaceAll('~', '~0').replaceAll('/', '~1')}${out}`;
  return out;
}

function skipped(e: SchemaError): boolean {
  return e.causes.length === 1 && e.kind.name === 'reference';
}

function display(e: SchemaError, indent: number, out: string[]): void {
  let level = indent;
  if (!skipped(e)) {
    out.push(`\n${'  '.repeat(level)}- at ${quote(pointer(e.path))}: ${e.kind.text()}`);
    level++;
  }
  for (const cause of e.causes) display(cause, level, out);
}

/** helm's text for the failures of one schema: every top-level cause, then a final newline. */
export function renderFailures(top: SchemaError[]): string {
  const out: string[] = [];
  for (const e of top) display(e, 0, out);
  return `${out.join('').slice(1)}\n`;
}
