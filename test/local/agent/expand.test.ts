// $(VAR) expansion against the cases of the kubelet's own expansion tests (third_party/forked/golang/expansion).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandVars } from '../../../src/local/agent/expand.ts';

const vars: Record<string, string> = { VAR_A: 'A', VAR_B: 'B', VAR_C: 'C', VAR_REF: '$(VAR_A)', VAR_EMPTY: '' };
const lookup = (name: string) => vars[name];

const cases: [string, string][] = [
  ['$(VAR_A)', 'A'],
  ['$(VAR_A)-$(VAR_A)', 'A-A'],
  ['___$(VAR_B)___', '___B___'],
  ['$$(VAR_B)_$(VAR_A)', '$(VAR_B)_A'],
  ['f000-$$VAR_A', 'f000-$VAR_A'],
  ['foo\\$(VAR_C)bar', 'foo\\Cbar'],
  ['$(VAR_A$(VAR_B))', '$(VAR_A$(VAR_B))'],
  ['$(VAR_A$(VAR_B)', '$(VAR_A$(VAR_B)'],
  ['$(VAR_REF)', '$(VAR_A)'],
  ['foo$(VAR_EMPTY)bar', 'foobar'],
  ['foo$(VAR_Awhoops!', 'foo$(VAR_Awhoops!'],
  ['$?_boo_$!', '$?_boo_$!'],
  ['$VAR_A', '$VAR_A'],
  ['$(VAR_DNE)', '$(VAR_DNE)'],
  ['$$$$$$(BIG_MONEY)', '$$$(BIG_MONEY)'],
  ['$$$$$$(VAR_A)', '$$$(VAR_A)'],
  ['$$$$$$$(GOOD_ODDS)', '$$$$(GOOD_ODDS)'],
  ['$$$$$$$(VAR_A)', '$$$A'],
  ['${VAR_A}', '${VAR_A}'],
  ['$(VAR_B)_______$(A', 'B_______$(A'],
  ['$(VAR_C)_______$(', 'C_______$('],
  ['$(VAR_A)foobarzab$', 'Afoobarzab$'],
  ['--$($($($($--', '--$($($($($--'],
  ['$(foo$$var)', '$(foo$$var)'],
];

for (const [input, expected] of cases) {
  test(`expands ${JSON.stringify(input)} like the kubelet`, () => {
    assert.equal(expandVars(input, lookup), expected);
  });
}
