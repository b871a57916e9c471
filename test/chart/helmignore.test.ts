// Unit tests of Go's filepath.Match semantics and .helmignore rule evaluation.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BadPatternError, globMatch } from '../../src/chart/glob-match.ts';
import { IgnoreRules } from '../../src/chart/helmignore.ts';

describe('globMatch follows Go filepath.Match', () => {
  const cases: Array<[string, string, boolean]> = [
    ['*.txt', 'a.txt', true], ['*.txt', 'dir/a.txt', false], ['*', '', true], ['a*', 'a/b', false],
    ['a?c', 'abc', true], ['a?c', 'a/c', false], ['[a-c]x', 'bx', true], ['[^a-c]x', 'bx', false],
    ['[!a]', 'b', false], ['\\*', '*', true], ['a\\*b', 'ab', false], ['*/*.md', 'docs/x.md', true],
    ['[\\]]', ']', true], ['ä?', 'äö', true],
  ];
  for (const [pattern, name, want] of cases) {
    test(`${pattern} ~ ${name}`, () => assert.equal(globMatch(pattern, name), want));
  }
  for (const bad of ['[', '[a-', 'a\\', '[]a]', '[a-]']) {
    test(`malformed ${bad}`, () => assert.throws(() => globMatch(bad, 'abc'), BadPatternError));
  }
});

describe('IgnoreRules', () => {
  test('first decision wins, negation ignores what it does not match', () => {
    const rules = IgnoreRules.parse('*.bak\n!keep.txt\n');
    assert.equal(rules.ignores('x.bak', false), true);
    assert.equal(rules.ignores('keep.txt', false), false);
    assert.equal(rules.ignores('other.txt', false), true);
  });
  test('directory rules apply to directories only; anchored rules to the root', () => {
    const rules = IgnoreRules.parse('build/\n/top.txt\n');
    assert.equal(rules.ignores('build', true), true);
    assert.equal(rules.ignores('build', false), false);
    assert.equal(rules.ignores('top.txt', false), true);
    assert.equal(rules.ignores('sub/top.txt', false), false);
  });
  test('defaults hide dotfiles in templates/ only', () => {
    const rules = new IgnoreRules();
    rules.addDefaults();
    assert.equal(rules.ignores('templates/.x.yaml', false), true);
    assert.equal(rules.ignores('.env', false), false);
  });
  test('double star is refused, naming the file', () => {
    assert.throws(() => IgnoreRules.parse('a/**/b\n', 'chart/.helmignore'), /chart\/\.helmignore: .*double-star \(\*\*\) syntax is not supported/);
  });
});
