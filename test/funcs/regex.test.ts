// Differential tests of the regex functions against helm's Sprig (Go RE2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { regexFunctions } from '../../src/funcs/regex.ts';
import { formatValue, helmError, helmEval, q } from './helm-eval.ts';
import type { GoValue } from '../../src/govalue/types.ts';

type Case = [fn: string, ...args: (string | bigint)[]];

const cases: Case[] = [
  ['regexMatch', '^[a-z]+\\[[0-9]+\\]$', 'adam[23]'],
  ['regexMatch', '(?i)HELLO', 'say hello'],
  ['regexMatch', 'a(', 'a('],
  ['mustRegexMatch', '^\\d+$', '12x'],
  ['regexFindAll', '[2,4,6,8]', '123456789', -1n],
  ['regexFindAll', '[2,4,6,8]', '123456789', 2n],
  ['regexFindAll', '[2,4,6,8]', '123456789', 0n],
  ['regexFindAll', 'a*', 'baaab', -1n],
  ['regexFindAll', '', 'héllo', -1n],
  ['regexFindAll', '\\p{Greek}+', 'abc αβγ def δ', -1n],
  ['mustRegexFindAll', 'x*', 'xxaxx', -1n],
  ['regexFind', '[a-zA-Z][1-9]', 'abcd1234'],
  ['regexFind', 'z', 'abcd'],
  ['mustRegexFind', '(a|ab)(c|bcd)', 'abcd'],
  ['regexReplaceAll', 'a(x*)b', '-ab-axxb-', '${1}W'],
  ['regexReplaceAll', 'a(x*)b', '-ab-axxb-', '$1W'],
  ['regexReplaceAll', 'a(?P<xs>x*)b', '-ab-axxb-', '<$xs>'],
  ['regexReplaceAll', 'a(?P<xs>x*)b', '-ab-axxb-', '${xs}$$${2}$'],
  ['regexReplaceAll', 'a(x*)b', '-ab-axxb-', '$01 ${1'],
  ['regexReplaceAll', 'x*', 'abc', '-'],
  ['regexReplaceAll', 'b*', 'abbbc', '[$0]'],
  ['regexReplaceAll', '(\\w+)@(\\w+)\\.com', 'joe@example.com, ann@test.com', '$2:$1'],
  ['mustRegexReplaceAll', 'é', 'café é', 'e'],
  ['regexReplaceAllLiteral', 'a(x*)b', '-ab-axxb-', '${1}'],
  ['mustRegexReplaceAllLiteral', '\\s+', 'a  b \t c', '$'],
  ['regexSplit', 'z+', 'pizza', -1n],
  ['regexSplit', 'z+', 'pizza', 1n],
  ['regexSplit', 'z+', 'pizza', 2n],
  ['regexSplit', 'z+', 'pizza', 0n],
  ['regexSplit', 'a*', 'abaabaccadaaae', 5n],
  ['regexSplit', '', 'abc', -1n],
  ['regexSplit', 'x', '', -1n],
  ['regexSplit', '', '', -1n],
  ['regexSplit', ',', ',a,,b,', -1n],
  ['mustRegexSplit', '\\d', 'a1b2c3', -1n],
  ['regexQuoteMeta', '1.5-2.0?[x]{y}(z)|^$\\+*'],
  ['regexQuoteMeta', 'plain text'],
  ['regexFind', '(?s)a.b', 'a\nb'],
  ['regexFind', 'a.b', 'a\nb'],
  ['regexFindAll', '\\pL+', 'héllo wörld 123', -1n],
  ['regexReplaceAll', '(?i)HELLO', 'Hello hello', 'x'],
  ['regexSplit', '\\b', 'ab cd', -1n],
  ['regexFind', '\\Aab\\z', 'ab'],
  ['regexReplaceAll', '(?m)^', 'a\nb', '> '],
  ['regexFind', '[[:alpha:]]+', '12abc'],
  ['regexReplaceAll', '(?U)a+', 'aaa', 'x'],
  ['regexFindAll', '(a+)(b)?', 'aab ab a', -1n],
  ['regexReplaceAll', '(a)|(b)', 'ab', '[$1|$2]'],
  ['regexFindAll', '😀|é', 'x😀yéz😀', -1n],
  // Patterns the JavaScript engine runs natively (src/funcs/regex-native.ts): where its
  // reading differs from Go's, the translation spells Go's out.
  ['regexReplaceAll', '[^a-zA-Z0-9-_.]+', 'a/b:c@d[e]f^g.h-i_j', '-'],
  ['regexFindAll', '[0-9-_]', '5-/.:A[^_z', -1n],
  ['regexFindAll', '\\s+', 'a\u00a0b\vc\u2003d \t\ne', -1n],
  ['regexFindAll', '[\\s\\d]+', 'a\u00a0 1\r2', -1n],
  ['regexFindAll', '.', 'a\rb\n\u2028c', -1n],
  ['regexFindAll', '[]a]+|[^]a]', ']a]xa', -1n],
  ['regexFindAll', 'a*?', 'aab', -1n],
  ['regexFindAll', '(?:\\S*?\\$?|\\s+?)?', 'a\nb\n', -1n],
  ['regexReplaceAll', '(-?[^a-z\\d\\-])+-?', 'Ab--C_d', '$1'],
  ['regexReplaceAll', '(a|(b))+', 'ab', '[$1|$2]'],
  ['regexReplaceAll', 'x{2}|{|}|x{,2}|]', 'xxx{,2}{}]', '#'],
  ['regexSplit', '\\b|-', 'ab-cd', -1n],
  ['regexMatch', '^([0-9]+)(\\.[0-9]+)?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?$', '1.2-rc.1'],
  ['regexFind', 'v\\d+\\.\\d+\\.\\d+', 'image:v1.25.3-debian'],
  ['regexFindAll', '\\W', 'a-b c_é', -1n],
];

function source([fn, ...args]: Case): string {
  return `{{ ${fn} ${args.map((a) => (typeof a === 'string' ? q(a) : String(a))).join(' ')} }}`;
}

test('regex functions render as helm renders them', () => {
  const expected = helmEval(cases.map(source));
  cases.forEach(([fn, ...args], i) => {
    const actual = formatValue(regexFunctions[fn].call(args as GoValue[]));
    assert.equal(actual, expected[i], source(cases[i]));
  });
});

test('must variants fail on an invalid pattern with the parse error, others with the MustCompile panic', () => {
  for (const fn of ['mustRegexFind', 'regexFind', 'mustRegexMatch']) {
    const helmMessage = helmError(`{{ ${fn} "a(" "x" }}`);
    assert.ok(helmMessage, `${fn} should fail in helm`);
    assert.throws(() => regexFunctions[fn].call(['a(', 'x']), (err: Error) => {
      assert.ok(helmMessage.includes(err.message), `helm said: ${helmMessage}\nwe said: ${err.message}`);
      return true;
    });
  }
});

test('regexMatch reports false for an invalid pattern, as helm does', () => {
  assert.deepEqual(helmEval(['{{ regexMatch "a(" "a(" }}']), ['false']);
  assert.equal(regexFunctions.regexMatch.call(['a(', 'a(']), false);
});

test('an int argument given as float64 is rejected', () => {
  assert.throws(() => regexFunctions.regexFindAll.call(['a', 'aaa', 1]), /expected int; got float64/);
});
