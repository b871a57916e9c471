// Builds X.509 certificates the way Go's x509.CreateCertificate does for Sprig's
// templates: extension order and criticality, a truncated SHA-256 subject key id for
// CAs, authority key ids from the parent, and PrintableString/UTF8String subjects.
import { createHash, createPublicKey, randomBytes, sign, type KeyObject } from 'node:crypto';
import {
  derBitString, derBoolean, derChildren, derExplicit, derInteger, derNode, derNull, derOctets, derOid, derSequence,
  derSet, derTime, readDer, type DerElement,
} from './der.ts';

export interface CertTemplate {
  commonName: string;
  ipAddresses: Uint8Array[];
  dnsNames: string[];
  notBefore: Date;
  notAfter: Date;
  isCA: boolean;
}

/** What the issuing side contributes: its subject and key id (a parsed CA, or the template itself). */
export interface Issuer {
  rawSubject: Buffer;
  subjectKeyId?: Buffer;
  key: KeyObject;
}

const KEY_USAGE_DIGITAL_SIGNATURE = 0x80;
const KEY_USAGE_KEY_ENCIPHERMENT = 0x20;
const KEY_USAGE_CERT_SIGN = 0x04;

const isPrintable = (s: string) => /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(s);

/** pkix.Name with only a CommonName; an empty name has no attributes. */
export function encodeSubject(commonName: string): Buffer {
  if (commonName === '') return derSequence();
  const value = derNode(isPrintable(commonName) ? 0x13 : 0x0c, Buffer.from(commonName, 'utf8'));
  return derSequence(derSet(derSequence(derOid('2.5.4.3'), value)));
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return derSequence(derOid(oid), ...(critical ? [derBoolean(true)] : []), derOctets(value));
}

function keyUsage(bits: number): Buffer {
  let unused = 0;
  while (unused < 8 && !(bits & (1 << unused))) unused++;
  return derBitString(Buffer.from([bits]), unused);
}

function subjectAltNames(dnsNames: string[], ips: Uint8Array[]): Buffer {
  return derSequence(
    ...dnsNames.map((name) => derNode(0x82, Buffer.from(name, 'latin1'))),
    ...ips.map((ip) => derNode(0x87, ip)),
  );
}

/** Signature algorithm and hash Go picks for a signing key. */
function signatureAlgorithm(key: KeyObject): { algorithm: Buffer; hash: string | null } {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return { algorithm: derSequence(derOid('1.2.840.113549.1.1.11'), derNull()), hash: 'sha256' };
    case 'ec': {
      const curve = key.asymmetricKeyDetails?.namedCurve;
      const [oid, hash] = curve === 'secp384r1' ? ['1.2.840.10045.4.3.3', 'sha384']
        : curve === 'secp521r1' ? ['1.2.840.10045.4.3.4', 'sha512'] : ['1.2.840.10045.4.3.2', 'sha256'];
      return { algorithm: derSequence(derOid(oid)), hash };
    }
    case 'ed25519':
      return { algorithm: derSequence(derOid('1.3.101.112')), hash: null };
    default:
      throw new Error(`x509: unsupported key type ${key.asymmetricKeyType}`);
  }
}

/** The subjectPublicKey bits inside a SubjectPublicKeyInfo. */
function publicKeyBits(spki: Buffer): Buffer {
  return derChildren(readDer(spki))[1].content.subarray(1);
}

/** A random serial in [0, 2^128), like Sprig's rand.Int(2^128). */
function randomSerial(): bigint {
  return BigInt(`0x${randomBytes(16).toString('hex')}`);
}

/** DER of a certificate for `template`, holding `subjectKey`'s public key, signed by `issuer`. */
export function createCertificate(template: CertTemplate, subjectKey: KeyObject, issuer: Issuer | 'self'): Buffer {
  const spki = createPublicKey(subjectKey).export({ type: 'spki', format: 'der' });
  const subject = encodeSubject(template.commonName);
  const subjectKeyId = template.isCA ? createHash('sha256').update(publicKeyBits(spki)).digest().subarray(0, 20) : undefined;
  const signer: Issuer = issuer === 'self' ? { rawSubject: subject, subjectKeyId, key: subjectKey } : issuer;
  const { algorithm, hash } = signatureAlgorithm(signer.key);

  const usage = KEY_USAGE_DIGITAL_SIGNATURE | KEY_USAGE_KEY_ENCIPHERMENT | (template.isCA ? KEY_USAGE_CERT_SIGN : 0);
  const extensions = [
    extension('2.5.29.15', true, keyUsage(usage)),
    extension('2.5.29.37', false, derSequence(derOid('1.3.6.1.5.5.7.3.1'), derOid('1.3.6.1.5.5.7.3.2'))),
    extension('2.5.29.19', true, derSequence(...(template.isCA ? [derBoolean(true)] : []))),
  ];
  if (subjectKeyId) extensions.push(extension('2.5.29.14', false, derOctets(subjectKeyId)));
  if (!signer.rawSubject.equals(subject) && signer.subjectKeyId && signer.subjectKeyId.length > 0) {
    extensions.push(extension('2.5.29.35', false, derSequence(derNode(0x80, signer.subjectKeyId))));
  }
  if (template.dnsNames.length > 0 || template.ipAddresses.length > 0) {
    // Go marks the SAN critical when the subject is empty (RFC 5280 4.2.1.6).
    extensions.push(extension('2.5.29.17', template.commonName === '', subjectAltNames(template.dnsNames, template.ipAddresses)));
  }

  const tbs = derSequence(
    derExplicit(0, derInteger(2n)),
    derInteger(randomSerial()),
    algorithm,
    signer.rawSubject,
    derSequence(derTime(template.notBefore), derTime(template.notAfter)),
    subject,
    spki,
    derExplicit(3, derSequence(...extensions)),
  );
  const signature = sign(hash, tbs, signer.key);
  return derSequence(tbs, algorithm, derBitString(signature));
}

/** Subject and subject key id of a CA certificate, for signing with it. */
export function issuerFromCertificate(der: Buffer, key: KeyObject): Issuer {
  const tbsFields = derChildren(derChildren(readDer(der))[0]);
  const offset = tbsFields[0].tag === 0xa0 ? 1 : 0;
  const rawSubject = tbsFields[offset + 4].raw;
  const extensionsField = tbsFields.find((f: DerElement) => f.tag === 0xa3);
  let subjectKeyId: Buffer | undefined;
  for (const ext of extensionsField ? derChildren(derChildren(extensionsField)[0]) : []) {
    const parts = derChildren(ext);
    if (parts[0].content.equals(derOid('2.5.29.14').subarray(2))) {
      subjectKeyId = readDer(parts[parts.length - 1].content).content;
    }
  }
  return { rawSubject: Buffer.from(rawSubject), subjectKeyId, key };
}
