// Differential tests of Sprig's default and reflection functions against helm.
import { test } from 'node:test';
import { defaultFunctions } from '../../src/funcs/defaults.ts';
import { reflectionFunctions } from '../../src/funcs/reflection.ts';
import { NIL, bool, checkCalls, dict, float, int, int64, list, str, strings, type Arg, type Call } from './call-cases.ts';

const samples: Arg[] = [
  NIL, str(''), str('x'), int(0), int(2), int64(0), float('0.0'), float('-0.0'), float('1.5'), bool(false), bool(true),
  list(), list(NIL), dict(), dict(['a', NIL]), strings(), strings('a'),
];

test('empty, default, coalesce, all, any and ternary match helm', () => {
  const calls: Call[] = [
    ...samples.map((v): Call => ['empty', v]),
    ...samples.map((v): Call => ['default', str('fallback'), v]),
    ['default', str('d')],
    ['coalesce'], ['coalesce', NIL, str(''), int(0), list(), str('x'), int(1)], ['coalesce', NIL, bool(false)],
    ['all'], ['all', int(1), str('a')], ['all', int(1), str('')], ['any'], ['any', NIL, int(0)], ['any', NIL, float('0.5')],
    ['ternary', str('yes'), str('no'), bool(true)], ['ternary', str('yes'), int(0), bool(false)],
    ['ternary', str('yes'), str('no'), str('true')], ['ternary', str('yes'), str('no'), int(1)],
  ];
  checkCalls(defaultFunctions, calls);
});

test('typeOf, typeIs, typeIsLike, kindOf, kindIs and deepEqual match helm', () => {
  const calls: Call[] = [
    ...samples.map((v): Call => ['typeOf', v]),
    ...samples.map((v): Call => ['kindOf', v]),
    ['typeIs', str('int'), int(1)], ['typeIs', str('int64'), int(1)], ['typeIs', str('[]interface {}'), list()],
    ['typeIsLike', str('string'), str('x')], ['typeIsLike', str('float64'), int(1)],
    ['kindIs', str('map'), dict()], ['kindIs', str('slice'), strings('a')], ['kindIs', str('invalid'), NIL],
    ['typeIs', int(1), int(1)],
    ['deepEqual', int(1), int(1)], ['deepEqual', int(1), int64(1)], ['deepEqual', int(1), float('1.0')],
    ['deepEqual', list(int(1), str('a')), list(int(1), str('a'))], ['deepEqual', list(str('a')), strings('a')],
    ['deepEqual', dict(['a', list(int(1))]), dict(['a', list(int(1))])], ['deepEqual', dict(['a', int(1)]), dict(['a', int(2)])],
    ['deepEqual', NIL, NIL], ['deepEqual', NIL, str('')], ['deepEqual', dict(['a', NIL]), dict()],
  ];
  checkCalls(reflectionFunctions, calls);
});
