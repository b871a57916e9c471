// The release record encoding: gzip + base64 of Go-style JSON, readable both ways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync, gzipSync } from 'node:zlib';
import { decodeRelease, encodeRelease } from '../../src/storage/codec.ts';
import { goJson } from '../../src/codec/go-json.ts';
import { GoInteger } from '../../src/govalue/types.ts';
import type { Release } from '../../src/storage/record.ts';

const release: Release = {
  name: 'demo',
  info: { status: 'deployed', description: 'Install complete', notes: '<a href="x">&</a>' },
  config: { replicas: 3n as unknown as number, port: new GoInteger('int64', 8080n), ratio: 0.5, big: 12345678901234567890n as unknown as number },
  manifest: '---\n# Source: demo/templates/cm.yaml\n',
  version: 2,
  namespace: 'default',
  labels: { team: 'a' },
};

test('goJson writes integers exactly and escapes HTML characters as Go does', () => {
  assert.equal(goJson({ a: 1n, b: new GoInteger('int64', -5n), c: '<>&\u2028', d: 1e21, e: 1e-7, f: new Uint8Array([104, 105]) }),
    '{"a":1,"b":-5,"c":"\\u003c\\u003e\\u0026\\u2028","d":1e+21,"e":1e-7,"f":"aGk="}');
  assert.equal(goJson({ big: 12345678901234567890n }), '{"big":12345678901234567890}');
});

test('encodeRelease is base64 of gzip of JSON without the labels, and decodes back', () => {
  const encoded = encodeRelease(release);
  const json = JSON.parse(gunzipSync(Buffer.from(encoded, 'base64')).toString('utf8'));
  assert.equal(json.labels, undefined);
  assert.equal(json.info.notes, '<a href="x">&</a>');
  assert.equal(json.config.port, 8080);
  const decoded = decodeRelease(encoded);
  assert.equal(decoded.name, 'demo');
  assert.equal(decoded.version, 2);
  assert.equal(decoded.info.status, 'deployed');
});

test('decodeRelease accepts records stored before Helm compressed them', () => {
  const plain = Buffer.from(JSON.stringify({ name: 'old', info: {}, version: 1, namespace: 'ns' })).toString('base64');
  assert.equal(decodeRelease(plain).name, 'old');
  const zipped = gzipSync(Buffer.from(JSON.stringify({ name: 'new', info: {}, version: 1, namespace: 'ns' }))).toString('base64');
  assert.equal(decodeRelease(zipped).name, 'new');
});
