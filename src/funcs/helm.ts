// Helm's own template functions (pkg/engine of helm 4.1.4): include and tpl, bound to the
// template set being rendered, required and fail (lenient when linting), and lookup, which
// answers an empty map when no cluster is connected (helm template, lint).
import { goFunc, type GoFunc, type GoMap, type GoValue } from '../govalue/types.ts';
import { sprintf } from '../gofmt/fmt.ts';
import { expectString } from './arg-types.ts';

/** What include and tpl need of a template set (src/gotemplate's TemplateSet satisfies it). */
export interface TemplateRunner {
  parse(name: string, text: string): void;
  has(name: string): boolean;
  execute(name: string, data: GoValue): string;
  clone(): TemplateRunner;
  addFuncs(funcs: Record<string, GoFunc>): void;
}

/** How deep one template may include itself before Helm gives up. */
const includeRecursionLimit = 1000;

/** The name Helm gives its root template; tpl parses its text under this name. */
export const rootTemplateName = 'gotpl';

// Helm marks messages of required and fail so its error cleanup can show them bare.
const userErrorStart = 'HELM_ERR_START';
const userErrorEnd = 'HELM_ERR_END';
const userErrorPattern = new RegExp(`${userErrorStart}([\\s\\S]*)${userErrorEnd}`);

function userError(message: string): Error {
  return new Error(userErrorStart + message + userErrorEnd);
}

/** The message of a required/fail error inside an error chain, if there is one. */
export function userErrorMessage(text: string): string | undefined {
  return userErrorPattern.exec(text)?.[1];
}

/** Counts of include calls in progress per template name, shared by a render and its tpl calls. */
export type IncludeDepths = Map<string, number>;

export function includeFunction(templates: TemplateRunner, depths: IncludeDepths): GoFunc {
  return goFunc('include', (name, data) => {
    expectString('include', name);
    const depth = depths.get(name as string) ?? 0;
    if (depth > includeRecursionLimit) {
      throw new Error(`rendering template has a nested reference name: ${name}: unable to execute template`);
    }
    // Go's ExecuteTemplate names the set's root template in this error.
    if (!templates.has(name as string)) {
      throw new Error(`template: no template ${sprintf('%q', name)} associated with template ${sprintf('%q', rootTemplateName)}`);
    }
    depths.set(name as string, depth + 1);
    try {
      return templates.execute(name as string, data);
    } catch (err) {
      // A plain error, as include returns one in Go: the executor wraps it in "error calling include: ...".
      throw new Error((err as Error).message, { cause: err });
    } finally {
      depths.set(name as string, depth);
    }
  });
}

/** tpl renders its text in a clone of the template set, so defines in it do not leak out. */
export function tplFunction(templates: TemplateRunner, depths: IncludeDepths): GoFunc {
  return goFunc('tpl', (text, data) => {
    expectString('tpl', text);
    const clone = templates.clone();
    clone.addFuncs({ include: includeFunction(clone, depths), tpl: tplFunction(clone, depths) });
    try {
      clone.parse(rootTemplateName, text as string);
    } catch (err) {
      throw new Error(`cannot parse template ${sprintf('%q', text)}: ${(err as Error).message}`, { cause: err });
    }
    try {
      return clone.execute(rootTemplateName, data).replaceAll('<no value>', '');
    } catch (err) {
      throw new Error(`error during tpl function execution for ${sprintf('%q', text)}: ${(err as Error).message}`, { cause: err });
    }
  });
}

/** A line of Go's slog text handler, as helm logs lenient required/fail calls while linting. */
function slogLine(level: string, msg: string, message: string): string {
  const value = (v: string) => (v === '' || /[\s="\\]|[^\x20-\x7e]/.test(v) ? sprintf('%q', v) : v);
  return `level=${level} msg=${value(msg)} message=${value(message)}`;
}

/** Helm's functions whose behaviour does not depend on the template set. */
export function helmFunctions(options: { lintMode: boolean; log?: (line: string) => void }): Record<string, GoFunc> {
  const { lintMode } = options;
  const log = options.log ?? (() => {});
  return {
    required: goFunc('required', (message, value) => {
      expectString('required', message);
      if (value !== null && value !== '') return value;
      if (!lintMode) throw userError(message as string);
      log(slogLine('WARN', 'missing required value', message as string));
      return '';
    }),
    fail: goFunc('fail', (message) => {
      expectString('fail', message);
      if (!lintMode) throw userError(message as string);
      log(slogLine('INFO', 'funcMap fail', message as string));
      return '';
    }),
    lookup: goFunc('lookup', (apiVersion, resource, namespace, name) => {
      for (const arg of [apiVersion, resource, namespace, name]) expectString('lookup', arg);
      const empty: GoMap = {};
      return empty;
    }),
  };
}

/** Stand-ins so the function map is complete before a render binds include and tpl. */
export const helmPlaceholderFunctions: Record<string, GoFunc> = {
  ...helmFunctions({ lintMode: false }),
  include: goFunc('include', () => 'not implemented'),
  tpl: goFunc('tpl', () => 'not implemented'),
};
