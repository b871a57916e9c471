// Sprig's regular-expression functions with Go RE2 semantics (re2js), including
// Go's $1 / ${name} expansion in regexReplaceAll and regexp.Split's rules.
import { RE2JS } from 're2js';
import { goFunc, markSliceType, type GoFunc, type GoValue } from '../govalue/types.ts';
import { expectInt, expectString } from './arg-types.ts';
import { nativeMatcher, type Matcher } from './regex-native.ts';

type Compiled = Matcher;

/**
 * Compiled patterns: charts call the same few patterns many times, and compiling dominates.
 * A pattern the JavaScript engine reads as Go does runs natively; the rest through re2js.
 * `exactGroups`: the caller reads submatches (a native pattern's can differ under repetition).
 */
const compiled = new Map<string, Compiled>();
/** Drops every compiled pattern (after the executable's snapshot warm-up, scripts/snapshot-entry.ts). */
export const forgetCompiledPatterns = () => compiled.clear();

function compile(pattern: string, exactGroups = false): Compiled {
  const key = exactGroups ? `g${pattern}` : `m${pattern}`;
  let re = compiled.get(key);
  if (re === undefined) {
    re = nativeMatcher(pattern, exactGroups) ?? (RE2JS.compile(pattern).re2Input as Compiled);
    if (compiled.size >= 1024) compiled.clear();
    compiled.set(key, re);
  }
  return re;
}

/** Start/end pairs of up to n non-overlapping matches (n < 0: all), Go's FindAll rules. */
function matchIndexes(re: Compiled, s: string, n: number): number[][] {
  if (n === 0) return [];
  return (re.findAllSubmatchIndex(s, n) ?? []) as number[][];
}

function stringSlice(items: string[]): GoValue {
  return markSliceType(items, 'string');
}

function findAll(re: Compiled, s: string, n: number): GoValue {
  return stringSlice(matchIndexes(re, s, n).map((m) => s.slice(m[0], m[1])));
}

function find(re: Compiled, s: string): string {
  const m = matchIndexes(re, s, 1)[0];
  return m ? s.slice(m[0], m[1]) : '';
}

/** Go's Regexp.Split: n > 0 caps the number of pieces, n == 0 gives nil. */
function split(re: Compiled, pattern: string, s: string, n: number): GoValue {
  if (n === 0) return stringSlice([]);
  if (pattern.length > 0 && s.length === 0) return stringSlice(['']);
  const pieces: string[] = [];
  let begin = 0;
  let end = 0;
  for (const m of matchIndexes(re, s, n)) {
    if (n > 0 && pieces.length === n - 1) break;
    end = m[0];
    if (m[1] !== 0) pieces.push(s.slice(begin, end));
    begin = m[1];
  }
  if (end !== s.length) pieces.push(s.slice(begin));
  return stringSlice(pieces);
}

const NAME_CHAR = /[\p{L}\p{Nd}_]/u;
/** A letter, digit or '_'; ASCII from the code, so the Unicode class compiles only when needed. */
function isNameChar(ch: string): boolean {
  const code = ch.charCodeAt(0);
  if (code >= 0x80) return NAME_CHAR.test(ch);
  const lower = code | 32;
  return (lower >= 97 && lower <= 122) || (code >= 48 && code <= 57) || code === 95;
}

/**
 * Parses a group reference after '$' the way Go's regexp extract() does: a name of
 * letters, digits and '_' optionally in braces; all-digit names (no leading zero) are
 * group numbers. Returns undefined when no valid reference starts here.
 */
function parseGroupRef(template: string): { name: string; num: number; rest: string } | undefined {
  const braced = template.startsWith('{');
  let i = braced ? 1 : 0;
  const start = i;
  for (const ch of template.slice(start)) {
    if (!isNameChar(ch)) break;
    i += ch.length;
  }
  if (i === start) return undefined;
  const name = template.slice(start, i);
  if (braced) {
    if (template[i] !== '}') return undefined;
    i++;
  }
  const isNumber = /^[0-9]+$/.test(name) && !(name.length > 1 && name[0] === '0') && name.length <= 9;
  return { name, num: isNumber ? Number(name) : -1, rest: template.slice(i) };
}

/** Go's Regexp.expand: substitutes $n, ${n}, $name, ${name} and $$ in a replacement. */
function expand(re: Compiled, template: string, src: string, match: number[]): string {
  const groupNames = re.namedGroups as Record<string, number>;
  const group = (index: number): string =>
    2 * index + 1 < match.length && match[2 * index] >= 0 ? src.slice(match[2 * index], match[2 * index + 1]) : '';
  let out = '';
  let rest = template;
  for (;;) {
    const dollar = rest.indexOf('$');
    if (dollar < 0) break;
    out += rest.slice(0, dollar);
    rest = rest.slice(dollar + 1);
    if (rest.startsWith('$')) {
      out += '$';
      rest = rest.slice(1);
      continue;
    }
    const ref = parseGroupRef(rest);
    if (!ref) {
      out += '$';
      continue;
    }
    rest = ref.rest;
    if (ref.num >= 0) out += group(ref.num);
    else if (ref.name in groupNames) out += group(groupNames[ref.name]);
  }
  return out + rest;
}

function replaceAll(re: Compiled, s: string, replacement: (m: number[]) => string): string {
  let out = '';
  let last = 0;
  for (const m of matchIndexes(re, s, -1)) {
    out += s.slice(last, m[0]) + replacement(m);
    last = m[1];
  }
  return out + s.slice(last);
}

/** Go's regexp.QuoteMeta: backslash-escapes every byte in `\.+*?()|[]{}^$`. */
function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

type RegexImpl = (re: Compiled, pattern: string, args: GoValue[]) => GoValue;
type Compiler = (pattern: string, exactGroups?: boolean) => Compiled;

/** Go's regexp quote(): backquoted when possible, else a double-quoted literal. */
function goQuote(s: string): string {
  return /^[^`\x00-\x08\x0a-\x1f\x7f\ufeff]*$/.test(s) ? `\`${s}\`` : JSON.stringify(s);
}

/** regexp.MustCompile: Sprig's non-must functions panic with this message on a bad pattern. */
function mustCompile(pattern: string, exactGroups = false): Compiled {
  try {
    return compile(pattern, exactGroups);
  } catch (err) {
    throw new Error(`regexp: Compile(${goQuote(pattern)}): ${(err as Error).message}`);
  }
}

/** Defines `name` (bad pattern: MustCompile's panic) and `mustName` (the parse error). */
function regexPair(name: string, extraParams: number, impl: RegexImpl, readsGroups: (args: GoValue[]) => boolean = () => false): Record<string, GoFunc> {
  const mustName = `must${name[0].toUpperCase()}${name.slice(1)}`;
  const make = (fnName: string, compiler: Compiler) =>
    goFunc(fnName, (...args) => {
      const pattern = expectString(fnName, args[0]);
      const rest = args.slice(1);
      return impl(compiler(pattern, readsGroups(rest)), pattern, rest);
    }, { arity: 1 + extraParams });
  return { [name]: make(name, mustCompile), [mustName]: make(mustName, compile) };
}

export const regexFunctions: Record<string, GoFunc> = {
  // regexMatch swallows compile errors and reports no match; mustRegexMatch fails.
  regexMatch: goFunc('regexMatch', (pattern, s) => {
    const text = expectString('regexMatch', s);
    try {
      return compile(expectString('regexMatch', pattern)).match(text);
    } catch {
      return false;
    }
  }),
  mustRegexMatch: goFunc('mustRegexMatch', (pattern, s) =>
    compile(expectString('mustRegexMatch', pattern)).match(expectString('mustRegexMatch', s))),
  ...regexPair('regexFindAll', 2, (re, _p, [s, n]) =>
    findAll(re, expectString('regexFindAll', s), expectInt('regexFindAll', n))),
  ...regexPair('regexFind', 1, (re, _p, [s]) => find(re, expectString('regexFind', s))),
  ...regexPair('regexReplaceAll', 2, (re, _p, [s, repl]) => {
    const src = expectString('regexReplaceAll', s);
    const template = expectString('regexReplaceAll', repl);
    return replaceAll(re, src, (m) => expand(re, template, src, m));
  }, ([, repl]) => typeof repl !== 'string' || repl.includes('$')),
  ...regexPair('regexReplaceAllLiteral', 2, (re, _p, [s, repl]) => {
    const literal = expectString('regexReplaceAllLiteral', repl);
    return replaceAll(re, expectString('regexReplaceAllLiteral', s), () => literal);
  }),
  ...regexPair('regexSplit', 2, (re, pattern, [s, n]) =>
    split(re, pattern, expectString('regexSplit', s), expectInt('regexSplit', n))),
  regexQuoteMeta: goFunc('regexQuoteMeta', (s) => quoteMeta(expectString('regexQuoteMeta', s))),
};
