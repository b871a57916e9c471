// The quick conformance check that spares ajv (src/chart/schema-quick-check.ts): it must never
// call values conforming that ajv rejects, and must answer for the simple schemas charts ship.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { surelyConforms } from '../../src/chart/schema-quick-check.ts';

const load = createRequire(import.meta.url);
const Ajv2020 = load('ajv/dist/2020').default;
const ajvValid = (schema: unknown, data: unknown) =>
  new Ajv2020({ allErrors: true, strict: false, validateFormats: false, validateSchema: false }).compile(schema)(data) as boolean;

const typeNames = fc.constantFrom('object', 'array', 'string', 'number', 'integer', 'boolean', 'null');
const schemas: fc.Arbitrary<unknown> = fc.letrec<{ schema: unknown }>((tie) => ({
  schema: fc.oneof({ depthSize: 'small' },
    fc.constant(true),
    fc.record({
      type: fc.oneof(typeNames, fc.array(typeNames, { minLength: 1, maxLength: 3 })),
      properties: fc.dictionary(fc.constantFrom('a', 'b', 'constructor'), tie('schema'), { maxKeys: 3 }),
      items: tie('schema'),
      description: fc.string(),
      form: fc.boolean(),
    }, { requiredKeys: [] })),
})).schema;
const data = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof({ depthSize: 'small' },
    fc.constantFrom(null, true, 'x', 0, 1, 1.5, -2),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('value'), { maxKeys: 3 })),
})).value;

test('on simple schemas the quick check answers exactly as ajv does', () => {
  fc.assert(fc.property(schemas, data, (schema, value) => {
    const ajv = ajvValid(schema, value);
    const quick = surelyConforms(schema, value);
    assert.equal(quick === true, ajv, JSON.stringify({ schema, value }));
  }), { numRuns: 3000, seed: 7 });
});

test('a bitnami-style schema with conforming values needs no ajv', () => {
  const schema = {
    $schema: 'http://json-schema.org/schema#', type: 'object',
    properties: { auth: { type: 'object', form: true, properties: { password: { type: 'string', title: 'Password', hidden: { value: false, path: 'x' } } } },
      replicas: { type: 'integer', sliderMin: 1 }, list: { type: 'array', items: { type: 'string' } } },
  };
  assert.equal(surelyConforms(schema, { auth: { password: 'p' }, replicas: 3, list: ['a'] }), true);
  assert.equal(surelyConforms(schema, { auth: { password: 1 } }), undefined);
  assert.equal(surelyConforms(schema, { replicas: 1.5 }), undefined);
  assert.equal(surelyConforms(schema, { replicas: Infinity }), undefined);
});

test('any other keyword, anywhere in the schema, leaves the answer to ajv', () => {
  for (const schema of [
    { type: 'object', required: ['a'] },
    { properties: { unused: { type: 'string', minLength: 2 } } },
    { properties: { unused: { type: 'strnig' } } },
    { items: [{ type: 'string' }] },
    { $ref: '#/$defs/x', $defs: { x: true } },
    { properties: { a: false } },
    { type: [] },
  ]) {
    assert.equal(surelyConforms(schema, {}), undefined, JSON.stringify(schema));
  }
});
