// A set of named templates sharing functions, as Go's *template.Template namespace: parse
// texts into it ({{define}}s included), execute any of them by name. Execution is
// re-entrant, so functions such as Helm's include can run templates of the same set.
import type { GoFunc, GoValue } from '../govalue/types.ts';
import { builtinFunctions, lazyBuiltins } from './builtins.ts';
import { Executor, TemplateExecError, type ExecEnvironment, type TreeSource } from './exec.ts';
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
  private readonly trees = new Map<string, TreeSource>();
  private readonly funcs: Record<string, GoFunc>;
  private readonly options: TemplateOptions;
  /** The set this one was cloned from: its trees show through where this one has none. */
  private readonly parent?: TemplateSet;

  constructor(options: TemplateOptions, parent?: TemplateSet) {
    this.options = options;
    // A clone's functions inherit the parent's, so cloning (once per tpl call) copies nothing.
    this.funcs = parent ? Object.create(parent.funcs) : { ...options.funcs };
    this.parent = parent;
  }

  addFuncs(funcs: Record<string, GoFunc>): void {
    Object.assign(this.funcs, funcs);
  }

  /** Parses `text` as template `name`; its {{define}}s join the set (an empty body never replaces a full one). */
  parse(name: string, text: string): void {
    const hasFunction = (fn: string) => fn in this.funcs || fn in builtinFunctions || lazyBuiltins.has(fn);
    const { trees } = parseTemplate(name, text, hasFunction, this.options.leftDelim, this.options.rightDelim);
    for (const [treeName, tree] of trees) {
      const existing = this.lookupTree(treeName);
      if (existing && treeName !== name && isEmptyTree(tree) && !isEmptyTree(existing.tree)) continue;
      this.trees.set(treeName, { tree, parseName: name, text });
    }
  }

  private lookupTree(name: string): TreeSource | undefined {
    return this.trees.get(name) ?? this.parent?.lookupTree(name);
  }

  has(name: string): boolean {
    return this.lookupTree(name) !== undefined;
  }

  /** What an executor asks of this set; one for all executions (include runs one per call). */
  private environment?: ExecEnvironment;

  execute(name: string, data: GoValue): string {
    this.environment ??= {
      lookupTree: (n) => this.lookupTree(n),
      lookupFunction: (n) => this.funcs[n] ?? builtinFunctions[n],
      missingKey: this.options.missingKey ?? 'default',
    };
    return new Executor(this.environment).run(name, data);
  }

  /**
   * A copy whose parses and functions do not reach this set (Helm's tpl parses into a clone).
   * It reads this set's trees and functions live, which is a copy as long as this set is not
   * parsed into afterwards: a render parses everything before it executes anything.
   */
  clone(): TemplateSet {
    return new TemplateSet(this.options, this);
  }
}
