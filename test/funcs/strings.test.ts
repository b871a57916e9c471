// Differential tests of Sprig's string functions against helm: byte-based lengths
// (trunc, substr, abbrev), Go's unicode case rules, wrapping, quoting and splitting.
import { test } from 'node:test';
import { stringFunctions } from '../../src/funcs/strings.ts';
import { NIL, bool, checkCalls, dict, float, int, list, str, strings, type Call } from './call-cases.ts';

const texts = ['', 'hello world', '  padded\t\n', 'héllo wörld', 'ǆemal straße İstanbul', 'x_y-z 1st', '\u00a0nb\u2003sp\u0085', 'ABC def'];

test('case, trimming and whitespace functions match helm', () => {
  const calls: Call[] = [];
  for (const fn of ['trim', 'upper', 'lower', 'title', 'untitle', 'nospace', 'initials', 'swapcase']) {
    for (const t of texts) calls.push([fn, str(t)]);
  }
  calls.push(
    ['trimAll', str('$-'), str('$-$x$-y-$')], ['trimall', str('é'), str('ééaé')], ['trimPrefix', str('ab'), str('abab')],
    ['trimSuffix', str('ab'), str('abab')], ['trimSuffix', str(''), str('abc')], ['upper', int(1)],
  );
  checkCalls(stringFunctions, calls);
});

test('snakecase, kebabcase and camelcase match helm', () => {
  const words = ['FirstName', 'HTTPServer', 'NoHTTPS', 'GO_PATH', 'GO PATH', 'GO-PATH', 'http2xx', 'HTTP20xOK', 'Duration2m3s',
    'Bld4Floor3rd', 'some_words', 'http_server', '_complex__case_', 'GOLANG_IS_GREAT', 'a', '_', '__', 'x-', 'ÉtéÀ', 'hello.World!Now',
    'a1b2', 'A', 'AB', 'abC', 'foo  bar', '漢字Test', '9lives', 'v1.2.3', '', 'camelCase'];
  checkCalls(stringFunctions, ['snakecase', 'kebabcase', 'camelcase'].flatMap((fn) => words.map((w): Call => [fn, str(w)])));
});

test('byte-based substr, trunc, abbrev and abbrevboth match helm', () => {
  const s = 'héllo wörld, how are you';
  const calls: Call[] = [
    ['substr', int(0), int(5), str(s)], ['substr', int(1), int(2), str(s)], ['substr', int(-1), int(3), str(s)],
    ['substr', int(3), int(-1), str(s)], ['substr', int(3), int(99), str(s)], ['substr', int(5), int(2), str(s)],
    ['substr', int(-1), int(99), str('abc')], ['substr', int(9), int(-1), str('abc')], ['substr', int(4), int(5), str('abc')],
    ['trunc', int(5), str(s)], ['trunc', int(2), str(s)], ['trunc', int(-4), str(s)], ['trunc', int(-99), str(s)], ['trunc', int(0), str(s)],
    ['abbrev', int(5), str(s)], ['abbrev', int(3), str(s)], ['abbrev', int(100), str(s)], ['abbrev', int(4), str('')],
    ['abbrevboth', int(5), int(10), str(s)], ['abbrevboth', int(0), int(10), str(s)], ['abbrevboth', int(1), int(6), str(s)],
    ['abbrevboth', int(20), int(8), str(s)], ['abbrevboth', int(10), int(12), str('abcdefghijklmnopqrstuvwxyz')],
    ['repeat', int(3), str('ab')], ['repeat', int(0), str('ab')], ['repeat', int(-1), str('ab')], ['trunc', float('1.5'), str(s)],
  ];
  checkCalls(stringFunctions, calls);
});

test('wrap, indent, replace, plural and predicates match helm', () => {
  const long = 'The quick brown fox jumps over the lazy dog with a verylongunbreakablewordhere and more';
  const calls: Call[] = [
    ['wrap', int(10), str(long)], ['wrap', int(0), str('a b')], ['wrap', int(5), str('  lead spaces and  double')],
    ['wrap', int(80), str('short')], ['wrap', int(3), str('')],
    ['wrapWith', int(10), str('<br>'), str(long)], ['wrapWith', int(4), str('\n'), str('abcdefghij kl')],
    ['indent', int(2), str('a\nb\n')], ['nindent', int(4), str('x')], ['indent', int(0), str('y')], ['indent', int(-1), str('y')],
    ['replace', str('o'), str('0'), str('foo boo')], ['replace', str(''), str('-'), str('héy')], ['replace', str('x'), str('y'), str('')],
    ['plural', str('one'), str('many'), int(1)], ['plural', str('one'), str('many'), int(0)],
    ['contains', str('ll'), str('hello')], ['contains', str(''), str('')], ['hasPrefix', str('he'), str('hello')],
    ['hasSuffix', str('lo'), str('hello')], ['hasSuffix', str('x'), str('hello')],
  ];
  checkCalls(stringFunctions, calls);
});

test('quote, squote, cat, split, join and sortAlpha match helm', () => {
  const calls: Call[] = [
    ['quote', str('a"b\\c\n\té\u0001')], ['quote'], ['quote', int(1), NIL, float('1.5'), bool(true), list(str('x'))],
    ['squote', str("it's")], ['squote', int(1), NIL, dict(['a', int(1)])],
    ['cat', str('a'), int(1), NIL, str('b'), list(int(2))], ['cat'], ['cat', NIL],
    ['split', str(','), str('a,b,,c')], ['split', str(''), str('héy')], ['split', str(','), str('')],
    ['splitList', str(','), str('a,b,,c')], ['splitList', str(''), str('héy')], ['splitList', str('x'), str('')],
    ['splitn', str(','), int(2), str('a,b,c')], ['splitn', str(','), int(0), str('a,b')], ['splitn', str(','), int(-1), str('a,b')],
    ['splitn', str(''), int(2), str('abc')],
    ['join', str('-'), list(str('a'), int(1), NIL, float('2.5'))], ['join', str(','), strings('x', 'y')], ['join', str(','), str('solo')],
    ['join', str(','), NIL],
    ['sortAlpha', list(str('b'), str('a'), str('B'), int(10), int(9), str('é'), str('e'))], ['sortAlpha', strings('z', 'y')],
    ['sortAlpha', str('x')], ['sortAlpha', int(3)], ['sortAlpha', dict(['b', int(1)])],
  ];
  checkCalls(stringFunctions, calls, { untypedMaps: ['split', 'splitn'] });
});
