// Differential tests of Sprig's conversion functions (cast semantics) against helm.
import { test } from 'node:test';
import { conversionFunctions } from '../../src/funcs/conversion.ts';
import { NIL, bool, checkCalls, dict, float, int, int64, list, str, strings, type Call } from './call-cases.ts';

const numericInputs = [
  str('42'), str('-7'), str('08'), str('010'), str('0x1F'), str('0b101'), str('0o17'), str('1_000'), str('_1'),
  str('10.0'), str('10.00'), str('10.5'), str('1e3'), str(' 5'), str(''), str('abc'), str('+3'),
  str('9223372036854775807'), str('9223372036854775808'), str('-9223372036854775808'), str('inf'), str('NaN'),
  str('0x1p-2'), str('.5'), str('5.'), str('1_0.5'),
  float('3.99'), float('-3.99'), float('1e20'), float('0.0'), int(12), int64(-9), bool(true), bool(false), NIL,
  list(int(1)), dict(['a', int(1)]),
];

test('int, int64, float64 and toDecimal follow cast and strconv as helm does', () => {
  const calls: Call[] = [];
  for (const fn of ['int', 'int64', 'float64', 'toDecimal']) {
    for (const v of numericInputs) calls.push([fn, v]);
  }
  checkCalls(conversionFunctions, calls);
});

test('atoi parses decimal only and ignores errors', () => {
  checkCalls(conversionFunctions, ['42', '-42', '+7', '08', '0x10', '1_000', '', 'x', '99999999999999999999', '-99999999999999999999', '1.5']
    .map((s): Call => ['atoi', str(s)]).concat([['atoi', int(5)]]));
});

test('toString and toStrings print values as Sprig does', () => {
  const values = [str('x'), int(3), int64(4), float('1.5'), float('1e6'), bool(true), NIL, list(int(1), str('a'), NIL),
    dict(['k', list(str('v'))]), strings('a', 'b')];
  checkCalls(conversionFunctions, [
    ...values.map((v): Call => ['toString', v]),
    ...values.map((v): Call => ['toStrings', v]),
  ]);
});
