// The pure parts of the OCI code: reference parsing, WWW-Authenticate challenges and version
// matching over tags (helm's rules: exact text first, then the highest version in range).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseChallenge } from '../../src/oci/auth.ts';
import { matchVersion } from '../../src/oci/pull.ts';
import { formatOciReference, parseOciReference } from '../../src/oci/reference.ts';

const digest = `sha256:${'ab'.repeat(32)}`;

describe('oci references', () => {
  test('host, path, tag and digest', () => {
    assert.deepEqual(parseOciReference('oci://localhost:5000/charts/web'), { registry: 'localhost:5000', repository: 'charts/web', tag: undefined, digest: undefined });
    assert.deepEqual(parseOciReference('oci://r.example/web:1.2.3+build'), { registry: 'r.example', repository: 'web', tag: '1.2.3_build', digest: undefined });
    assert.deepEqual(parseOciReference(`oci://r.example/a/b/web:1.0.0@${digest}`), { registry: 'r.example', repository: 'a/b/web', tag: '1.0.0', digest });
    assert.equal(formatOciReference(parseOciReference(`oci://r.example/web@${digest}`)), `r.example/web@${digest}`);
  });

  test('bad references say what is wrong', () => {
    assert.throws(() => parseOciReference('oci://hostonly'), /expected oci:\/\/HOST\/PATH/);
    assert.throws(() => parseOciReference('oci://h/web@sha256:12'), /the digest must be sha256: followed by 64 hex digits/);
    assert.throws(() => parseOciReference('oci://h/Web'), /repository "Web" must be lower-case/);
    assert.throws(() => parseOciReference('oci://h/web:'), /"" is not a valid tag/);
  });
});

describe('WWW-Authenticate', () => {
  test('Bearer with quoted parameters, Basic with a realm', () => {
    assert.deepEqual(parseChallenge('Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull,push"'),
      { scheme: 'bearer', params: { realm: 'https://auth.example/token', service: 'registry.example', scope: 'repository:a/b:pull,push' } });
    assert.deepEqual(parseChallenge('Basic realm="hookline \\"test\\""'), { scheme: 'basic', params: { realm: 'hookline "test"' } });
  });
});

describe('versions over tags', () => {
  const versions = ['2.0.0-rc.1', '1.10.0', '1.2.0', '1.2.0+meta', '0.9.0'];
  test('exact text, then the highest in range; pre-releases only when asked for', () => {
    assert.equal(matchVersion(versions, '1.2.0+meta'), '1.2.0+meta');
    assert.equal(matchVersion(versions, '^1.2'), '1.10.0');
    assert.equal(matchVersion(versions, '~1.2'), '1.2.0');
    assert.equal(matchVersion(versions, undefined), '1.10.0');
    assert.equal(matchVersion(versions, '>0.0.0-0'), '2.0.0-rc.1');
    assert.throws(() => matchVersion(versions, '>3'), /could not locate a version matching provided version string >3/);
  });
});
