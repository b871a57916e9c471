// Differential tests of urlParse and urlJoin against helm (Go net/url).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { urlFunctions } from '../../src/funcs/urls.ts';
import { helmError, helmEval, q } from './helm-eval.ts';
import type { GoMap, GoValue } from '../../src/govalue/types.ts';

const KEYS = ['scheme', 'host', 'hostname', 'path', 'query', 'opaque', 'fragment', 'userinfo'];

const urls = [
  'https://user:p%40ss@example.com:8443/a/b%20c/?x=1&y=%2F#frag%20ment', 'http://[::1]:80/x', 'http://[fe80::1%25en0]/',
  'mailto:someone@example.com', 'file:///etc/hosts', '/relative/path?q', 'relative/path#f', '//host.only/p', 'HTTP://Case.Example/',
  'https://example.com', 'https://example.com?', 'http://a@b@c/', 'postgres://db:5432/name?sslmode=disable', '*',
  'http://ex.com/ä/ö?ü=1#ß', 'http://user@host', 'http://:8080/', 'http://host:/p', 'scheme:opaque/part?q#f', '',
  'http://host/%7Euser/a%2Fb', 'redis://:secret@cache:6379/0',
];

test('urlParse splits URLs as helm does', () => {
  const expected = helmEval(urls.map((u) => `{{ $u := urlParse ${q(u)} }}${KEYS.map((k) => `{{ $u.${k} }}`).join('|')}`));
  urls.forEach((u, i) => {
    const parsed = urlFunctions.urlParse.call([u]) as GoMap;
    assert.equal(KEYS.map((k) => parsed[k]).join('|'), expected[i], u);
  });
});

test('urlParse rejects what helm rejects, with its message', () => {
  for (const bad of ['http://host:port/', ':no-scheme', 'http://[::1/', '1a:b/c', 'http://ho st/', 'http://h/%zz',
    'http://us er@h/', 'http://h/#%x']) {
    const helm = helmError(`{{ urlParse ${q(bad)} }}`);
    if (helm === undefined) {
      assert.doesNotThrow(() => urlFunctions.urlParse.call([bad]), bad);
      continue;
    }
    assert.throws(() => urlFunctions.urlParse.call([bad]), (err: Error) =>
      helm.includes(`error calling urlParse: ${err.message}`) || assert.fail(`helm: ${helm}\nours: ${err.message}`));
  }
});

const dicts: Record<string, string>[] = [
  { scheme: 'https', host: 'example.com:8443', path: '/a b/c', query: 'x=1', fragment: 'f g', userinfo: 'u:p@ss' },
  { scheme: 'mailto', opaque: 'someone@example.com' },
  { host: 'example.com', path: 'no/leading/slash' },
  { path: 'a:b/c' },
  { scheme: 'http', host: 'ex.com', path: '/ä?#', fragment: 'ß!()*' },
  { scheme: 'file', path: '/etc/hosts' },
  { userinfo: 'only', host: 'h' },
  {},
];

function dictSource(d: Record<string, string>): string {
  return `(dict ${Object.entries(d).map(([k, v]) => `${q(k)} ${q(v)}`).join(' ')})`;
}

test('urlJoin builds URLs as helm does', () => {
  const expected = helmEval(dicts.map((d) => `{{ urlJoin ${dictSource(d)} }}`));
  dicts.forEach((d, i) => assert.equal(urlFunctions.urlJoin.call([{ ...d }]), expected[i], JSON.stringify(d)));
  const roundTrip = urls.slice(0, 5);
  const helmRound = helmEval(roundTrip.map((u) => `{{ urlJoin (urlParse ${q(u)}) }}`));
  roundTrip.forEach((u, i) => assert.equal(urlFunctions.urlJoin.call([urlFunctions.urlParse.call([u])]), helmRound[i], u));
});

test('urlJoin rejects non-string values like helm', () => {
  const helm = helmError('{{ urlJoin (dict "host" 5) }}') ?? '';
  const bad: GoValue = { host: 5n };
  assert.throws(() => urlFunctions.urlJoin.call([bad]), (err: Error) =>
    helm.includes(`error calling urlJoin: ${err.message}`) || assert.fail(`helm: ${helm}\nours: ${err.message}`));
});
