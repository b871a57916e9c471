// YAML that go-yaml rejects fails with go-yaml's message, word for word and line for line:
// hand-picked cases for every error libyaml's scanner and parser raise, and seeded mutations of
// valid manifests and values files, each compared with go-yaml itself (yaml-oracle.ts): the
// libyaml port as v2 and v3 run it, and yamlToGo (values, fromYaml, manifests) end to end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { libyamlMessage } from '../../src/codec/yaml-errors.ts';
import { yamlToGo } from '../../src/codec/yaml-values.ts';
import { goYamlVerdicts, type OracleVerdict } from './yaml-oracle.ts';
import { mutate } from './yaml-mutations.ts';
import { trickyValues } from './tricky-values.ts';

const handPicked: string[] = [
  // The report: a block scalar's text lost its indentation.
  'a: |-\n  x\nu: |-\n  APIVersions:\n- v1\n- admissionregistration.k8s.io/v1\n- admissionregistration.k8s.\nb: 1\n',
  // Characters that cannot start a token, tabs.
  'a: @x\n', 'a: `x`\n', '\tb: 1\n', 'a:\n\t- 1\n', '# c\n\t# indented by a tab\na: 1\n', 'a: 1\n\t', 'a:\n  b\n\tc\n',
  'a: |\n  x\n\ty\n', 'a: |\n\tx\n', '- a\n-\tb\n', '? a\n:\tb\n',
  // Simple keys.
  'a: 1\nb\nc: 2\n', 'a\nb: 1\n', `${'k'.repeat(1030)}: 1\n`, `${'é'.repeat(1030)}: 1\n`,
  'a: b: c\n', 'a: 1\n b: 2\n', 'a: - b\n', 'a: ? b\n', 'a:\n  - b\n  c: 1\n', '"a"\nb: 1\n', '[a]\nb: 1\n',
  // Indentation.
  'a:\n  b: 1\n c: 2\n', 'a:\n  - 1\n - 2\n', '- a\n- b\n c\n', '- a\nb: 1\n', 'a:\n    b: 1\n  c: 2\n', '  a: 1\nb: 2\n',
  '- - a\n  -b\n - c\n', 'a:\n- b\n  - c\n', 'a: 1\n  - b\n',
  // Quoted scalars.
  'a: "x\n', "a: 'x", 'a: "x\n---\n"', 'a: "\\q"\n', 'a: "\\xZZ"\n', 'a: "\\uD800"\n', 'a: "\\U00110000"\n', 'a: "x"y\n',
  'a: "x" # c\nb: "y\nc: 1\n', "a: 'it''s\n", 'a: "\\\n', '"a\n  b": 1\n',
  // Block scalars.
  'a: | x\n', 'a: |0\n x\n', 'a: >+9-\n x\n', 'a: |2\n x\n', 'a: |\n    x\n  y\nb: 1\n', '- |\n x\n y\n- z\n',
  // Flow collections.
  'a: [1\n', 'a: [1, 2\n', '{a: 1\n', '{a: 1 b: 2}\n', '[a b: c]\n', 'a: ]\n', 'a: }\n', '[ , ]\n', '{a: [}\n', 'a: {b: [1, 2}, c: 3}\n',
  '[a, {b: c]\n', '[? a : b, c]\n', '{? : x}\n', '[' .repeat(10001),
  // Anchors, aliases and tags.
  'a: &\n', 'a: *\n', 'a: &x[\n', 'a: *x\n', 'a: *x\nb: &x 1\n', '&a &b x\n', '!!str !!int x\n', 'a: !<x\n', 'a: !<>\n',
  'a: !x%zz\n', 'a: !x%ff\n', 'a: !x%c3%41\n', 'a: !x!y 1\n', 'a: !<tag:x> 1\n',
  'host: *.example.com\n', 'a: &x.y 1\n', 'a: &x 1\nb: *x.y\n', 'a: &x 1\nb: [*x]]\n',
  // Directives and documents.
  '%YAML 1.2\n---\na\n', '%YAML 1.1\n%YAML 1.1\n---\n', '%YAML x\n', '%YAML 1\n', '%YAML 123.1\n', '%YAML 1.1 x\n---\n',
  '%TAG !x! foo\n', '%TAG !x! y\n%TAG !x! z\n---\n', '%TAG !x foo\n', '%TAG ! \n', '%FOO\n---\n', '%\n', '%YAML 1.1\na: 1\n',
  'a: 1\n...\nb: c: d\n', 'a: 1\n--- x: y: z\n', '--- |\n  a\n b\n', 'a: 1\n---\n"x\n',
  // Line breaks other than LF, and the end of the text.
  'a: 1\r\n b: 2\r\n', 'a: 1\u0085 b: 2\n', 'a: 1\u2028 b: 2\n', 'a: 1\rb: c: d', 'a: [1', 'a: "1', 'a:\n  - b\n c', '',
  // What go-yaml reads (the first document, up to its root node's end) and rejects only when decoding.
  '  a: 1\nb: 2\n', '{}}\n', 'a: 1\n: b\n', 'a: {{ .Values.x }}\n', 'a: !!int x\n', 'a: 1\nb: [\n',
];

/**
 * YAML go-yaml reads and the `yaml` package does not: a key over 1024 UTF-16 units that go-yaml
 * counts as fewer characters, a tag URI with '[' in it, an anchor alone as a key (which go-yaml
 * then fails to turn into JSON), an anchor name go-yaml ends sooner. Hookline says it cannot read them.
 */
const unreadableByYamlPackage = [`${'😀'.repeat(600)}: 1\n`, 'a: !x[\n', 'x: 1\n&a: 1\n', 'a: &x:y 1\n', '&a: 1\n'];

/** The `yaml: ...` part of a sigs.k8s.io/yaml error, or undefined when it is no YAML error. */
function yamlPart(message: string | null): string | undefined {
  return message?.replace(/^error converting YAML to JSON: /, '').match(/^yaml: .*/s)?.[0];
}

/** How Hookline says go-yaml reads a document that it cannot read the same way. */
const CANNOT_READ = /Hookline's YAML reader rejects this document; go-yaml 2 reads it|reads otherwise in go-yaml/;

/** Errors go-yaml raises while decoding the parsed nodes: not syntax, so not the libyaml port's. */
const DECODE_ERROR = /^yaml: (invalid map key|cannot decode|map merge requires|cannot unmarshal)/;

function hooklineError(doc: string): string | null {
  try {
    yamlToGo(doc);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/**
 * Docs whose first syntax error (or none) the libyaml port finds otherwise than go-yaml: v2 as
 * sigs.k8s.io/yaml reads values and manifests, v3 as kustomize's kyaml reads post-rendered ones.
 */
function portMismatches(docs: string[], verdicts: OracleVerdict[]): string[] {
  return docs.flatMap((doc, i) => ([2, 3] as const).flatMap((version) => {
    const wanted = yamlPart(version === 2 ? verdicts[i].v2 : verdicts[i].v3);
    const expected = wanted !== undefined && !DECODE_ERROR.test(wanted) ? wanted : undefined;
    const got = libyamlMessage(doc, version);
    return got === expected ? [] : [`${JSON.stringify(doc)}\n  go-yaml v${version}: ${expected}\n  port:        ${got}`];
  }));
}

/** Docs on which yamlToGo's outcome differs from sigs.k8s.io/yaml's, split by whether Hookline says it cannot read them. */
function endToEndMismatches(docs: string[], verdicts: OracleVerdict[]) {
  const unreadable: string[] = [];
  const wrong: string[] = [];
  docs.forEach((doc, i) => {
    const got = hooklineError(doc);
    if (got === verdicts[i].v2) return;
    const line = `${JSON.stringify(doc)}\n  helm:     ${verdicts[i].v2}\n  hookline: ${got}`;
    // go-yaml reads the document (its only complaint, if any, is about the values): the `yaml` package cannot.
    const goYamlReads = verdicts[i].v2 === null || !yamlPart(verdicts[i].v2) || DECODE_ERROR.test(yamlPart(verdicts[i].v2)!);
    if (goYamlReads && got !== null && CANNOT_READ.test(got)) unreadable.push(line);
    else wrong.push(line);
  });
  return { unreadable, wrong };
}

test('hand-picked broken YAML fails as go-yaml fails, word for word and line for line', () => {
  const verdicts = goYamlVerdicts(handPicked);
  assert.ok(verdicts.filter((v) => v.v2 !== null).length > handPicked.length * 0.8, 'most hand-picked cases are errors for go-yaml');
  assert.deepEqual(portMismatches(handPicked, verdicts), []);
  const { unreadable, wrong } = endToEndMismatches(handPicked, verdicts);
  assert.deepEqual(wrong, []);
  assert.deepEqual(unreadable, []);
});

test('YAML that go-yaml reads but the yaml package cannot fails saying so', () => {
  const verdicts = goYamlVerdicts(unreadableByYamlPackage);
  assert.deepEqual(verdicts.map((v) => yamlPart(v.v2)), unreadableByYamlPackage.map(() => undefined));
  assert.deepEqual(portMismatches(unreadableByYamlPackage, verdicts), []);
  const result = endToEndMismatches(unreadableByYamlPackage, verdicts);
  assert.deepEqual(result.wrong, []);
  assert.equal(result.unreadable.length, unreadableByYamlPackage.length);
});

const manifests = [
  String.raw`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: &labels
    app.kubernetes.io/name: web
    app.kubernetes.io/instance: "r1"
spec:
  replicas: 2
  selector:
    matchLabels: *labels
  template:
    metadata:
      labels:
        <<: *labels
      annotations:
        checksum/config: 'abc123'
    spec:
      containers:
        - name: web
          image: "nginx:1.27"
          args: ["--port", "8080", '--verbose']
          env:
            - name: GREETING
              value: "hello \"world\""
            - {name: MODE, value: prod}
          ports:
            - containerPort: 8080
              protocol: TCP
          resources: {}
          command:
          - sh
          - -c
          - |
            echo start
              indented
            exec nginx
`,
  String.raw`apiVersion: v1
kind: ConfigMap
metadata:
  name: conf
  namespace: default
data:
  app.properties: |-
    a=1
    b=2

  folded: >
    one
    two

    three
  quoted: "multi
    line"
  single: 'it''s'
  empty: ""
  ? explicit
  : value
# trailing comment
`,
  String.raw`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ing
  annotations: {nginx.ingress.kubernetes.io/rewrite-target: /, "x": 'y'}
spec:
  rules:
  - host: example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend: {service: {name: web, port: {number: 80}}}
  tls: [{hosts: [example.com], secretName: tls}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  ports: [{port: 80, targetPort: 8080}]
`,
];

function repositoryYaml(): string[] {
  const root = join(import.meta.dirname, '..', '..');
  const found: string[] = [];
  for (const top of ['test', 'examples']) {
    for (const entry of readdirSync(join(root, top), { recursive: true, withFileTypes: true })) {
      const path = join(entry.parentPath, entry.name);
      if (!entry.isFile() || !entry.name.endsWith('.yaml') || relative(root, path).split('/').includes('templates')) continue;
      const text = readFileSync(path, 'utf8');
      if (text.length < 20000) found.push(text);
    }
  }
  return found;
}

test('mutated manifests and values files fail as go-yaml fails', () => {
  const sources = [...manifests, trickyValues, ...repositoryYaml()];
  const docs = sources.flatMap((text, i) => mutate(text, 7919 * (i + 1), 25));
  const verdicts = goYamlVerdicts(docs);
  const rejected = verdicts.filter((v) => yamlPart(v.v2) !== undefined && !DECODE_ERROR.test(yamlPart(v.v2)!)).length;
  assert.ok(rejected > docs.length / 3, `go-yaml rejects ${rejected} of ${docs.length} mutations`);
  assert.deepEqual(portMismatches(docs, verdicts), []);
  const { unreadable, wrong } = endToEndMismatches(docs, verdicts);
  assert.deepEqual(wrong, []);
  // Left: documents go-yaml reads that the `yaml` package cannot (keys made of an anchor alone,
  // and the like); Hookline says so rather than guess an error go-yaml does not give.
  assert.ok(unreadable.length <= docs.length / 500, `${unreadable.length} of ${docs.length} unreadable:\n${unreadable.join('\n')}`);
});
