// fast-check over the codecs and the --set parser: YAML values files, JSON and TOML (fromJson,
// fromToml), --set lines and release records either decode or fail with the component's own
// error naming the input; values written by the encoders read back unchanged; a sample of
// --set lines gives helm's values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { parseYamlValues } from '../../src/codec/yaml-values.ts';
import { goJsonUnmarshal } from '../../src/codec/go-json-decode.ts';
import { goJsonMarshal } from '../../src/codec/go-json.ts';
import { goTomlUnmarshal } from '../../src/codec/go-toml-decode.ts';
import { toYaml } from '../../src/codec/goyaml-emit.ts';
import { decodeRelease, encodeRelease } from '../../src/storage/codec.ts';
import { mergeValueSources } from '../../src/values/merge-sources.ts';
import { referenceTool } from '../support/reference-tools.ts';
import { cleanly, fuzzRuns } from './clean-failure.ts';

const yamlPieces = [' ', '  ', '\n', '\t', 'a', 'key', ':', ': ', '- ', '#', '"', "'", '\\', '{', '}', '[', ']', ',', '?', '*', '&',
  '!', '|', '>', '%', '@', '`', '~', 'null', 'yes', '1', '0x1F', '1e3', '.inf', '<<', '---', '...', 'é', '😀', '\r', '\u2028'];
const fromPieces = (pieces: string[], maxLength: number) => fc.array(fc.constantFrom(...pieces), { maxLength }).map((p) => p.join(''));

test('YAML values files: decoded, or an error naming the file', () => {
  fc.assert(fc.property(fc.oneof(fromPieces(yamlPieces, 60), fc.string({ maxLength: 80 })), (text) => {
    cleanly(() => parseYamlValues(text, 'values.yaml'), /^values\.yaml: /, text);
  }), fuzzRuns(2000));
});

const jsonPieces = ['{', '}', '[', ']', ':', ',', '"', '"k"', '"v"', '\\', '\\u00e9', '\\ud800', '1', '-', '0', '.5', 'e9', '1e400',
  '9007199254740993', 'true', 'false', 'null', ' ', '\n', 'x'];

test('JSON (fromJson): decoded, or Go\'s json error', () => {
  fc.assert(fc.property(fc.oneof(fromPieces(jsonPieces, 40), fc.json(), fc.string({ maxLength: 40 })), (text) => {
    cleanly(() => goJsonUnmarshal(text), /^(json: |invalid character|unexpected end of JSON input)/, text);
  }), fuzzRuns(2000));
});

test('JSON: what the encoder writes decodes to the same value', () => {
  fc.assert(fc.property(fc.jsonValue({ maxDepth: 3 }), (value) => {
    const plain = JSON.parse(JSON.stringify(value)) as unknown; // -0 and the like as JSON has them
    const text = goJsonMarshal(plain as never);
    assert.deepEqual(JSON.parse(goJsonMarshal(goJsonUnmarshal(text))), JSON.parse(text));
  }), fuzzRuns(500));
});

const tomlPieces = ['a', 'b.c', ' = ', '=', '"s"', "'l'", '"""', '1', '1.5', 'true', '1979-05-27T07:32:00Z', '[t]', '[[arr]]', '[', ']',
  '{', '}', ',', '\n', ' ', '#', '\\', 'inf', 'nan', '0x1F', '_'];

test('TOML (fromToml): decoded, or a "toml: line N" error', () => {
  fc.assert(fc.property(fc.oneof(fromPieces(tomlPieces, 30), fc.string({ maxLength: 40 })), (text) => {
    cleanly(() => goTomlUnmarshal(text), /^toml: /, text);
  }), fuzzRuns(2000));
});

test('YAML: what the encoder writes reads back to the same values', () => {
  const key = fc.string({ minLength: 1, maxLength: 8 });
  const scalar = fc.oneof(fc.string({ maxLength: 12 }), fc.boolean(), fc.constant(null), fc.integer({ min: -1e6, max: 1e6 }).map((n) => n + 0.5));
  const value = fc.letrec<{ v: unknown }>((tie) => ({
    v: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(key, tie('v'), { maxKeys: 3, noNullPrototype: true })),
  })).v;
  fc.assert(fc.property(fc.dictionary(key, value, { maxKeys: 4, noNullPrototype: true }), (values) => {
    const text = toYaml(values as never);
    assert.deepEqual(parseYamlValues(text, 'roundtrip.yaml'), values, text);
  }), fuzzRuns(500));
});

const setPieces = ['a', 'b', 'name', '.', '[', ']', '0', '1', '65537', '-1', '=', ',', '\\', '\\,', '"', ' ', 'null', 'true', '{', '}', 'é'];
const setLine = fromPieces(setPieces, 20);

test('--set: parsed, or helm\'s "failed parsing --set data" error', () => {
  fc.assert(fc.property(fc.oneof(setLine, fc.string({ maxLength: 30 })), (line) => {
    cleanly(() => mergeValueSources({ set: [line] }), /^failed parsing --set data: /, line);
  }), fuzzRuns(3000));
});

test('--set: a sample of lines gives the values helm gives', () => {
  const chart = mkdtempSync(join(tmpdir(), 'hookline-fuzz-set-'));
  try {
    mkdirSync(join(chart, 'templates'));
    writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: set\nversion: 0.1.0\n');
    writeFileSync(join(chart, 'templates', 'out.yaml'), '# {{ toJson .Values | b64enc }}\n');
    const lines = fc.sample(setLine, { seed: 11, numRuns: 400 })
      .filter((l) => cleanly(() => mergeValueSources({ set: [l] }), /./, l) !== undefined)
      .filter((l, i, all) => all.indexOf(l) === i).slice(0, 25);
    assert.ok(lines.length >= 15, `enough lines parse to compare (${lines.length})`);
    for (const line of lines) {
      const out = execFileSync(referenceTool('helm4'), ['template', 'x', chart, '--set', line], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      const helmValues = Buffer.from(/^# (\S*)$/m.exec(out)![1], 'base64').toString('utf8');
      assert.equal(goJsonMarshal(mergeValueSources({ set: [line] })), helmValues, `--set ${JSON.stringify(line)}`);
    }
  } finally {
    rmSync(chart, { recursive: true, force: true });
  }
});

test('release records: random and corrupted records decode or fail with an Error, never hang', () => {
  const valid = encodeRelease({ name: 'r', version: 1, namespace: 'ns', info: { status: 'deployed' }, manifest: '---\nkind: ConfigMap\n' });
  const corrupted = fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })).map(([at, byte]) => {
    const bytes = Buffer.from(valid, 'base64');
    bytes[at % bytes.length] = byte;
    return bytes.toString('base64');
  });
  const gzippedJunk = fc.string({ maxLength: 60 }).map((s) => gzipSync(Buffer.from(s)).toString('base64'));
  fc.assert(fc.property(fc.oneof(corrupted, gzippedJunk, fc.base64String({ maxLength: 80 }), fc.string({ maxLength: 40 })), (record) => {
    try {
      decodeRelease(record);
    } catch (err) {
      assert.ok(err instanceof Error, `threw a non-Error for ${record}`);
    }
  }), fuzzRuns(2000));
});
