// Private keys as Sprig handles them: generation for genPrivateKey, PEM encoding in
// Go's formats (PKCS#1 RSA, SEC 1 EC, PKCS#8 Ed25519, Sprig's own DSA structure) and
// parsing PEM keys given to the *WithKey functions.
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { derChildren, derInteger, derSequence, derToBigInt, pemDecode, pemEncode, readDer } from './der.ts';

/** A parsed key: node's KeyObject, or DSA parameters (which Go cannot sign certificates with). */
export type PrivateKey = { kind: 'node'; key: KeyObject } | { kind: 'dsa'; p: bigint; q: bigint; g: bigint; y: bigint; x: bigint };

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

function generateDsaKey(): PrivateKey {
  const { privateKey } = generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 });
  // PKCS#8: SEQ { version, SEQ { oid, SEQ { p, q, g } }, OCTET STRING { INTEGER x } }
  const info = derChildren(readDer(privateKey.export({ type: 'pkcs8', format: 'der' })));
  const [p, q, g] = derChildren(derChildren(info[1])[1]).map(derToBigInt);
  const x = derToBigInt(readDer(info[2].content));
  return { kind: 'dsa', p, q, g, x, y: modPow(g, x, p) };
}

/** Sprig's generatePrivateKey key types; undefined for an unknown type. */
export function generatePrivateKey(type: string): PrivateKey | undefined {
  switch (type) {
    case '':
    case 'rsa': return { kind: 'node', key: generateKeyPairSync('rsa', { modulusLength: 4096 }).privateKey };
    case 'dsa': return generateDsaKey();
    case 'ecdsa': return { kind: 'node', key: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey };
    case 'ed25519': return { kind: 'node', key: generateKeyPairSync('ed25519').privateKey };
    default: return undefined;
  }
}

export function generateRsa2048(): PrivateKey {
  return { kind: 'node', key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey };
}

/** pemBlockForKey: the PEM Sprig writes for a key. */
export function privateKeyPem(key: PrivateKey): string {
  if (key.kind === 'dsa') {
    return pemEncode('DSA PRIVATE KEY', derSequence(derInteger(0n), ...[key.p, key.q, key.g, key.y, key.x].map(derInteger)));
  }
  switch (key.key.asymmetricKeyType) {
    case 'rsa': return key.key.export({ type: 'pkcs1', format: 'pem' }) as string;
    case 'ec': return key.key.export({ type: 'sec1', format: 'pem' }) as string;
    default: return key.key.export({ type: 'pkcs8', format: 'pem' }) as string;
  }
}

/** Sprig's parsePrivateKeyPEM, with its error messages. */
export function parsePrivateKeyPem(text: string): PrivateKey {
  const block = pemDecode(text);
  if (!block) throw new Error('no PEM data in input');
  const load = (type: 'pkcs1' | 'sec1' | 'pkcs8', what: string): PrivateKey => {
    try {
      return { kind: 'node', key: createPrivateKey({ key: block.bytes, format: 'der', type }) };
    } catch (err) {
      throw new Error(`${what}: ${(err as Error).message}`);
    }
  };
  if (block.type === 'PRIVATE KEY') return load('pkcs8', 'decoding PEM as PKCS#8');
  if (!block.type.endsWith(' PRIVATE KEY')) throw new Error(`no private key data in PEM block of type ${block.type}`);
  switch (block.type.slice(0, -' PRIVATE KEY'.length)) {
    case 'RSA': return load('pkcs1', 'parsing RSA private key from PEM');
    case 'EC': return load('sec1', 'parsing EC private key from PEM');
    case 'DSA': {
      try {
        const [, p, q, g, y, x] = derChildren(readDer(block.bytes)).map(derToBigInt);
        return { kind: 'dsa', p, q, g, y, x };
      } catch (err) {
        throw new Error(`parsing DSA private key from PEM: ${(err as Error).message}`);
      }
    }
    default: throw new Error(`invalid private key type ${block.type}`);
  }
}
