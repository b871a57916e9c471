// Differential tests of base/dir/clean/ext/isAbs and the os* variants against helm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathFunctions } from '../../src/funcs/paths.ts';
import { formatValue, helmEval, q } from './helm-eval.ts';

const inputs = [
  '', '.', '..', '/', '//', 'a', '/a', 'a/', 'a/b/c.txt', '/a/b/../c/./d.tar.gz', 'a//b', '../../x/../y',
  '/../a', 'a/../..', 'dir/.hidden', 'file.', 'x.y/z', '///a///b///', './a/./b/', 'a/b/..',
];

test('path functions render as helm renders them', () => {
  const calls = Object.keys(pathFunctions).flatMap((fn) => inputs.map((p) => [fn, p] as const));
  const expected = helmEval(calls.map(([fn, p]) => `{{ ${fn} ${q(p)} }}`));
  calls.forEach(([fn, p], i) => {
    assert.equal(formatValue(pathFunctions[fn].call([p])), expected[i], `${fn} ${JSON.stringify(p)}`);
  });
});
