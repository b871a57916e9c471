// Tests of the crypto functions against helm: exact output where it is deterministic
// (digests, derivePassword, error texts), and for random output (bcrypt, AES, keys,
// certificates) the structure helm produces for the same call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate, createHash, createPrivateKey } from 'node:crypto';
import bcryptjs from 'bcryptjs';
import { Certificate, cryptoFunctions } from '../../src/funcs/crypto.ts';
import { derChildren, pemDecode, readDer, type DerElement } from '../../src/funcs/der.ts';
import { helmError, helmEval, q } from './helm-eval.ts';
import type { GoValue } from '../../src/govalue/types.ts';

const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));
const call = (fn: string, ...args: GoValue[]) => cryptoFunctions[fn].call(args);

test('digests, derivePassword and fixed texts match helm exactly', () => {
  const inputs = ['', 'hello', 'héllo wörld', 'a'.repeat(1000)];
  const calls: [string, ...GoValue[]][] = [
    ...inputs.flatMap((s): [string, ...GoValue[]][] => [['sha1sum', s], ['sha256sum', s], ['sha512sum', s], ['adler32sum', s]]),
    ...['maximum', 'long', 'medium', 'short', 'basic', 'pin', 'nope'].map((t): [string, ...GoValue[]] =>
      ['derivePassword', 1n, t, 'password', 'user', 'example.com']),
    ['derivePassword', 7n, 'long', 'pässword', 'ユーザー', 'site.test'],
    ['htpasswd', 'a:b', 'x'], ['htpasswd', 'u', 'a'.repeat(73)], ['genPrivateKey', 'foo'],
    ['encryptAES', 'k', ''], ['decryptAES', 'k', ''],
  ];
  const source = ([fn, ...args]: [string, ...GoValue[]]) =>
    `{{ ${fn} ${args.map((a) => (typeof a === 'string' ? q(a) : String(a))).join(' ')} }}`;
  const expected = helmEval(calls.map(source));
  calls.forEach(([fn, ...args], i) => assert.equal(call(fn, ...args), expected[i], source([fn, ...args])));
});

test('bcrypt and htpasswd hashes verify and have helm\'s shape', () => {
  const [helmHash, helmLine] = helmEval(['{{ bcrypt "s3cret" }}', '{{ htpasswd "bob" "s3cret" }}']);
  const ours = call('bcrypt', 's3cret') as string;
  const shape = /^\$2a\$10\$[./A-Za-z0-9]{53}$/;
  for (const hash of [helmHash, ours, helmLine.slice(4), (call('htpasswd', 'bob', 's3cret') as string).slice(4)]) {
    assert.match(hash, shape);
    assert.ok(bcryptjs.compareSync('s3cret', hash));
  }
});

test('AES output round-trips between helm and us', () => {
  const secret = 'multi-line\nplain text ✓ that spans several AES blocks';
  const [fromHelm] = helmEval([`{{ encryptAES "passw0rd" ${q(secret)} }}`]);
  assert.equal(call('decryptAES', 'passw0rd', fromHelm), secret);
  const ours = call('encryptAES', 'passw0rd', secret) as string;
  assert.deepEqual(helmEval([`{{ decryptAES "passw0rd" ${q(ours)} }}`]), [secret]);
  const longKey = 'k'.repeat(40);
  assert.deepEqual(helmEval([`{{ decryptAES ${q(longKey)} ${q(call('encryptAES', longKey, 'x') as string)} }}`]), ['x']);
  for (const bad of ['!!', 'YWJj', 'YWJjZGVmZ2hpamtsbW5vcGFiY2RlZmdoaWprbG1ub3A=']) {
    const helm = helmError(`{{ decryptAES "k" ${q(bad)} }}`) ?? '';
    assert.throws(() => call('decryptAES', 'k', bad), (err: Error) =>
      helm.includes(`error calling decryptAES: ${err.message}`) || assert.fail(`helm: ${helm}\nours: ${err.message}`));
  }
});

function describeKey(pem: string) {
  const block = pemDecode(pem);
  assert.ok(block, pem);
  if (block.type === 'DSA PRIVATE KEY') {
    const fields = derChildren(readDer(block.bytes));
    return { type: block.type, fields: fields.length, pBits: (fields[1].content.length - 1) * 8, qBytes: fields[2].content.length };
  }
  const key = createPrivateKey(pem);
  return { type: block.type, alg: key.asymmetricKeyType, details: json(key.asymmetricKeyDetails), trailingNewline: pem.endsWith('-----\n') };
}

test('genPrivateKey gives keys of the type, size and PEM form helm gives', () => {
  const types = ['rsa', '', 'ecdsa', 'ed25519', 'dsa'];
  const helm = helmEval(types.map((t) => `{{ genPrivateKey ${q(t)} }}`));
  types.forEach((t, i) => assert.deepEqual(describeKey(call('genPrivateKey', t) as string), describeKey(helm[i]), t));
});

const oidOf = (el: DerElement) => el.content.toString('hex');

/** Everything about a certificate that is not random: fields, extensions, key type. */
function describeCert(pem: string) {
  const block = pemDecode(pem);
  assert.ok(block && block.type === 'CERTIFICATE', pem);
  const [tbs, sigAlg] = derChildren(readDer(block.bytes));
  const f = derChildren(tbs);
  const cert = new X509Certificate(block.bytes);
  const [notBefore, notAfter] = derChildren(f[4]);
  const spki = derChildren(f[6]);
  const keyBits = derChildren(f[6])[1].content.subarray(1);
  const extensions = derChildren(derChildren(f[7])[0]).map((ext) => {
    const parts = derChildren(ext);
    const oid = oidOf(parts[0]);
    const value = parts[parts.length - 1].content;
    const random = oid === '551d0e' || oid === '551d23'; // subject / authority key ids
    return { oid, critical: parts.length === 3, value: random ? `${value.length} bytes` : value.toString('hex') };
  });
  const skid = derChildren(derChildren(f[7])[0]).map(derChildren).find((p) => oidOf(p[0]) === '551d0e');
  return {
    version: f[0].raw.toString('hex'),
    serialAtMost17Bytes: f[1].content.length <= 17,
    signature: f[2].raw.toString('hex'),
    sameOuterSignature: sigAlg.raw.equals(f[2].raw),
    issuer: f[3].raw.toString('hex'),
    validityTags: [notBefore.tag, notAfter.tag],
    validDays: Math.round((Date.parse(cert.validTo) - Date.parse(cert.validFrom)) / 86_400_000),
    startsNow: Math.abs(Date.parse(cert.validFrom) - Date.now()) < 120_000,
    subject: f[5].raw.toString('hex'),
    publicKeyAlgorithm: spki[0].raw.toString('hex'),
    keyDetails: json(cert.publicKey.asymmetricKeyDetails),
    skidIsTruncatedSha256: skid ? readDer(skid[1].content).content.equals(createHash('sha256').update(keyBits).digest().subarray(0, 20)) : 'none',
    extensions,
  };
}

const CERT_SNIPPETS: Record<string, string> = {
  ca: '{{ $c := genCA "my-ca" 365 }}',
  caEmptyCN: '{{ $c := genCA "" 10 }}',
  caEcdsa: '{{ $c := genCAWithKey "ec-ca" 30 (genPrivateKey "ecdsa") }}',
  caEd25519: '{{ $c := genCAWithKey "ed-ca" 30 (genPrivateKey "ed25519") }}',
  selfSigned: '{{ $c := genSelfSignedCert "*.example.com" (list "10.0.0.1" "::1" "::ffff:192.168.1.1") (list "a.example.com" "b") 3650 }}',
  selfSignedNoSans: '{{ $c := genSelfSignedCert "plain" nil nil 1 }}',
  selfSignedEmptyCN: '{{ $c := genSelfSignedCert "" (list "127.0.0.1") nil 1 }}',
  selfSignedEc: '{{ $c := genSelfSignedCertWithKey "ec" nil (list "ec.local") 5 (genPrivateKey "ecdsa") }}',
  signed: '{{ $ca := genCA "root" 100 }}{{ $c := genSignedCert "leaf" (list "1.2.3.4") (list "leaf.svc") 30 $ca }}',
  signedByEcCa: '{{ $ca := genCAWithKey "root" 100 (genPrivateKey "ecdsa") }}{{ $c := genSignedCertWithKey "leaf" nil (list "x") 30 $ca (genPrivateKey "ed25519") }}',
  signedSameCN: '{{ $ca := genCA "same" 100 }}{{ $c := genSignedCert "same" nil nil 30 $ca }}',
};

function ourCert(name: string): Certificate {
  const ca = () => call('genCA', 'root', 100n);
  const list = (...items: string[]) => items as GoValue[];
  const made: Record<string, () => GoValue> = {
    ca: () => call('genCA', 'my-ca', 365n),
    caEmptyCN: () => call('genCA', '', 10n),
    caEcdsa: () => call('genCAWithKey', 'ec-ca', 30n, call('genPrivateKey', 'ecdsa')),
    caEd25519: () => call('genCAWithKey', 'ed-ca', 30n, call('genPrivateKey', 'ed25519')),
    selfSigned: () => call('genSelfSignedCert', '*.example.com', list('10.0.0.1', '::1', '::ffff:192.168.1.1'), list('a.example.com', 'b'), 3650n),
    selfSignedNoSans: () => call('genSelfSignedCert', 'plain', null, null, 1n),
    selfSignedEmptyCN: () => call('genSelfSignedCert', '', list('127.0.0.1'), null, 1n),
    selfSignedEc: () => call('genSelfSignedCertWithKey', 'ec', null, list('ec.local'), 5n, call('genPrivateKey', 'ecdsa')),
    signed: () => call('genSignedCert', 'leaf', list('1.2.3.4'), list('leaf.svc'), 30n, ca()),
    signedByEcCa: () => call('genSignedCertWithKey', 'leaf', null, list('x'), 30n,
      call('genCAWithKey', 'root', 100n, call('genPrivateKey', 'ecdsa')), call('genPrivateKey', 'ed25519')),
    signedSameCN: () => call('genSignedCert', 'same', null, null, 30n, call('genCA', 'same', 100n)),
  };
  const cert = made[name]();
  assert.ok(cert instanceof Certificate);
  return cert;
}

test('certificates have the structure helm gives them', () => {
  const names = Object.keys(CERT_SNIPPETS);
  const helm = helmEval(names.flatMap((n) => [`${CERT_SNIPPETS[n]}{{ $c.Cert }}`, `${CERT_SNIPPETS[n]}{{ $c.Key }}`]));
  names.forEach((name, i) => {
    const ours = ourCert(name);
    assert.deepEqual(describeCert(ours.cert), describeCert(helm[2 * i]), name);
    assert.deepEqual(describeKey(ours.key), describeKey(helm[2 * i + 1]), `${name} key`);
  });
});

test('signed certificates chain to their CA and carry its key id', () => {
  const ca = call('genCA', 'root', 100n) as Certificate;
  const leaf = call('genSignedCert', 'leaf', null, ['leaf.svc'], 30n, ca) as Certificate;
  const caCert = new X509Certificate(ca.cert);
  const leafCert = new X509Certificate(leaf.cert);
  assert.ok(leafCert.verify(caCert.publicKey));
  assert.ok(leafCert.checkIssued(caCert));
  assert.ok(caCert.verify(caCert.publicKey));
  assert.equal(ca.format(), `{${ca.cert} ${ca.key}}`);
  assert.equal(ca.field('Cert'), ca.cert);
});

test('buildCustomCert accepts helm-made PEMs and rejects what helm rejects', () => {
  const [cert, key] = helmEval(['{{ $c := genCA "x" 1 }}{{ $c.Cert | b64enc }}', '{{ genPrivateKey "ecdsa" | b64enc }}']);
  const built = call('buildCustomCert', cert, key) as Certificate;
  assert.equal(built.cert, Buffer.from(cert, 'base64').toString());
  const cases: [string, string][] = [['!', 'x'], [cert, '!'], ['aGVsbG8=', key], [cert, 'aGVsbG8=']];
  for (const [c, k] of cases) {
    const helm = helmError(`{{ buildCustomCert ${q(c)} ${q(k)} }}`) ?? '';
    assert.throws(() => call('buildCustomCert', c, k), (err: Error) =>
      helm.includes(`error calling buildCustomCert: ${err.message}`) || assert.fail(`helm: ${helm}\nours: ${err.message}`));
  }
});

test('certificate argument errors match helm', () => {
  const cases: [string, () => GoValue][] = [
    ['{{ genSelfSignedCert "x" (list "1.2.3") nil 3 }}', () => call('genSelfSignedCert', 'x', ['1.2.3'], null, 3n)],
    ['{{ genSelfSignedCert "x" (list 5) nil 3 }}', () => call('genSelfSignedCert', 'x', [5n], null, 3n)],
    ['{{ genSelfSignedCert "x" nil (list 5) 3 }}', () => call('genSelfSignedCert', 'x', null, [5n], 3n)],
    ['{{ genSelfSignedCertWithKey "x" nil nil 3 "junk" }}', () => call('genSelfSignedCertWithKey', 'x', null, null, 3n, 'junk')],
    ['{{ genCAWithKey "x" 3 (genPrivateKey "dsa") }}', () => call('genCAWithKey', 'x', 3n, call('genPrivateKey', 'dsa'))],
  ];
  for (const [snippet, ours] of cases) {
    const helm = helmError(snippet) ?? '';
    assert.throws(ours, (err: Error) => helm.includes(`: ${err.message}`) || assert.fail(`helm: ${helm}\nours: ${err.message}`));
  }
});

test('randBytes gives base64 of the requested length', () => {
  const [helm] = helmEval(['{{ randBytes 24 }}']);
  for (const value of [helm, call('randBytes', 24n) as string]) assert.equal(Buffer.from(value, 'base64').length, 24);
});
