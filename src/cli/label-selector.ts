// Kubernetes label selectors as `helm list -l` reads them (k8s.io/apimachinery labels.Parse):
// key=value, key==value, key!=value, key, !key, key in (a,b), key notin (a,b), comma-joined.
type Requirement = (labels: Record<string, string>) => boolean;

const keyPattern = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;

/** Splits on commas that are not inside a set's parentheses. */
function terms(selector: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  out.push(current);
  return out.map((t) => t.trim()).filter((t) => t !== '');
}

function checkedKey(key: string, selector: string): string {
  if (!keyPattern.test(key)) throw new Error(`unable to parse requirement: invalid label key "${key}" in selector "${selector}"`);
  return key;
}

function requirement(term: string, selector: string): Requirement {
  const set = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
  if (set) {
    const key = checkedKey(set[1], selector);
    const values = set[3].split(',').map((v) => v.trim());
    return set[2] === 'in' ? (l) => key in l && values.includes(l[key]) : (l) => !(key in l) || !values.includes(l[key]);
  }
  const compare = /^([^!=\s]+)\s*(==|!=|=)\s*(\S*)$/.exec(term);
  if (compare) {
    const key = checkedKey(compare[1], selector);
    const value = compare[3];
    return compare[2] === '!=' ? (l) => l[key] !== value : (l) => l[key] === value;
  }
  if (term.startsWith('!')) {
    const key = checkedKey(term.slice(1).trim(), selector);
    return (l) => !(key in l);
  }
  const key = checkedKey(term, selector);
  return (l) => key in l;
}

/** A predicate over a label set; an empty selector matches everything. */
export function parseLabelSelector(selector: string): (labels: Record<string, string>) => boolean {
  const requirements = terms(selector).map((t) => requirement(t, selector));
  return (labels) => requirements.every((r) => r(labels));
}
