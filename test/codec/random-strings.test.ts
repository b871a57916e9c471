// Random strings built from the characters that steer YAML quoting, folding and escaping,
// encoded by us and by helm (toJson, toYaml, toYamlPretty, toToml). Seeded, so repeatable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { yamlToGo } from '../../src/codec/yaml-values.ts';
import { toYaml } from '../../src/codec/goyaml-emit.ts';
import { toYamlPretty } from '../../src/codec/goyaml-pretty.ts';
import { goJsonMarshal } from '../../src/codec/go-json.ts';
import { toToml } from '../../src/codec/go-toml-encode.ts';
import { helmRender } from './helm-render.ts';

const PIECES = [' ', ' ', '  ', '\n', '\n\n', '\t', 'a', 'word', 'lorem', 'x', ':', ': ', '#', ' #', '-', '- ', '"', "'", '\\',
  'é', '日本', '😀', '1', '0x1', '1.5', 'yes', 'null', '~', '{', '[', ',', '?', '*', '&', '!', '|', '>', '%', '@', '`',
  '\u2028', '\u0085', '\r', '\u00a0', 'longwordwithoutspaces-longwordwithoutspaces'];

/** A values file of random keys and values; raw line separators are escaped so YAML 1.1 readers agree. */
function randomValues(seed: number): string {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const randomString = () => {
    let s = '';
    const length = Math.floor(next() * (next() < 0.3 ? 60 : 12));
    for (let i = 0; i < length; i++) s += PIECES[Math.floor(next() * PIECES.length)];
    return s;
  };
  const quote = (s: string) => JSON.stringify(s).replace(/\u2028/g, '\\u2028').replace(/\u0085/g, '\\u0085');
  const lines: string[] = [];
  for (let i = 0; i < 120; i++) lines.push(`k${i}: ${quote(randomString())}`);
  for (let i = 0; i < 30; i++) lines.push(`${quote(randomString() + i)}: ${quote(randomString())}`);
  lines.push('nested:', '  list:', ...Array.from({ length: 15 }, () => `  - ${quote(randomString())}`));
  lines.push(`  deeper:\n    - a: ${quote(randomString())}\n      b: [${quote(randomString())}]`);
  return lines.join('\n') + '\n';
}

for (const seed of [1, 7, 12]) {
  test(`random strings, seed ${seed}: every encoder writes what helm writes`, () => {
    const text = randomValues(seed);
    const values = yamlToGo(text);
    const [json, yaml, pretty, toml] = helmRender(text,
      ['{{ toJson .Values }}', '{{ toYaml .Values }}', '{{ toYamlPretty .Values }}', '{{ toToml .Values }}']);
    assert.equal(goJsonMarshal(values), json);
    assert.equal(toYaml(values), yaml);
    assert.equal(toYamlPretty(values), pretty);
    assert.equal(toToml(values), toml);
  });
}
