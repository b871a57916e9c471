// The serialization template functions against helm: names, argument checks, and the
// shapes Helm gives results and failures (an "Error" key, a one-element list, "").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serializationFunctions as fns } from '../../src/funcs/serialization.ts';
import { goJsonMarshal } from '../../src/codec/go-json.ts';
import { goTypeName } from '../../src/funcs/arg-types.ts';
import { GoInteger, markSliceType, type GoValue } from '../../src/govalue/types.ts';
import { dateFunctions } from '../../src/funcs/dates.ts';
import { helmError, helmEval, q } from './helm-eval.ts';

test('every function is one helm defines, under its own name', () => {
  for (const [name, fn] of Object.entries(fns)) assert.equal(fn.name, name);
  const all = Object.keys(fns).map((name) => `{{ if false }}{{ ${name} }}{{ end }}`).join('');
  assert.equal(helmError(all), undefined);
  assert.equal(Object.keys(fns).length, 16);
});

const yamlDocs = ['a: 1\nb: [x, {c: yes}]\n', '- 1\n- two\n', 'just text', '', 'a: b: c\n', '~', 'a: *x\n'];
// fromJson "null" is left out: Go gives a nil map there, which GoValue cannot tell from an empty one.
const jsonDocs = ['{"a": [1, "x"]}', '[1, {"b": null}]', '"s"', '3', '{"a": }', ''];

/** What a template sees: the value's JSON and its Go type. */
function shown(v: GoValue): string {
  return `${goJsonMarshal(v)}|${goTypeName(v)}`;
}

test('fromYaml, fromYamlArray, fromJson, fromJsonArray and mustFromJson results and failures', () => {
  const cases: [string, string][] = [
    ...yamlDocs.flatMap((d) => [['fromYaml', d], ['fromYamlArray', d]] as [string, string][]),
    ...jsonDocs.flatMap((d) => [['fromJson', d], ['fromJsonArray', d]] as [string, string][]),
  ];
  const helm = helmEval(cases.map(([fn, doc]) => `{{ $v := ${fn} ${q(doc)} }}{{ toJson $v }}|{{ typeOf $v }}`));
  cases.forEach(([fn, doc], i) => assert.equal(shown(fns[fn].call([doc])), helm[i], `${fn} ${JSON.stringify(doc)}`));
});

test('mustFromJson returns any JSON value and fails on bad input', () => {
  const good = ['{"a": 1}', '[1]', '"s"', '2.5', 'true'];
  const helm = helmEval(good.map((doc) => `{{ toJson (mustFromJson ${q(doc)}) }}`));
  good.forEach((doc, i) => assert.equal(goJsonMarshal(fns.mustFromJson.call([doc])), helm[i], doc));
  const err = helmError(`{{ mustFromJson ${q('{"a": }')} }}`) ?? '';
  assert.throws(() => fns.mustFromJson.call(['{"a": }']), (e: Error) => err.includes(e.message));
});

test('encoders: toYaml, toYamlPretty, toJson, toPrettyJson, toRawJson, toToml and their must forms', () => {
  const values: [string, GoValue][] = [['(dict "a" (list 1 "<b>") "c" (dict))', { a: [1n, '<b>'], c: {} }], ['"yes"', 'yes'], ['nil', null]];
  const encoders = ['toYaml', 'mustToYaml', 'toYamlPretty', 'toJson', 'mustToJson', 'toPrettyJson', 'mustToPrettyJson', 'toRawJson', 'mustToRawJson'];
  const helm = helmEval(values.flatMap(([expr]) => encoders.map((fn) => `{{ ${fn} ${expr} }}`)));
  values.forEach(([expr, value], i) => encoders.forEach((fn, j) =>
    assert.equal(fns[fn].call([value]), helm[i * encoders.length + j], `${fn} ${expr}`)));
  const [toml] = helmEval(['{{ toToml (dict "a" (list 1 "<b>") "c" (dict)) }}']);
  assert.equal(fns.toToml.call([{ a: [1n, '<b>'], c: {} }]), toml);
});

test('string parameters reject other types as text/template does', () => {
  for (const fn of ['fromYaml', 'fromYamlArray', 'fromJson', 'fromJsonArray', 'mustFromJson', 'fromToml']) {
    const helm = helmError(`{{ ${fn} (int 1) }}`) ?? '';
    assert.match(helm, /wrong type for value; expected string; got int/);
    assert.throws(() => fns[fn].call([1n]), /wrong type for value; expected string; got int/);
  }
});

test('values without a JSON form: the to* functions give "", the must* forms fail with Go\'s message', () => {
  const nan = [NaN];
  const quiet = ['toYaml', 'toJson', 'toPrettyJson'];
  assert.deepEqual(quiet.map((fn) => fns[fn].call([nan])), helmEval(quiet.map((fn) => `{{ ${fn} (list (float64 "NaN")) }}`)));
  for (const fn of ['mustToYaml', 'mustToJson', 'mustToPrettyJson', 'toRawJson', 'mustToRawJson']) {
    const helm = helmError(`{{ ${fn} (list (float64 "NaN")) }}`) ?? '';
    assert.throws(() => fns[fn].call([nan]), (err: Error) => helm.includes(`error calling ${fn}: ${err.message}`) || assert.fail(`${fn}: ${helm}\nours: ${err.message}`));
  }
  const [pretty, toml] = helmEval(['{{ toYamlPretty (list (float64 "NaN") (float64 "-Inf")) }}', '{{ toToml (dict "a" (float64 "NaN") "b" (float64 "-Inf")) }}']);
  assert.equal(fns.toYamlPretty.call([[NaN, -Infinity]]), pretty);
  assert.equal(fns.toToml.call([{ a: NaN, b: -Infinity }]), toml);
});

test('times, sized integers and typed slices in every encoder', () => {
  const layout = '2006-01-02T15:04:05Z07:00';
  const when = '2024-05-06T07:08:09.123456789+02:00';
  const value = {
    t: dateFunctions.toDate.call([layout, when]),
    n: [new GoInteger('int64', 5n), 3n, markSliceType(['1', '2'], 'string')],
  };
  const expr = `(dict "t" (toDate ${q(layout)} ${q(when)}) "n" (list (int64 5) 3 (toStrings (list 1 2))))`;
  const encoders = ['toYaml', 'toYamlPretty', 'toJson', 'toToml'];
  const helm = helmEval(encoders.map((fn) => `{{ ${fn} ${expr} }}`));
  encoders.forEach((fn, i) => assert.equal(fns[fn].call([value]), helm[i], fn));
});
