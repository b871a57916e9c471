// A set of named templates sharing functions, as Go's *template.Template namespace: parse
// texts into it ({{define}}s included), execute any of them by name. Execution is
// re-entrant, so functions such as Helm's include can run templates of the same set.
import type { GoFunc, GoValue } from '../govalue/types.ts';
import { builtinFunctions, lazyBuiltins } from './builtins.ts';
import { Executor, TemplateExecError, type TreeSource } from './exec.ts';
import { isEmptyTree, parseTemplate, TemplateParseError } from './parse.ts';

export interface TemplateOptions {
  funcs: Record<string, GoFunc>;
  missingKey?: 'default' | 'zero' | 'error';
  leftDelim?: string;
  rightDelim?: string;
}

/** Any error of parsing or executing a template; the message is Go's text. */
export const isTemplateError = (err: unknown): err is Error => err instanceof TemplateParseError || err instanceof TemplateExecError;
export { TemplateExecError, TemplateParseError };

export class TemplateSet {
  private readonly trees: Map<string, TreeSource>;
  private readonly funcs: Record<string, GoFunc>;
  private readonly options: TemplateOptions;

  constructor(options: TemplateOptions, trees = new Map<string, TreeSource>()) {
    this.options = options;
    this.funcs = { ...options.funcs };
    this.trees = trees;
  }

  addFuncs(funcs: Record<string, GoFunc>): void {
    Object.assign(this.funcs, funcs);
  }

  /** Parses `text` as template `name`; its {{define}}s join the set (an empty body never replaces a full one). */
  parse(name: string, text: string): void {
    const hasFunction = (fn: string) => fn in this.funcs || fn in builtinFunctions || lazyBuiltins.has(fn);
    const { trees } = parseTemplate(name, text, hasFunction, this.options.leftDelim, this.options.rightDelim);
    for (const [treeName, tree] of trees) {
      const existing = this.trees.get(treeName);
      if (existing && treeName !== name && isEmptyTree(tree) && !isEmptyTree(existing.tree)) continue;
      this.trees.set(treeName, { tree, parseName: name, text });
    }
  }

  has(name: string): boolean {
    return this.trees.has(name);
  }

  execute(name: string, data: GoValue): string {
    const executor = new Executor({
      lookupTree: (n) => this.trees.get(n),
      lookupFunction: (n) => this.funcs[n] ?? builtinFunctions[n],
      missingKey: this.options.missingKey ?? 'default',
    });
    return executor.run(name, data);
  }

  /** An independent copy sharing nothing mutable (Helm's tpl parses into a clone). */
  clone(): TemplateSet {
    const copy = new TemplateSet({ ...this.options, funcs: { ...this.funcs } }, new Map(this.trees));
    return copy;
  }
}
