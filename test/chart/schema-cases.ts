// A table of values.schema.json schemas and values covering every keyword family, for the
// differential test against helm 4.1.4 (test/chart/schema-differential.test.ts). Each case
// fails at most once per object level where helm iterates a Go map (properties, pattern
// properties, dependencies), because helm lists such failures in random order.

export interface SchemaCase {
  /** The schema, as an object or as raw text. */
  schema: unknown;
  /** values.yaml of the chart. */
  values?: string;
  /** --set arguments. */
  set?: string[];
  /** Extra chart files (subcharts with their own schema). */
  files?: Record<string, string>;
}

const d7 = 'http://json-schema.org/draft-07/schema#';
const d4 = 'http://json-schema.org/draft-04/schema#';
const d6 = 'http://json-schema.org/draft-06/schema#';
const d2019 = 'https://json-schema.org/draft/2019-09/schema';
const d2020 = 'https://json-schema.org/draft/2020-12/schema';

const prop = (name: string, schema: unknown, extra: object = {}) => ({ type: 'object', properties: { [name]: schema }, ...extra });
const format = (draft: string, name: string) => ({ $schema: draft, properties: { v: { format: name } } });

export const schemaCases: Record<string, SchemaCase> = {
  // type
  'type: string wanted, integer given': { schema: prop('a', { type: 'string' }), values: 'a: 1\n' },
  'type: integer wanted, string given': { schema: prop('replicaCount', { type: 'integer' }), values: 'replicaCount: two\n' },
  'type: integer wanted, 1.5 given': { schema: prop('a', { type: 'integer' }), values: 'a: 1.5\n' },
  'type: 3.0 is an integer': { schema: prop('a', { type: 'integer' }), values: 'a: 3.0\n' },
  'type: several wanted, in the library order': { schema: prop('a', { type: ['string', 'null', 'array', 'integer'] }), values: 'a: {x: 1}\n' },
  'type: null given': { schema: prop('a', { type: 'object' }), values: 'a: null\n', set: ['b=1'] },
  'type: boolean from --set': { schema: prop('a', { type: 'string' }), set: ['a=true'] },
  'type: int64 from --set against number': { schema: prop('a', { type: 'boolean' }), set: ['a=9223372036854775807'] },
  'type: root must be an array': { schema: { type: 'array' }, values: 'a: 1\n' },
  'false schema': { schema: prop('a', false), values: 'a: 1\n' },
  'false schema at the root': { schema: false, values: 'a: 1\n' },
  'true schema at the root': { schema: true, values: 'a: 1\n' },
  // enum and const
  'enum of strings': { schema: prop('a', { enum: ['one', 'two'] }), values: 'a: three\n' },
  'enum of one': { schema: prop('a', { enum: ['one'] }), values: 'a: three\n' },
  'enum of numbers and null': { schema: prop('a', { enum: [1, 2.5, null, true] }), values: 'a: 3\n' },
  'enum with an object': { schema: prop('a', { enum: ['x', { k: 1 }] }), values: 'a: y\n' },
  'enum matches 1 and 1.0': { schema: prop('a', { enum: [1] }), values: 'a: 1.0\n' },
  'enum with a quote in a string': { schema: prop('a', { enum: ["it's", 'say "hi"'] }), values: 'a: x\n' },
  'enum numbers print as written in the schema': { schema: '{"properties": {"a": {"enum": [1.0, 1e2, -0.50, 7, "x"]}}}', values: 'a: 3\n' },
  'const number prints as written in the schema': { schema: '{"properties": {"a/b": {"const": 2.50}}}', values: '"a/b": 3\n' },
  'const string': { schema: prop('a', { const: 'k' }), values: 'a: j\n' },
  'const number': { schema: prop('a', { const: 5 }), values: 'a: 6\n' },
  'const object': { schema: prop('a', { const: { x: 1 } }), values: 'a: {x: 2}\n' },
  'const object equal': { schema: prop('a', { const: { x: [1, 'y'] } }), values: 'a: {x: [1.0, y]}\n' },
  // numbers
  'minimum': { schema: prop('a', { minimum: 5 }), values: 'a: 4\n' },
  'maximum with a large value': { schema: prop('a', { maximum: 10 }), values: 'a: 1000000\n' },
  'maximum with a small decimal': { schema: prop('a', { maximum: 0.00001 }), values: 'a: 0.5\n' },
  'exclusiveMinimum (number)': { schema: prop('a', { exclusiveMinimum: 3 }), values: 'a: 3\n' },
  'exclusiveMaximum (number)': { schema: prop('a', { exclusiveMaximum: 3 }), values: 'a: 3.5\n' },
  'draft-04 boolean exclusiveMaximum': { schema: { $schema: d4, properties: { a: { maximum: 3, exclusiveMaximum: true } } }, values: 'a: 3\n' },
  'draft-04 boolean exclusiveMinimum false': { schema: { $schema: d4, properties: { a: { minimum: 3, exclusiveMinimum: false } } }, values: 'a: 3\n' },
  'multipleOf 0.1 accepts 0.3': { schema: prop('a', { multipleOf: 0.1 }), values: 'a: 0.3\n' },
  'multipleOf 0.1 rejects 0.35': { schema: prop('a', { multipleOf: 0.1 }), values: 'a: 0.35\n' },
  'multipleOf 2 rejects 3': { schema: prop('a', { multipleOf: 2 }), values: 'a: 3\n' },
  'multipleOf 0.01 accepts 19.99': { schema: prop('a', { multipleOf: 0.01 }), values: 'a: 19.99\n' },
  'several number failures in order': { schema: prop('a', { minimum: 10, exclusiveMinimum: 10, multipleOf: 3 }), values: 'a: 4\n' },
  'int64 beyond 2^53 against maximum': { schema: prop('a', { maximum: 9007199254740993 }), set: ['a=9007199254740995'] },
  // strings
  'minLength counts characters, not bytes': { schema: prop('a', { minLength: 4 }), values: 'a: "héé"\n' },
  'maxLength with an emoji': { schema: prop('a', { maxLength: 2 }), values: 'a: "a😀b"\n' },
  'pattern': { schema: prop('a', { pattern: '^z' }), values: 'a: abc\n' },
  'pattern matches anywhere': { schema: prop('a', { pattern: 'b' }), values: 'a: abc\n' },
  'pattern: Go dot matches a carriage return': { schema: prop('a', { pattern: '^a.b$' }), values: 'a: "a\\rb"\n' },
  'pattern: Go \\s has no vertical tab': { schema: prop('a', { pattern: '^\\s$' }), values: 'a: "\\v"\n' },
  'pattern: Go \\d is ASCII': { schema: prop('a', { pattern: '^\\d+$' }), values: 'a: "١٢"\n' },
  'pattern: POSIX class': { schema: prop('a', { pattern: '^[[:alpha:]]+$' }), values: 'a: ab1\n' },
  'pattern: unicode class': { schema: prop('a', { pattern: '^\\pL+$' }), values: 'a: "é1"\n' },
  'pattern: case-insensitive flag': { schema: prop('a', { pattern: '(?i)^abc$' }), values: 'a: ABC\n' },
  'pattern: $ is the end of the text': { schema: prop('a', { pattern: '^abc$' }), values: 'a: "abc\\n"\n' },
  'pattern: a quote and a newline in the message': { schema: prop('a', { pattern: '^x' }), values: 'a: "it\'s\\n\\"q\\""\n' },
  'pattern: non-ASCII in the message': { schema: prop('a', { pattern: '^x' }), values: 'a: "é\\u0007"\n' },
  'pattern: kubernetes name': { schema: prop('a', { pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$' }), values: 'a: Bad_Name\n' },
  'pattern: invalid regex fails the schema': { schema: prop('a', { pattern: '(' }), values: 'a: x\n' },
  'pattern: backreference is invalid in Go': { schema: prop('a', { type: 'string', pattern: '(a)\\1' }), values: 'a: aa\n' },
  'pattern: invalid regex in draft-07': { schema: { $schema: d7, properties: { a: { pattern: '(?=x)' } } }, values: 'a: x\n' },
  'pattern: invalid regex deep in 2019-09': { schema: { $schema: d2019, properties: { a: { items: { properties: { b: { pattern: '[' } } } } } }, values: 'a: []\n' },
  'pattern: invalid regex in draft-07 items': { schema: { $schema: d7, properties: { a: { items: { pattern: '(' } } } }, values: 'a: x\n' },
  'pattern: invalid regex in 2020-12 $defs and properties': { schema: { $defs: { x: { pattern: '(' } }, properties: { a: { pattern: '[' } } }, values: 'a: x\n' },
  'pattern: invalid regex in draft-04 additionalProperties': { schema: { $schema: d4, additionalProperties: { pattern: '(' } }, values: 'a: x\n' },
  'pattern: invalid regex at the root': { schema: { pattern: 'a{2,1}' }, values: 'a: x\n' },
  'patternProperties: invalid regex in draft-07': { schema: { $schema: d7, patternProperties: { '*x': {} } }, values: 'a: x\n' },
  'patternProperties: invalid regex in draft-04': { schema: { $schema: d4, properties: { a: { patternProperties: { '(': {} } } } }, values: 'a: {x: 1}\n' },
  'pattern: invalid regex where no value goes': { schema: { $defs: { unused: { pattern: '(' } } }, values: 'a: x\n' },
  'minLength with grouped digits': { schema: prop('a', { minLength: 1000 }), values: 'a: abc\n' },
  'maxItems with grouped digits': { schema: prop('a', { maxItems: 0 }), values: `a: [${Array.from({ length: 1200 }, () => 1).join(', ')}]\n` },
  'uniqueItems far apart': { schema: prop('a', { uniqueItems: true }), values: `a: [${Array.from({ length: 1200 }, (_, i) => i).join(', ')}, 1100]\n` },
  'several string failures in order': { schema: prop('a', { minLength: 5, pattern: '^z' }), values: 'a: abc\n' },
  // arrays
  'minItems': { schema: prop('a', { minItems: 2 }), values: 'a: [1]\n' },
  'maxItems': { schema: prop('a', { maxItems: 1 }), values: 'a: [1, 2]\n' },
  'items (2020-12)': { schema: prop('a', { items: { type: 'integer' } }), values: 'a: [1, x]\n' },
  'prefixItems then items: items count from 0 again': { schema: prop('a', { prefixItems: [{ type: 'integer' }], items: { type: 'string' } }), values: 'a: [1, b, 3]\n' },
  'prefixItems failure': { schema: prop('a', { prefixItems: [{ type: 'integer' }, { type: 'string' }] }), values: 'a: [1, 2, 3]\n' },
  'draft-07 items array and additionalItems false': { schema: { $schema: d7, properties: { a: { items: [{ type: 'integer' }], additionalItems: false } } }, values: 'a: [1, 2, 3]\n' },
  'draft-07 additionalItems schema': { schema: { $schema: d7, properties: { a: { items: [{}], additionalItems: { type: 'string' } } } }, values: 'a: [1, b, 3]\n' },
  'draft-07 items schema': { schema: { $schema: d7, properties: { a: { items: { type: 'string' } } } }, values: 'a: [x, 2]\n' },
  'contains: none match (draft-07)': { schema: { $schema: d7, properties: { a: { contains: { type: 'string' } } } }, values: 'a: [1, 2]\n' },
  'contains: none match (2020-12)': { schema: prop('a', { contains: { const: 'x' } }), values: 'a: [y, z]\n' },
  'minContains': { schema: prop('a', { contains: { type: 'integer' }, minContains: 3 }), values: 'a: [1, x, 2]\n' },
  'minContains with none matched': { schema: prop('a', { contains: { type: 'integer' }, minContains: 2 }), values: 'a: [x]\n' },
  'maxContains': { schema: prop('a', { contains: { type: 'integer' }, maxContains: 1 }), values: 'a: [1, x, 2]\n' },
  'maxContains (2019-09)': { schema: { $schema: d2019, properties: { a: { contains: { type: 'integer' }, maxContains: 1 } } }, values: 'a: [1, 2]\n' },
  'minContains is ignored in draft-07': { schema: { $schema: d7, properties: { a: { contains: { type: 'integer' }, minContains: 5 } } }, values: 'a: [1]\n' },
  'uniqueItems: 1 and 1.0 are equal': { schema: prop('a', { uniqueItems: true }), values: 'a: [1, 2, 1.0]\n' },
  'uniqueItems: equal objects': { schema: prop('a', { uniqueItems: true }), values: 'a: [{x: 1, y: [2]}, {y: [2], x: 1}]\n' },
  'uniqueItems: long array': { schema: prop('a', { uniqueItems: true }), values: `a: [${Array.from({ length: 30 }, (_, i) => i).join(', ')}, 7]\n` },
  // objects
  'required: one missing': { schema: { type: 'object', required: ['a'] }, values: 'b: 1\n' },
  'required: several missing, in schema order': { schema: { type: 'object', required: ['z', 'a', 'm'] }, values: 'b: 1\n' },
  'required and minProperties at the root': { schema: { minProperties: 3, required: ['q'] }, values: 'b: 1\n' },
  'maxProperties': { schema: prop('a', { maxProperties: 1 }), values: 'a: {x: 1, y: 2}\n' },
  'additionalProperties false': { schema: prop('a', { additionalProperties: false, properties: { k: {} } }), values: 'a: {k: 1, extra: 2}\n' },
  'additionalProperties schema': { schema: prop('a', { additionalProperties: { type: 'integer' } }), values: 'a: {x: y}\n' },
  'patternProperties': { schema: prop('a', { patternProperties: { '^n_': { type: 'number' } } }), values: 'a: {n_1: x, other: y}\n' },
  'patternProperties and additionalProperties false': { schema: prop('a', { patternProperties: { '^n_': {} }, additionalProperties: false }), values: 'a: {n_1: x, bad: y}\n' },
  'patternProperties with an invalid regex': { schema: prop('a', { patternProperties: { '(': {} } }), values: 'a: {x: 1}\n' },
  'propertyNames': { schema: prop('a', { propertyNames: { pattern: '^[a-z]+$' } }), values: 'a: {ok: 1, Bad: 2}\n' },
  'propertyNames with two failures for a name': { schema: prop('a', { propertyNames: { maxLength: 2, pattern: '^[a-z]+$' } }), values: 'a: {Bad: 2}\n' },
  'dependentRequired': { schema: prop('a', { dependentRequired: { tls: ['cert', 'key'] } }), values: 'a: {tls: true, key: k}\n' },
  'dependentSchemas': { schema: prop('a', { dependentSchemas: { tls: { required: ['cert'] } } }), values: 'a: {tls: true}\n' },
  'draft-07 dependencies, array form': { schema: { $schema: d7, properties: { a: { dependencies: { tls: ['cert'] } } } }, values: 'a: {tls: true}\n' },
  'draft-07 dependencies, schema form': { schema: { $schema: d7, properties: { a: { dependencies: { tls: { properties: { cert: { type: 'string' } } } } } } }, values: 'a: {tls: true, cert: 1}\n' },
  'dependentRequired is ignored in draft-07': { schema: { $schema: d7, properties: { a: { dependentRequired: { tls: ['cert'] } } } }, values: 'a: {tls: true}\n' },
  'nested failures group as validation failed': { schema: prop('a', { type: 'object', required: ['x'], minProperties: 3 }), values: 'a: {y: 1}\n' },
  'deep path with escaped tokens': { schema: prop('a/b', prop('c~d', { type: 'string' })), values: '"a/b": {"c~d": 1}\n' },
  // conditionals and combinators
  'if/then': { schema: prop('a', { if: { properties: { kind: { const: 'x' } } }, then: { required: ['x'] }, else: { required: ['y'] } }), values: 'a: {kind: x}\n' },
  'if/else': { schema: prop('a', { if: { properties: { kind: { const: 'x' } } }, then: { required: ['x'] }, else: { required: ['y'] } }), values: 'a: {kind: z}\n' },
  'if is ignored in draft-06': { schema: { $schema: d6, properties: { a: { if: true, then: false } } }, values: 'a: 1\n' },
  'allOf with two failures': { schema: prop('a', { allOf: [{ type: 'string' }, { minimum: 5 }, { maximum: 3 }] }), values: 'a: 4\n' },
  'anyOf none matched': { schema: prop('a', { anyOf: [{ type: 'string' }, { type: 'object', required: ['x'] }] }), values: 'a: 4\n' },
  'anyOf nested in oneOf': { schema: prop('a', { oneOf: [{ anyOf: [{ type: 'string' }, { minimum: 10 }] }, { type: 'boolean' }] }), values: 'a: 4\n' },
  'oneOf none matched': { schema: prop('a', { oneOf: [{ type: 'string' }, { type: 'boolean' }] }), values: 'a: 4\n' },
  'oneOf two matched': { schema: prop('a', { oneOf: [{ type: 'number' }, { type: 'string' }, { minimum: 1 }] }), values: 'a: 4\n' },
  'oneOf inside items, one item failing': { schema: prop('a', { items: { oneOf: [{ type: 'string' }, { type: 'integer', minimum: 0 }] } }), values: 'a: [x, 2, -1]\n' },
  'propertyNames false': { schema: prop('a', { propertyNames: false }), values: 'a: {k: 1}\n' },
  'not': { schema: prop('a', { not: { type: 'number' } }), values: 'a: 4\n' },
  'not passes': { schema: prop('a', { not: { type: 'string' } }), values: 'a: 4\n' },
  // references
  '$ref to $defs': { schema: { properties: { a: { $ref: '#/$defs/port' } }, $defs: { port: { type: 'integer', maximum: 65535 } } }, values: 'a: 70000\n' },
  '$ref to definitions (draft-07)': { schema: { $schema: d7, properties: { a: { $ref: '#/definitions/port' } }, definitions: { port: { type: 'integer' } } }, values: 'a: x\n' },
  '$ref siblings are ignored in draft-07': { schema: { $schema: d7, properties: { a: { $ref: '#/definitions/s', maxLength: 1, const: 'abc' } }, definitions: { s: { type: 'string' } } }, values: 'a: abc\n' },
  '$ref siblings apply in 2020-12': { schema: { properties: { a: { $ref: '#/$defs/s', maxLength: 1 } }, $defs: { s: { type: 'string', pattern: '^z' } } }, values: 'a: abc\n' },
  '$ref to a missing pointer fails the schema': { schema: { properties: { a: { $ref: '#/$defs/missing' } } }, values: 'a: 1\n' },
  '$ref that no value reaches still fails the schema': { schema: { properties: { a: { $ref: '#/$defs/missing' } } }, values: 'b: 1\n' },
  '$ref in an unused $defs entry is never compiled': { schema: { $defs: { unused: { $ref: '#/$defs/missing' } }, properties: { a: { type: 'string' } } }, values: 'a: 1\n' },
  '$ref to a missing file': { schema: { properties: { a: { $ref: 'other.schema.json' } } }, values: 'b: 1\n' },
  '$ref through a root $id': { schema: { $id: 'https://example.com/values.json', properties: { a: { $ref: 'https://example.com/values.json#/$defs/s' } }, $defs: { s: { type: 'string' } } }, values: 'a: 1\n' },
  '$ref to an embedded $id': { schema: { properties: { a: { $ref: 'https://example.com/port.json' } }, $defs: { p: { $id: 'https://example.com/port.json', type: 'integer' } } }, values: 'a: x\n' },
  '$ref to an $anchor': { schema: { properties: { a: { $ref: '#port' } }, $defs: { p: { $anchor: 'port', type: 'integer' } } }, values: 'a: x\n' },
  '$ref to a missing $anchor': { schema: { properties: { a: { $ref: '#nope' } } }, values: 'a: x\n' },
  '$ref to a draft-07 id anchor': { schema: { $schema: d7, properties: { a: { $ref: '#port' } }, definitions: { p: { $id: '#port', type: 'integer' } } }, values: 'a: x\n' },
  '$ref cycle': { schema: { properties: { a: { $ref: '#/$defs/x' } }, $defs: { x: { $ref: '#/$defs/y' }, y: { $ref: '#/$defs/x' } } }, values: 'a: 1\n' },
  'recursive schema through $ref': { schema: { $defs: { node: { type: 'object', properties: { child: { $ref: '#/$defs/node' }, n: { type: 'integer' } } } }, $ref: '#/$defs/node' }, values: 'child: {child: {n: x}}\n' },
  '$ref to a urn is permissive': { schema: { properties: { a: { $ref: 'urn:example:thing' } } }, values: 'a: 1\n' },
  '$dynamicRef to the outermost $dynamicAnchor': {
    schema: { $id: 'https://example.com/root', $dynamicAnchor: 'node', type: 'object', properties: { a: { $ref: 'tree' } },
      $defs: { tree: { $id: 'tree', $dynamicAnchor: 'node', properties: { kids: { items: { $dynamicRef: '#node' } } } } }, required: ['r'] },
    values: 'r: 1\na: {kids: [{kids: [5]}]}\n',
  },
  '$recursiveRef (2019-09)': {
    schema: { $schema: d2019, $recursiveAnchor: true, type: 'object', properties: { sub: { $recursiveRef: '#' }, n: { type: 'integer' } } },
    values: 'sub: {sub: {n: x}}\n',
  },
  // unevaluated
  'unevaluatedProperties false with allOf': { schema: prop('a', { allOf: [{ properties: { x: {} } }], unevaluatedProperties: false }), values: 'a: {x: 1, y: 2}\n' },
  'unevaluatedProperties sees through a passing anyOf': { schema: prop('a', { anyOf: [{ properties: { x: {} }, required: ['x'] }, { properties: { y: {} }, required: ['y'] }], unevaluatedProperties: false }), values: 'a: {x: 1, z: 3}\n' },
  'unevaluatedProperties schema': { schema: prop('a', { properties: { x: {} }, unevaluatedProperties: { type: 'string' } }), values: 'a: {x: 1, y: 2}\n' },
  'unevaluatedItems false after prefixItems': { schema: prop('a', { prefixItems: [{}], unevaluatedItems: false }), values: 'a: [1, 2]\n' },
  'unevaluatedItems with contains (2020-12)': { schema: prop('a', { contains: { type: 'string' }, unevaluatedItems: { type: 'integer' } }), values: 'a: [x, 2, true]\n' },
  'unevaluatedProperties through $ref': { schema: { properties: { a: { $ref: '#/$defs/base', unevaluatedProperties: false } }, $defs: { base: { properties: { x: {} } } } }, values: 'a: {x: 1, y: 2}\n' },
  // formats: asserted up to draft-07, annotations later
  'format email (draft-07)': { schema: format(d7, 'email'), values: 'v: nope\n' },
  'format email with a bad domain': { schema: format(d7, 'email'), values: 'v: a@-x.org\n' },
  'format email (2020-12) is an annotation': { schema: format(d2020, 'email'), values: 'v: nope\n' },
  'format email (no $schema) is an annotation': { schema: { properties: { v: { format: 'email' } } }, values: 'v: nope\n' },
  'format email (2019-09) is an annotation': { schema: format(d2019, 'email'), values: 'v: nope\n' },
  'format ipv4 (draft-04)': { schema: format(d4, 'ipv4'), values: 'v: 1.2.3.256\n' },
  'format ipv4 with a letter': { schema: format(d7, 'ipv4'), values: 'v: 1.2.3.x\n' },
  'format ipv6': { schema: format(d7, 'ipv6'), values: 'v: "1::2::3"\n' },
  'format ipv6 with a zone': { schema: format(d7, 'ipv6'), values: 'v: "fe80::1%eth0"\n' },
  'format hostname': { schema: format(d7, 'hostname'), values: 'v: my_host\n' },
  'format date': { schema: format(d7, 'date'), values: 'v: 2024-13-01\n' },
  'format date-time': { schema: format(d7, 'date-time'), values: 'v: "2024-01-01 10:00:00Z"\n' },
  'format date-time valid': { schema: format(d7, 'date-time'), values: 'v: "2024-01-01T10:00:00.5+01:00"\n' },
  'format time': { schema: format(d7, 'time'), values: 'v: "25:00:00Z"\n' },
  'format uri relative': { schema: format(d7, 'uri'), values: 'v: /just/a/path\n' },
  'format uri unparsable': { schema: format(d7, 'uri'), values: 'v: "http://[::1"\n' },
  'format uri-reference': { schema: format(d7, 'uri-reference'), values: 'v: "a\\\\b"\n' },
  'format uuid': { schema: format(d7, 'uuid'), values: 'v: 123e4567-e89b-12d3-a456-42661417400g\n' },
  'format duration': { schema: format(d7, 'duration'), values: 'v: P1H\n' },
  'format regex': { schema: format(d7, 'regex'), values: 'v: "a(b"\n' },
  'format json-pointer': { schema: format(d7, 'json-pointer'), values: 'v: a/b\n' },
  'format relative-json-pointer': { schema: format(d7, 'relative-json-pointer'), values: 'v: "01/a"\n' },
  'format semver is not a format the library asserts by default': { schema: format(d7, 'semver'), values: 'v: 1.0\n' },
  'format unknown names pass': { schema: format(d7, 'color'), values: 'v: blue\n' },
  'format applies to strings only': { schema: format(d7, 'email'), values: 'v: 5\n' },
  // drafts
  'draft-04 id and definitions': { schema: { $schema: d4, id: 'https://example.com/s.json', properties: { a: { $ref: '#/definitions/x' } }, definitions: { x: { type: 'string' } } }, values: 'a: 1\n' },
  'draft-06 const': { schema: { $schema: d6, properties: { a: { const: 1 } } }, values: 'a: 2\n' },
  'draft-04 ignores const': { schema: { $schema: d4, properties: { a: { const: 1 } } }, values: 'a: 2\n' },
  'bare json-schema.org $schema means 2020-12': { schema: { $schema: 'http://json-schema.org/schema#', properties: { a: { prefixItems: [{ type: 'string' }] } } }, values: 'a: [1]\n' },
  // the schema itself
  'schema that is not JSON': { schema: '{"type": "object",}' },
  'schema with text after the JSON': { schema: '{"type": "object"} x' },
  'empty schema object': { schema: {}, values: 'a: 1\n' },
  // subcharts and globals
  'subchart schema sees its values and the globals': {
    schema: prop('global', { type: 'object', properties: { region: { type: 'string' } } }),
    values: 'global: {region: eu}\nsub: {port: 80}\n',
    set: ['global.region=1', 'sub.port=x'],
    files: {
      'charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 0.1.0\n',
      'charts/sub/values.yaml': 'port: 80\n',
      'charts/sub/values.schema.json': JSON.stringify({ type: 'object', required: ['global'], properties: { port: { type: 'integer' }, global: { required: ['region'], properties: { region: { pattern: '^[a-z]+$' } } } } }),
    },
  },
  'subchart schema needs a global the parent does not set': {
    schema: true,
    files: {
      'charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 0.1.0\n',
      'charts/sub/values.yaml': 'port: 80\n',
      'charts/sub/values.schema.json': JSON.stringify({ properties: { global: { required: ['domain'] } } }),
    },
  },
  'parent with additionalProperties false and a subchart': {
    schema: { type: 'object', additionalProperties: false, properties: { sub: { type: 'object' }, global: {} } },
    set: ['x=1'],
    files: {
      'charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 0.1.0\n',
      'charts/sub/values.schema.json': JSON.stringify({ $schema: d7, properties: { mail: { format: 'email' } } }),
    },
  },
  'subchart that does not parse, after a failing parent': {
    schema: prop('a', { type: 'string' }),
    values: 'a: 1\n',
    files: {
      'charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 0.1.0\n',
      'charts/sub/values.yaml': 'p: 1\n',
      'charts/sub/values.schema.json': '{"properties": {"p": {"$ref": "#/nowhere"}}}',
    },
  },
};
