// Go RE2 patterns ("pattern", "patternProperties", format "regex"). Only whether a pattern
// matches somewhere matters, which backtracking and RE2 agree on; so a pattern built from
// constructs both engines read alike runs as a native RegExp (cheap to build), with Go's
// meaning of ".", "\s" and "$" spelled out. Anything else goes to re2js, which is exact but
// costs about a millisecond to compile.
import { RE2JS } from 're2js';

export interface GoPattern { test(s: string): boolean }

const cache = new Map<string, GoPattern | Error>();
/** Drops every compiled pattern (after the executable's snapshot warm-up, scripts/snapshot-entry.ts). */
export const forgetGoPatterns = () => cache.clear();

/** The compiled pattern, or the Go error ("error parsing regexp: ...") for an invalid one. */
export function goPattern(source: string): GoPattern | Error {
  let re = cache.get(source);
  if (re === undefined) {
    re = compile(source);
    cache.set(source, re);
  }
  return re;
}

function compile(source: string): GoPattern | Error {
  const native = nativeSource(source);
  if (native !== undefined) {
    try {
      return new RegExp(native, 'u');
    } catch {
      // Not valid JavaScript after all: re2js decides.
    }
  }
  try {
    return RE2JS.compile(source);
  } catch (err) {
    return err as Error;
  }
}

/** Validates a regular expression as Go's regexp.Compile does; the error text, or undefined. */
export function goRegexpError(source: string): string | undefined {
  try {
    RE2JS.compile(source);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

const SYNTAX = '^$\\.*+?()[]{}|/';
const CLASS_ESCAPES: Record<string, string> = { d: '0-9', w: '0-9A-Za-z_', s: '\\t\\n\\f\\r ' };
const ESCAPES: Record<string, string> = {
  d: '[0-9]', D: '[^0-9]', w: '[0-9A-Za-z_]', W: '[^0-9A-Za-z_]', s: '[\\t\\n\\f\\r ]', S: '[^\\t\\n\\f\\r ]',
  b: '\\b', B: '\\B', t: '\\t', n: '\\n', r: '\\r', f: '\\f', v: '\\v',
};

/** A punctuation character Go's pattern escapes, as unicode-mode JavaScript accepts it. */
function literal(ch: string, inClass: boolean): string {
  return SYNTAX.includes(ch) || (inClass && ch === '-') ? `\\${ch}` : `\\u{${ch.codePointAt(0)!.toString(16)}}`;
}

/** The pattern as JavaScript source with Go's meaning, or undefined when a construct might differ. */
function nativeSource(p: string): string | undefined {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const ch = p[i];
    if (ch === '\\') {
      const next = p[++i];
      if (next === undefined) return undefined;
      if (ESCAPES[next]) out += ESCAPES[next];
      else if (/[!-/:-@[-`{-~]/.test(next)) out += literal(next, false);
      else return undefined;
    } else if (ch === '.') out += '[^\\n]';
    else if (ch === '[') {
      const end = classSource(p, i);
      if (end === undefined) return undefined;
      out += end.source;
      i = end.end;
    } else if (ch === '(') {
      // Plain and non-capturing groups only: flags, names and lookarounds go to re2js.
      if (p[i + 1] === '?') {
        if (p[i + 2] !== ':') return undefined;
        out += '(?:';
        i += 2;
      } else out += '(';
    } else if (ch === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i));
      if (!m || Number(m[1]) > 1000 || (m[3] !== undefined && m[3] !== '' && Number(m[3]) > 1000)) return undefined;
      out += m[0];
      i += m[0].length - 1;
    } else if ('^$*+?|)'.includes(ch)) out += ch;
    else if (ch === ']' || ch === '}') return undefined;
    else out += ch === '/' ? '\\/' : ch;
  }
  return out;
}

/** A bracket expression from `start` ('['): its JavaScript source and the index of its ']'. */
function classSource(p: string, start: number): { source: string; end: number } | undefined {
  let i = start + 1;
  let out = '[';
  if (p[i] === '^') {
    out += '^';
    i++;
  }
  // Go takes a ']' first in the class literally.
  if (p[i] === ']') {
    out += '\\]';
    i++;
  }
  let afterClassEscape = false;
  for (; i < p.length; i++) {
    const ch = p[i];
    if (ch === ']') return out === '[' || out === '[^' ? undefined : { source: `${out}]`, end: i };
    if (ch === '[') return undefined;
    const wasClassEscape = afterClassEscape;
    afterClassEscape = false;
    if (ch === '\\') {
      const next = p[++i];
      if (next === undefined) return undefined;
      if (CLASS_ESCAPES[next]) {
        out += CLASS_ESCAPES[next];
        afterClassEscape = true;
      } else if ('tnrfv'.includes(next)) out += `\\${next}`;
      else if (/[!-/:-@[-`{-~]/.test(next)) out += literal(next, true);
      else return undefined;
    } else if (ch === '-') {
      const first = out === '[' || out === '[^';
      // Go rejects a range from a class like \d; a dash first or last is literal in both.
      if (wasClassEscape && p[i + 1] !== ']') return undefined;
      out += first || p[i + 1] === ']' ? '\\-' : '-';
    } else out += SYNTAX.includes(ch) ? `\\${ch}` : ch;
  }
  return undefined;
}
