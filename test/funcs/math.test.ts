// Differential tests of Sprig's math functions against helm: int64 results over cast
// conversions, float functions, decimal-exact *f functions and division by zero.
import { test } from 'node:test';
import { mathFunctions } from '../../src/funcs/math.ts';
import { NIL, bool, checkCalls, float, int, int64, str, type Call } from './call-cases.ts';

test('integer arithmetic matches helm', () => {
  const calls: Call[] = [
    ['add'], ['add', int(1), int(2)], ['add', int(1), float('2.9'), str('3'), bool(true), NIL, str('x')],
    ['add', int64(9223372036854775807n), int(1)], ['add1', float('1.5')], ['add1', str('08')],
    ['sub', int(5), int(7)], ['sub', float('10.9'), str('0x10')],
    ['mul', int(3)], ['mul', int(3), int(4), float('2.5')], ['mul', int64(4611686018427387904n), int(4)],
    ['div', int(7), int(2)], ['div', int(-7), int(2)], ['div', int(7), int(0)], ['div', float('7.5'), str('2')],
    ['mod', int(7), int(3)], ['mod', int(-7), int(3)], ['mod', int(1), NIL],
    ['max', int(1)], ['max', int(1), int(5), str('3')], ['biggest', int(-1), float('-0.5')],
    ['min', int(4), int(2), float('9.0')], ['min', str('a'), int(3)],
  ];
  checkCalls(mathFunctions, calls);
});

test('float functions match helm', () => {
  const calls: Call[] = [
    ['floor', float('1.5')], ['floor', float('-1.5')], ['floor', str('2.7')], ['ceil', float('1.2')], ['ceil', int(3)],
    ['ceil', str('x')], ['round', float('3.14159'), int(2)], ['round', float('2.5'), int(0)], ['round', float('-2.5'), int(0)],
    ['round', float('1.45'), int(1)], ['round', float('1.44'), int(1), float('0.4')], ['round', str('123.456'), int(-1)],
    ['round', float('1.5'), float('1.0')],
    ['maxf', float('1.5'), int(2), str('3.5')], ['minf', float('1.5'), int(-2), str('x')], ['maxf', float('-0.0'), float('0.0')],
    ['addf', float('0.1'), float('0.2')], ['addf'], ['add1f', float('0.1')], ['subf', float('1.0'), float('0.9'), float('0.05')],
    ['mulf', float('0.1'), float('3.0')], ['mulf', float('1.1'), int(3), str('2')], ['divf', int(1), int(3)],
    ['divf', float('10.0'), float('4.0')], ['divf', int(2), int(3)], ['divf', float('1e20'), int(7)], ['divf', float('1.5'), int(0)],
    ['divf', int(-1), int(6)], ['addf', float('1e-7'), float('1e22')],
  ];
  checkCalls(mathFunctions, calls);
});
