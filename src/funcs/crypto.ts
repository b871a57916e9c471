// Sprig's hashing, password, random-bytes, AES and certificate functions: digests
// as hex, htpasswd/bcrypt, derivePassword (Master Password), genPrivateKey, and the
// genCA/genSelfSignedCert/genSignedCert families returning .Cert/.Key objects.
import { X509Certificate, createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, scryptSync } from 'node:crypto';
import bcryptjs from 'bcryptjs';
import { goFunc, sliceElemType, type GoFunc, type GoObject, type GoValue } from '../govalue/types.ts';
import { expectInt, expectString, goTypeName } from './arg-types.ts';
import { pemDecode, pemEncode } from './der.ts';
import { decodeStdBase64 } from './encoding.ts';
import { parseIPForSan } from './ip-address.ts';
import { generatePrivateKey, generateRsa2048, parsePrivateKeyPem, privateKeyPem, type PrivateKey } from './private-keys.ts';
import { createCertificate, issuerFromCertificate, type CertTemplate } from './x509-create.ts';

/** Sprig's certificate struct: {{ $ca.Cert }} and {{ $ca.Key }}. */
export class Certificate implements GoObject {
  readonly goType = 'sprig.certificate';
  readonly cert: string;
  readonly key: string;
  constructor(cert: string, key: string) {
    this.cert = cert;
    this.key = key;
  }
  field(name: string): GoValue | undefined {
    return name === 'Cert' ? this.cert : name === 'Key' ? this.key : undefined;
  }
  method(): GoFunc | undefined {
    return undefined;
  }
  format(): string {
    return `{${this.cert} ${this.key}}`;
  }
}

const hexDigest = (algorithm: string) => (s: GoValue) => createHash(algorithm).update(expectString(algorithm, s), 'utf8').digest('hex');

function adler32(s: string): string {
  let a = 1;
  let b = 0;
  for (const byte of Buffer.from(s, 'utf8')) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return String(((b << 16) | a) >>> 0);
}

/** Sprig's bcrypt: cost 10, "$2a$" like Go's x/crypto, and its error text as the value. */
function bcrypt(password: string): string {
  if (Buffer.byteLength(password, 'utf8') > 72) {
    return 'failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes';
  }
  return bcryptjs.hashSync(password, 10).replace(/^\$2b\$/, '$2a$');
}

const PASSWORD_TEMPLATES: Record<string, string[]> = {
  maximum: ['anoxxxxxxxxxxxxxxxxx', 'axxxxxxxxxxxxxxxxxno'],
  long: ['CvcvnoCvcvCvcv', 'CvcvCvcvnoCvcv', 'CvcvCvcvCvcvno', 'CvccnoCvcvCvcv', 'CvccCvcvnoCvcv', 'CvccCvcvCvcvno',
    'CvcvnoCvccCvcv', 'CvcvCvccnoCvcv', 'CvcvCvccCvcvno', 'CvcvnoCvcvCvcc', 'CvcvCvcvnoCvcc', 'CvcvCvcvCvccno',
    'CvccnoCvccCvcv', 'CvccCvccnoCvcv', 'CvccCvccCvcvno', 'CvcvnoCvccCvcc', 'CvcvCvccnoCvcc', 'CvcvCvccCvccno',
    'CvccnoCvcvCvcc', 'CvccCvcvnoCvcc', 'CvccCvcvCvccno'],
  medium: ['CvcnoCvc', 'CvcCvcno'],
  short: ['Cvcn'],
  basic: ['aaanaaan', 'aannaaan', 'aaannaaa'],
  pin: ['nnnn'],
};
const TEMPLATE_CHARACTERS: Record<string, string> = {
  V: 'AEIOU', C: 'BCDFGHJKLMNPQRSTVWXYZ', v: 'aeiou', c: 'bcdfghjklmnpqrstvwxyz',
  A: 'AEIOUBCDFGHJKLMNPQRSTVWXYZ', a: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz', n: '0123456789',
  o: "@&%?,=[]_:-+*$#!'^~;()/.", x: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()',
};
const MASTER_PASSWORD_SEED = 'com.lyndir.masterpassword';

const lengthPrefixed = (s: string) => {
  const bytes = Buffer.from(s, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
};

/** The Master Password algorithm (scrypt N=32768 r=8 p=2, then HMAC-SHA256 over the site). */
function derivePassword(counter: number, type: string, password: string, user: string, site: string): string {
  const templates = PASSWORD_TEMPLATES[type];
  if (!templates) return `cannot find password template ${type}`;
  const seed = Buffer.from(MASTER_PASSWORD_SEED, 'utf8');
  const key = scryptSync(Buffer.from(password, 'utf8'), Buffer.concat([seed, lengthPrefixed(user)]), 64,
    { N: 32768, r: 8, p: 2, maxmem: 256 * 1024 * 1024 });
  const counterBytes = Buffer.alloc(4);
  counterBytes.writeUInt32BE(counter);
  const digest = createHmac('sha256', key).update(Buffer.concat([seed, lengthPrefixed(site), counterBytes])).digest();
  const template = templates[digest[0] % templates.length];
  return Array.from(template, (element, i) => {
    const chars = TEMPLATE_CHARACTERS[element];
    return chars[digest[i + 1] % chars.length];
  }).join('');
}

/** AES-256 key as Sprig builds it: the password's bytes, zero-padded or cut to 32. */
function aesKey(password: string): Buffer {
  const key = Buffer.alloc(32);
  Buffer.from(password, 'utf8').copy(key, 0, 0, 32);
  return key;
}

function encryptAES(password: string, plaintext: string): string {
  if (plaintext === '') return '';
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', aesKey(password), iv); // PKCS#7 padding, as Sprig pads
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

function decryptAES(password: string, encoded: string): string {
  if (encoded === '') return '';
  const decoded = Buffer.from(decodeStdBase64(encoded));
  if (decoded.length < 16) throw new Error(`runtime error: slice bounds out of range [:16] with capacity ${decoded.length}`);
  const body = decoded.subarray(16);
  if (body.length % 16 !== 0) throw new Error('crypto/cipher: input not full blocks');
  const decipher = createDecipheriv('aes-256-cbc', aesKey(password), decoded.subarray(0, 16)).setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(body), decipher.final()]);
  // Sprig trusts the last byte as the pad length without checking it.
  const end = plain.length - (plain.length > 0 ? plain[plain.length - 1] : 0);
  if (end < 0) throw new Error(`runtime error: slice bounds out of range [:${end}]`);
  return plain.subarray(0, end).toString('utf8');
}

function expectList(fn: string, v: GoValue): GoValue[] | null {
  if (v === null) return null;
  if (!Array.isArray(v) || sliceElemType(v) !== 'interface {}') {
    throw new Error(`${fn}: wrong type for value; expected []interface {}; got ${goTypeName(v)}`);
  }
  return v;
}

function certTemplate(fn: string, cn: GoValue, ips: GoValue, dns: GoValue, days: GoValue, isCA: boolean): CertTemplate {
  const ipAddresses = (expectList(fn, ips) ?? []).map((ip) => {
    if (typeof ip !== 'string') throw new Error(`error parsing ip: ${String(ip)} is not a string`);
    const bytes = parseIPForSan(ip);
    if (!bytes) throw new Error(`error parsing ip: ${ip}`);
    return bytes;
  });
  const dnsNames = (expectList(fn, dns) ?? []).map((name) => {
    if (typeof name !== 'string') throw new Error(`error processing alternate dns name: ${String(name)} is not a string`);
    return name;
  });
  const now = Date.now();
  return {
    commonName: expectString(fn, cn),
    ipAddresses,
    dnsNames,
    notBefore: new Date(now),
    notAfter: new Date(now + expectInt(fn, days) * 86_400_000),
    isCA,
  };
}

function signingKey(key: PrivateKey) {
  if (key.kind === 'dsa') throw new Error('error creating certificate: x509: certificate private key does not implement crypto.Signer');
  return key.key;
}

function parseKeyArg(fn: string, v: GoValue): PrivateKey {
  try {
    return parsePrivateKeyPem(expectString(fn, v));
  } catch (err) {
    throw new Error(`parsing private key: ${(err as Error).message}`);
  }
}

function selfSigned(template: CertTemplate, key: PrivateKey): Certificate {
  const der = createCertificate(template, signingKey(key), 'self');
  return new Certificate(pemEncode('CERTIFICATE', der), privateKeyPem(key));
}

function signedBy(fn: string, template: CertTemplate, key: PrivateKey, ca: GoValue): Certificate {
  if (!(ca instanceof Certificate)) throw new Error(`${fn}: wrong type for value; expected sprig.certificate; got ${goTypeName(ca)}`);
  const block = pemDecode(ca.cert);
  if (!block) throw new Error('unable to decode certificate');
  try {
    new X509Certificate(block.bytes);
  } catch (err) {
    throw new Error(`error parsing certificate: decodedSignerCert.Bytes: ${(err as Error).message}`);
  }
  let caKey: PrivateKey;
  try {
    caKey = parsePrivateKeyPem(ca.key);
  } catch (err) {
    throw new Error(`error parsing private key: ${(err as Error).message}`);
  }
  const issuer = issuerFromCertificate(block.bytes, signingKey(caKey));
  const der = createCertificate(template, signingKey(key), issuer);
  return new Certificate(pemEncode('CERTIFICATE', der), privateKeyPem(key));
}

function buildCustomCert(b64cert: string, b64key: string): Certificate {
  const decode = (s: string, what: string) => {
    try {
      return Buffer.from(decodeStdBase64(s)).toString('utf8');
    } catch {
      throw new Error(`unable to decode base64 ${what}`);
    }
  };
  const cert = decode(b64cert, 'certificate');
  const key = decode(b64key, 'private key');
  const block = pemDecode(cert);
  if (!block) throw new Error('unable to decode certificate');
  try {
    new X509Certificate(block.bytes);
  } catch (err) {
    throw new Error(`error parsing certificate: decodedCert.Bytes: ${(err as Error).message}`);
  }
  try {
    parsePrivateKeyPem(key);
  } catch (err) {
    throw new Error(`error parsing private key: ${(err as Error).message}`);
  }
  return new Certificate(cert, key);
}

export const cryptoFunctions: Record<string, GoFunc> = {
  sha1sum: goFunc('sha1sum', hexDigest('sha1')),
  sha256sum: goFunc('sha256sum', hexDigest('sha256')),
  sha512sum: goFunc('sha512sum', hexDigest('sha512')),
  adler32sum: goFunc('adler32sum', (s) => adler32(expectString('adler32sum', s))),
  bcrypt: goFunc('bcrypt', (s) => bcrypt(expectString('bcrypt', s))),
  htpasswd: goFunc('htpasswd', (user, password) => {
    const name = expectString('htpasswd', user);
    if (name.includes(':')) return `invalid username: ${name}`;
    return `${name}:${bcrypt(expectString('htpasswd', password))}`;
  }),
  derivePassword: goFunc('derivePassword', (counter, type, password, user, site) => {
    const n = expectInt('derivePassword', counter);
    if (n < 0 || n > 0xffffffff) throw new Error('derivePassword: counter must fit in uint32');
    return derivePassword(n, expectString('derivePassword', type), expectString('derivePassword', password),
      expectString('derivePassword', user), expectString('derivePassword', site));
  }),
  randBytes: goFunc('randBytes', (count) => randomBytes(Math.max(0, expectInt('randBytes', count))).toString('base64')),
  genPrivateKey: goFunc('genPrivateKey', (type) => {
    const name = expectString('genPrivateKey', type);
    const key = generatePrivateKey(name);
    return key ? privateKeyPem(key) : `Unknown type ${name}`;
  }),
  encryptAES: goFunc('encryptAES', (password, text) =>
    encryptAES(expectString('encryptAES', password), expectString('encryptAES', text))),
  decryptAES: goFunc('decryptAES', (password, text) =>
    decryptAES(expectString('decryptAES', password), expectString('decryptAES', text))),
  buildCustomCert: goFunc('buildCustomCert', (cert, key) =>
    buildCustomCert(expectString('buildCustomCert', cert), expectString('buildCustomCert', key))),
  genCA: goFunc('genCA', (cn, days) => selfSigned(certTemplate('genCA', cn, null, null, days, true), generateRsa2048())),
  genCAWithKey: goFunc('genCAWithKey', (cn, days, key) =>
    selfSigned(certTemplate('genCAWithKey', cn, null, null, days, true), parseKeyArg('genCAWithKey', key))),
  genSelfSignedCert: goFunc('genSelfSignedCert', (cn, ips, dns, days) =>
    selfSigned(certTemplate('genSelfSignedCert', cn, ips, dns, days, false), generateRsa2048())),
  genSelfSignedCertWithKey: goFunc('genSelfSignedCertWithKey', (cn, ips, dns, days, key) =>
    selfSigned(certTemplate('genSelfSignedCertWithKey', cn, ips, dns, days, false), parseKeyArg('genSelfSignedCertWithKey', key))),
  genSignedCert: goFunc('genSignedCert', (cn, ips, dns, days, ca) =>
    signedBy('genSignedCert', certTemplate('genSignedCert', cn, ips, dns, days, false), generateRsa2048(), ca)),
  genSignedCertWithKey: goFunc('genSignedCertWithKey', (cn, ips, dns, days, ca, key) =>
    signedBy('genSignedCertWithKey', certTemplate('genSignedCertWithKey', cn, ips, dns, days, false),
      parseKeyArg('genSignedCertWithKey', key), ca)),
};
