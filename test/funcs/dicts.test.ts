// Differential tests of Sprig's dict functions against helm, including mergo's merge
// rules (which destination values count as empty, nested maps, nil sources).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dictFunctions } from '../../src/funcs/dicts.ts';
import { stringFunctions } from '../../src/funcs/strings.ts';
import { sprint } from '../../src/gofmt/fmt.ts';
import { markSliceType, type GoMap, type GoValue } from '../../src/govalue/types.ts';
import { helmEval } from './helm-eval.ts';
import { NIL, bool, checkCalls, dict, float, int, list, str, strings, type Call } from './call-cases.ts';

const d = dict(['a', int(1)], ['b', str('two')], ['c', NIL], ['n', dict(['x', int(1)], ['y', list(str('p'))])]);

test('dict accessors match helm', () => {
  const calls: Call[] = [
    ['dict'], ['dict', str('k')], ['dict', str('a'), int(1), int(2), str('b'), NIL, float('1.5')],
    ['get', d, str('a')], ['get', d, str('zz')], ['get', d, str('c')], ['get', str('x'), str('a')],
    ['set', d, str('z'), list()], ['unset', d, str('a')], ['unset', d, str('nope')],
    ['hasKey', d, str('c')], ['hasKey', d, str('q')],
    ['pluck', str('a'), d, dict(['a', str('x')]), dict()], ['pluck', str('q'), d],
    ['keys', dict(['only', int(1)])], ['keys'], ['values', dict(['k', list(int(1))])],
    ['pick', d, str('a'), str('c'), str('missing')], ['omit', d, str('a'), str('n')], ['pick', d],
    ['dig', str('n'), str('x'), str('def'), d], ['dig', str('n'), str('q'), str('def'), d], ['dig', str('a'), str('def'), d],
    ['dig', str('a'), str('b'), str('def'), d], ['dig', str('c'), str('b'), str('def'), d], ['dig', str('a'), d],
    ['dig', int(1), str('def'), d],
    ['deepCopy', d], ['deepCopy', strings('a')], ['deepCopy', NIL], ['mustDeepCopy', NIL], ['mustDeepCopy', int(3)], ['deepCopy', list(NIL, dict(['a', NIL]))],
  ];
  checkCalls(dictFunctions, calls);
});

test('merge and mergeOverwrite follow mergo as helm does', () => {
  const dst = () => dict(
    ['s', str('keep')], ['empty', str('')], ['f', bool(false)], ['zero', int(0)], ['nil', NIL], ['l', list(int(1))],
    ['el', list()], ['m', dict(['x', int(1)], ['e', str('')])], ['em', dict()], ['scalar', str('v')], ['mapv', dict(['k', int(1)])],
  );
  const src = dict(
    ['s', str('new')], ['empty', str('filled')], ['f', bool(true)], ['zero', int(5)], ['nil', str('set')], ['l', list(int(2))],
    ['el', list(int(3))], ['m', dict(['x', int(2)], ['e', str('e2')], ['y', NIL])], ['em', dict(['q', int(1)])],
    ['scalar', dict(['k', int(2)])], ['mapv', str('flat')], ['added', int(9)], ['addedNil', NIL],
  );
  const emptySrc = dict(['s', str('')], ['f', bool(false)], ['l', list()], ['m', dict()], ['nil', NIL]);
  const calls: Call[] = [
    ['merge', dst(), src], ['mergeOverwrite', dst(), src], ['merge', dst(), emptySrc], ['mergeOverwrite', dst(), emptySrc],
    ['merge', dict(['a', int(1)]), dict(['a', int(2), ]), dict(['b', int(3)])], ['mustMerge', dict(), d],
    ['mustMergeOverwrite', d, dict(['a', NIL])], ['merge', d], ['merge', d, str('x')],
  ];
  checkCalls(dictFunctions, calls);
});

test('merge, mergeOverwrite, set and unset mutate their destination as in helm', () => {
  const expected = helmEval([
    '{{- $d := dict "a" "" "n" (dict "x" 1) -}}{{- $_ := merge $d (dict "a" "s" "b" 2 "n" (dict "y" 3)) -}}{{ $d }}',
    '{{- $d := dict "a" 1 -}}{{- $_ := mergeOverwrite $d (dict "a" 2) -}}{{ $d }}',
    '{{- $d := dict "a" 1 -}}{{- $_ := set $d "b" 2 -}}{{- $_ := unset $d "a" -}}{{ $d }}',
    '{{- $l := list "b" "a" -}}{{- $_ := sortAlpha $l -}}{{ $l }}',
    '{{- $l := splitList "," "b,a" -}}{{- $_ := sortAlpha $l -}}{{ $l }}',
  ]);
  const merged: GoMap = { a: '', n: { x: 1n } };
  dictFunctions.merge.call([merged, { a: 's', b: 2n, n: { y: 3n } }]);
  const overwritten: GoMap = { a: 1n };
  dictFunctions.mergeOverwrite.call([overwritten, { a: 2n }]);
  const edited: GoMap = { a: 1n };
  dictFunctions.set.call([edited, 'b', 2n]);
  dictFunctions.unset.call([edited, 'a']);
  const unsorted: GoValue[] = ['b', 'a'];
  stringFunctions.sortAlpha.call([unsorted]);
  const strs = markSliceType(['b', 'a'], 'string');
  stringFunctions.sortAlpha.call([strs]);
  assert.deepEqual([merged, overwritten, edited, unsorted, strs].map((v) => sprint(v)), expected);
});
