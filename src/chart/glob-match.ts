// Go's path/filepath.Match on '/'-separated names: '*' and '?' never cross '/', character
// classes with ranges and '^' negation, and backslash escapes. Used by .helmignore rules.

export class BadPatternError extends Error {
  constructor(pattern: string) {
    super(`syntax error in pattern`);
    this.name = 'BadPatternError';
    this.pattern = pattern;
  }
  readonly pattern: string;
}

/** Reports whether `name` matches the shell pattern; throws BadPatternError on a malformed pattern. */
export function globMatch(pattern: string, name: string): boolean {
  validatePattern(pattern);
  return matchFrom([...pattern], 0, [...name], 0);
}

function matchFrom(p: string[], pi: number, n: string[], ni: number): boolean {
  while (pi < p.length) {
    const c = p[pi];
    if (c === '*') {
      // Consecutive stars behave as one; a star matches any run of non-separators.
      while (p[pi] === '*') pi++;
      for (let end = ni; ; end++) {
        if (matchFrom(p, pi, n, end)) return true;
        if (end >= n.length || n[end] === '/') return false;
      }
    }
    if (ni >= n.length) return false;
    if (c === '?') {
      if (n[ni] === '/') return false;
      pi++; ni++;
      continue;
    }
    if (c === '[') {
      const cls = readClass(p, pi);
      if (n[ni] === '/' || cls.matches(n[ni]) === cls.negated) return false;
      pi = cls.end; ni++;
      continue;
    }
    let literal = c;
    if (c === '\\') literal = p[++pi];
    if (n[ni] !== literal) return false;
    pi++; ni++;
  }
  return ni === n.length;
}

interface CharClass { negated: boolean; end: number; matches(ch: string): boolean }

/** Parses `[...]` starting at p[start] === '['. */
function readClass(p: string[], start: number): CharClass {
  let i = start + 1;
  const negated = p[i] === '^';
  if (negated) i++;
  const ranges: Array<[number, number]> = [];
  let first = true;
  while (first || p[i] !== ']') {
    first = false;
    const lo = readClassChar(p, i);
    i = lo.next;
    let hi = lo;
    if (p[i] === '-') {
      hi = readClassChar(p, i + 1);
      i = hi.next;
    }
    ranges.push([lo.code, hi.code]);
  }
  return {
    negated,
    end: i + 1,
    matches: (ch) => {
      const code = ch.codePointAt(0)!;
      return ranges.some(([lo, hi]) => lo <= code && code <= hi);
    },
  };
}

function readClassChar(p: string[], i: number): { code: number; next: number } {
  let ch = p[i];
  if (ch === undefined || ch === '-' || ch === ']') throw new BadPatternError(p.join(''));
  if (ch === '\\') {
    i++;
    ch = p[i];
    if (ch === undefined) throw new BadPatternError(p.join(''));
  }
  return { code: ch.codePointAt(0)!, next: i + 1 };
}

/** Go reports ErrBadPattern for unterminated classes, bad ranges and a trailing backslash. */
function validatePattern(pattern: string): void {
  const p = [...pattern];
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '\\') {
      if (i + 1 >= p.length) throw new BadPatternError(pattern);
      i++;
    } else if (p[i] === '[') {
      const cls = readClass(p, i);
      if (cls.end > p.length) throw new BadPatternError(pattern);
      i = cls.end - 1;
    }
  }
}
