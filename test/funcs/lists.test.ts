// Differential tests of Sprig's list functions against helm, including the errors
// they raise for non-list operands and nil.
import { test } from 'node:test';
import { listFunctions } from '../../src/funcs/lists.ts';
import { NIL, bool, checkCalls, dict, float, int, int64, list, str, strings, type Call } from './call-cases.ts';

const abc = list(str('a'), str('b'), str('c'));
const mixed = list(int(1), str('1'), float('1.0'), int(1), NIL, str(''), list(int(1)), list(int(1)), bool(false), dict());

test('accessors and builders match helm', () => {
  const calls: Call[] = [];
  for (const fn of ['first', 'rest', 'last', 'initial', 'reverse', 'uniq', 'compact']) {
    for (const l of [abc, list(), mixed, strings('x', 'y'), str('abc'), int(3), dict(['a', int(1)])]) calls.push([fn, l]);
    calls.push([`must${fn[0].toUpperCase()}${fn.slice(1)}`, abc], [`must${fn[0].toUpperCase()}${fn.slice(1)}`, str('s')]);
  }
  calls.push(
    ['list'], ['list', int(1), NIL, str('a')], ['tuple', int(1)],
    ['append', abc, str('d')], ['push', strings('x'), int(1)], ['append', str('x'), int(1)], ['mustPush', int(1), int(2)],
    ['prepend', abc, NIL], ['mustPrepend', dict(), int(1)],
    ['concat'], ['concat', abc, strings('x'), list()], ['concat', abc, str('x')],
    ['without', mixed, int(1), NIL], ['without', abc], ['mustWithout', str('x'), int(1)],
    ['has', int(1), mixed], ['has', int64(1), mixed], ['has', str('z'), abc], ['has', str('a'), NIL], ['has', str('a'), str('abc')],
    ['mustHas', list(int(1)), mixed], ['first', NIL], ['concat', abc, NIL], ['append', NIL, int(1)],
  );
  checkCalls(listFunctions, calls);
});

test('slice, chunk, until, untilStep and seq match helm', () => {
  const calls: Call[] = [
    ['slice', abc], ['slice', abc, int(1)], ['slice', abc, int(1), int(2)], ['slice', abc, str('1'), float('3.0')],
    ['slice', strings('x', 'y', 'z'), int(2)], ['slice', list()], ['slice', abc, int(2), int(1)], ['slice', abc, int(0), int(9)],
    ['slice', str('abc'), int(1)], ['mustSlice', abc, int(-1)],
    ['chunk', int(2), list(int(1), int(2), int(3), int(4), int(5))], ['chunk', int(3), abc], ['chunk', int(5), list()],
    ['chunk', int(2), str('x')], ['mustChunk', int(1), strings('p', 'q')],
    ['until', int(5)], ['until', int(-3)], ['until', int(0)],
    ['untilStep', int(0), int(10), int(3)], ['untilStep', int(10), int(0), int(-4)], ['untilStep', int(0), int(5), int(-1)],
    ['untilStep', int(5), int(0), int(1)], ['untilStep', int(0), int(3), int(0)],
    ['seq'], ['seq', int(3)], ['seq', int(0)], ['seq', int(-2)], ['seq', int(2), int(5)], ['seq', int(5), int(2)],
    ['seq', int(1), int(2), int(10)], ['seq', int(10), int(-3), int(1)], ['seq', int(10), int(-3), int(-4)], ['seq', int(1), int(3), int(0)],
    ['seq', int(1), int(2), int(3), int(4)],
  ];
  checkCalls(listFunctions, calls);
});
