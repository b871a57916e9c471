// .helmignore rules as Helm's pkg/ignore applies them when loading a chart directory:
// one glob per line, '#' comments, '!' negation, trailing '/' for directories only,
// leading '/' anchors at the chart root, patterns without '/' match the base name.
import { BadPatternError, globMatch } from './glob-match.ts';

export const HELMIGNORE_FILE = '.helmignore';

interface IgnoreRule {
  raw: string;
  glob: string;
  negate: boolean;
  dirOnly: boolean;
  /** Patterns without a slash are matched against the last path element only. */
  baseNameOnly: boolean;
}

export class IgnoreRules {
  readonly rules: IgnoreRule[] = [];

  /** Parses the text of a .helmignore file; `source` names it in errors. */
  static parse(text: string, source = HELMIGNORE_FILE): IgnoreRules {
    const rules = new IgnoreRules();
    for (const line of text.split(/\r?\n/)) rules.addRule(line, source);
    return rules;
  }

  /** Helm always ignores dotfiles inside templates/. */
  addDefaults(): void {
    this.addRule('templates/.?*', 'built-in rules');
  }

  addRule(line: string, source: string): void {
    let rule = line.trim();
    if (rule === '' || rule.startsWith('#')) return;
    if (rule.includes('**')) {
      throw new Error(`${source}: rule ${JSON.stringify(rule)}: double-star (**) syntax is not supported`);
    }
    try {
      globMatch(rule, 'abc');
    } catch (err) {
      if (err instanceof BadPatternError) {
        throw new Error(`${source}: rule ${JSON.stringify(rule)}: syntax error in pattern`);
      }
      throw err;
    }
    const raw = rule;
    const negate = rule.startsWith('!');
    if (negate) rule = rule.slice(1);
    const dirOnly = rule.endsWith('/');
    if (dirOnly) rule = rule.slice(0, -1);
    const anchored = rule.startsWith('/');
    if (anchored) rule = rule.slice(1);
    this.rules.push({ raw, glob: rule, negate, dirOnly, baseNameOnly: !anchored && !rule.includes('/') });
  }

  /**
   * Whether the chart-relative path (forward slashes) is ignored. Rules are tried in
   * order and the first decision wins; a negated rule that does not match ignores.
   */
  ignores(path: string, isDir: boolean): boolean {
    if (path === '' || path === '.' || path === './') return false;
    for (const rule of this.rules) {
      const matched = () => globMatchSafe(rule.glob, rule.baseNameOnly ? baseName(path) : path);
      if (rule.negate) {
        if (rule.dirOnly && !isDir) return true;
        if (!matched()) return true;
        continue;
      }
      if (rule.dirOnly && !isDir) continue;
      if (matched()) return true;
    }
    return false;
  }
}

function globMatchSafe(glob: string, name: string): boolean {
  try {
    return globMatch(glob, name);
  } catch {
    return false;
  }
}

/** Go's filepath.Base for '/'-separated paths. */
function baseName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}
