// Differential tests of semver and semverCompare against helm (Masterminds/semver v3).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { semverFunctions, semverSatisfies, SemverVersion } from '../../src/funcs/semver.ts';
import { helmError, helmEval, q } from './helm-eval.ts';
import { isGoObject, type GoValue } from '../../src/govalue/types.ts';

const constraints = [
  '1.2.3', '=1.2.3', '!=1.2.3', '>1.2.3', '<1.2.3', '>=1.2.3', '<=1.2.3', '=>1.2', '=<1.2',
  '~1.2.3', '~1.2', '~1', '~>1.2.3', '~0.0.0', '~0', '~1.x', '^1.2.3', '^1.2', '^1', '^0.2.3', '^0.2', '^0.0.3',
  '^0.0', '^0', '^0.x', '1.x', '1.2.x', '*', 'x', '1.*.*', '>1', '>1.2', '>1.x', '<1.x', '<=1.x', '<=1.2.x', '!=1.x',
  '!=1.2.x', '>= 1.2, < 3.0.0', '>= 1.2 < 3', '>=1.2 <3 || >=5', '1.2 - 1.4.5', '1.2.3 - 2', 'v1.2.3', '>=1.2.3-alpha',
  '>=1.2.3-0', '^1.2.3-beta.2', '~1.2.3-beta', '>1.2.3-alpha.1, <1.2.4', '!=1.2.3-beta', '>= 1.0.0-0 < 2.0.0-0',
  '<2.0.0-0', '>=1.2.3 || 1.x-beta', '1.2.x-alpha', '!=1.2.x-alpha',
];
const versions = [
  '0.0.0', '0.0.3', '0.0.4', '0.1.0', '0.2.3', '0.2.9', '0.3.0', '1.0.0', '1.2.0', '1.2.3', '1.2.4', '1.3.0', '1.4.5',
  '1.4.6', '2.0.0', '2.9.9', '3.0.0', '5.1.0', 'v1.2.3', '1.2', '1', '1.2.3-alpha', '1.2.3-alpha.1', '1.2.3-beta',
  '1.2.3-beta.2', '1.2.3-beta.11', '1.2.4-rc.1', '2.0.0-rc.1', '1.2.3+build.5', '1.2.3-0',
];

test('semverCompare agrees with helm across constraints and versions', () => {
  const pairs = constraints.flatMap((c) => versions.map((v) => [c, v] as const));
  const expected = helmEval(pairs.map(([c, v]) => `{{ semverCompare ${q(c)} ${q(v)} }}`));
  const mismatches = pairs.flatMap(([c, v], i) => {
    const ours = String(semverFunctions.semverCompare.call([c, v]));
    return ours === expected[i] ? [] : [`semverCompare ${JSON.stringify(c)} ${JSON.stringify(v)}: helm ${expected[i]}, ours ${ours}`];
  });
  assert.deepEqual(mismatches, []);
  assert.equal(semverSatisfies('>=1.20.0-0', '1.29.3'), true);
});

test('invalid constraints and versions fail with the messages helm gives', () => {
  const cases: [string, string][] = [['>>1', '1.0.0'], ['1.2.3', 'not-a-version'], ['', '1.0.0'], ['>1 |', '1.0.0'],
    ['1.2', '1.2.3-01'], ['1', '99999999999999999999.0.0'], ['1', '1.0.0+a_b'], ['1.x-0a_', '1.0.0']];
  for (const [c, v] of cases) {
    const helm = helmError(`{{ semverCompare ${q(c)} ${q(v)} }}`);
    assert.ok(helm, `helm should reject ${c} / ${v}`);
    assert.throws(() => semverFunctions.semverCompare.call([c, v]), (err: Error) => {
      assert.ok(helm.includes(`error calling semverCompare: ${err.message}`), `helm: ${helm}\nours: ${err.message}`);
      return true;
    });
  }
  assert.throws(() => semverSatisfies('>>1', '1.0.0'), /invalid semver constraint ">>1": improper constraint/);
});

function callMethod(obj: GoValue, name: string, args: GoValue[] = []): GoValue {
  assert.ok(isGoObject(obj));
  const m = obj.method(name);
  assert.ok(m, `method ${name}`);
  return m.call(args);
}

function show(v: GoValue): string {
  if (isGoObject(v)) return v.format();
  if (typeof v === 'object' && v !== null && 'value' in v) return String(v.value);
  return String(v);
}

test('semver objects expose the methods and printing helm gives them', () => {
  const inputs = ['1.2.3', 'v1.2.3-beta.1+meta.7', '2', '0.3', '1.2.3-rc.1'];
  const methods = ['Major', 'Minor', 'Patch', 'Prerelease', 'Metadata', 'Original', 'String', 'IncMajor', 'IncMinor', 'IncPatch'];
  const snippets = inputs.flatMap((v) => [
    `{{ semver ${q(v)} }}`,
    ...methods.map((m) => `{{ (semver ${q(v)}).${m} }}`),
    `{{ (semver ${q(v)}).Compare (semver "1.2.3") }}`,
    `{{ (semver ${q(v)}).LessThan (semver "1.2.3") }}`,
    `{{ (semver ${q(v)}).SetPrerelease "pre.1" }}`,
    `{{ ((semver ${q(v)}).SetMetadata "m").String }}`,
  ]);
  const expected = helmEval(snippets);
  const ours = inputs.flatMap((v) => {
    const sv = semverFunctions.semver.call([v]);
    const other = semverFunctions.semver.call(['1.2.3']);
    return [
      show(sv),
      ...methods.map((m) => show(callMethod(sv, m))),
      show(callMethod(sv, 'Compare', [other])),
      show(callMethod(sv, 'LessThan', [other])),
      show(callMethod(sv, 'SetPrerelease', ['pre.1'])),
      show(callMethod(callMethod(sv, 'SetMetadata', ['m']), 'String')),
    ];
  });
  assert.deepEqual(ours, expected);
  const derived = callMethod(semverFunctions.semver.call(['1.0.0']), 'IncMinor');
  assert.ok(isGoObject(derived) && derived.method('Original') === undefined, 'a Version value has no Original');
  assert.ok(SemverVersion.parse('1.0.0').compare(SemverVersion.parse('1.0.0-rc.1')) > 0);
});
