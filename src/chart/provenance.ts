// Chart provenance files (CHART.tgz.prov) as helm reads and writes them: a PGP clear-signed
// message holding the chart's Chart.yaml, "...", and the archive's SHA-256 under files:,
// checked against a binary (or armored) GnuPG keyring, or signed with a secret key from one.
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { marshalYaml } from '../codec/goyaml-emit.ts';
import { yamlToGo } from '../codec/yaml-values.ts';
import type { GoValue } from '../govalue/types.ts';
import { sha256Hex } from './archive-digest.ts';

/** Who signed a chart and what was checked (what helm prints after verifying). */
export interface Verification {
  identities: string[];
  fingerprint: string;
  fileHash: string;
  fileName: string;
}

const openpgp = () => import('openpgp');

/** A keyring that cannot be read: helm's chart verification says "failed to load keyring: <reason>", its plugin verification the reason alone. */
export class KeyringError extends Error {
  readonly reason: string;
  constructor(reason: string) {
    super(`failed to load keyring: ${reason}`);
    this.reason = reason;
  }
}

function readKeyringFile(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (err as Error).message;
    throw new KeyringError(`open ${path}: ${reason}`);
  }
}

const isArmored = (data: Uint8Array) => Buffer.from(data.subarray(0, 64)).toString('latin1').includes('-----BEGIN PGP');

async function publicKeys(path: string) {
  const pgp = await openpgp();
  const data = readKeyringFile(path);
  try {
    return isArmored(data) ? await pgp.readKeys({ armoredKeys: Buffer.from(data).toString('utf8') }) : await pgp.readKeys({ binaryKeys: data });
  } catch (err) {
    throw new KeyringError(`${path}: ${(err as Error).message}`);
  }
}

/** Checks `prov` (the .prov text) for the archive named `fileName`; throws helm's errors. */
export async function verifyProvenance(archive: Uint8Array, prov: string, fileName: string, keyring: string): Promise<Verification> {
  const pgp = await openpgp();
  const keys = await publicKeys(keyring);
  let message;
  try {
    message = await pgp.readCleartextMessage({ cleartextMessage: prov });
  } catch {
    throw new Error('signature block not found');
  }
  const result = await pgp.verify({ message, verificationKeys: keys });
  const signature = result.signatures[0];
  if (!signature) throw new Error('signature block not found');
  const signer = keys.find((k) => k.getKeys(signature.keyID).length > 0);
  if (!signer) throw new Error('openpgp: signature made by unknown entity');
  try {
    await signature.verified;
  } catch (err) {
    throw new Error(`openpgp: invalid signature: ${(err as Error).message}`);
  }
  const parts = message.getText().split('\n...\n');
  if (parts.length < 2) throw new Error('message block must have at least two parts');
  const sums = (yamlToGo(parts[1]) ?? {}) as { files?: Record<string, string> };
  const sum = `sha256:${sha256Hex(archive)}`;
  const listed = sums.files?.[fileName];
  if (listed === undefined) throw new Error(`provenance does not contain a SHA for a file named ${JSON.stringify(fileName)}`);
  if (listed !== sum) throw new Error(`sha256 sum does not match for ${fileName}: ${JSON.stringify(listed)} != ${JSON.stringify(sum)}`);
  return { identities: signer.getUserIDs(), fingerprint: signer.getFingerprint().toUpperCase(), fileHash: sum, fileName };
}

/** helm's VerifyChart: `path` must be a .tgz archive, checked against `provPath` under `fileName`. */
export async function verifyChartFile(path: string, provPath: string, fileName: string, keyring: string): Promise<Verification> {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new Error(`stat ${path}: no such file or directory`);
  }
  if (st.isDirectory()) throw new Error('unpacked charts cannot be verified');
  if (extname(fileName).toLowerCase() !== '.tgz') throw new Error('chart must be a tgz file');
  let prov: string;
  try {
    prov = readFileSync(provPath, 'utf8');
  } catch {
    throw new Error(`could not load provenance file ${provPath}: stat ${provPath}: no such file or directory`);
  }
  return verifyProvenance(readFileSync(path), prov, fileName, keyring);
}

/** helm's report after a successful verification. */
export function verificationReport(v: Verification): string {
  return `${v.identities.map((id) => `Signed by: ${id}\n`).join('')}Using Key With Fingerprint: ${v.fingerprint}\nChart Hash Verified: ${v.fileHash}\n`;
}

/** The .prov text for an archive: Chart.yaml as helm encodes it, "...", the sums, clear-signed. */
export async function signProvenance(archive: Uint8Array, fileName: string, metadataYaml: string, keyring: string, keyName: string, passphrase?: string): Promise<string> {
  const pgp = await openpgp();
  const data = readKeyringFile(keyring);
  let keys;
  try {
    keys = isArmored(data) ? await pgp.readPrivateKeys({ armoredKeys: Buffer.from(data).toString('utf8') }) : await pgp.readPrivateKeys({ binaryKeys: data });
  } catch {
    throw new Error('provided key is not a private key. Try providing a keyring with secret keys');
  }
  const exact = keys.filter((k) => k.getUserIDs().includes(keyName));
  const partial = keys.filter((k) => k.getUserIDs().some((id) => id.includes(keyName)));
  if (exact.length === 0 && partial.length > 1) throw new Error(`more than one key contain the id ${JSON.stringify(keyName)}`);
  let key = exact[0] ?? partial[0];
  if (!key) throw new Error('private key not found');
  if (!key.isDecrypted()) {
    if (passphrase === undefined) throw new Error(`the key ${JSON.stringify(key.getUserIDs()[0] ?? keyName)} is protected by a passphrase: pass --passphrase-file`);
    key = await pgp.decryptKey({ privateKey: key, passphrase });
  }
  const text = `${metadataYaml}\n...\n${marshalYaml({ files: { [fileName]: `sha256:${sha256Hex(archive)}` } } as GoValue)}`;
  const signed = await pgp.sign({
    message: await pgp.createCleartextMessage({ text }), signingKeys: key,
    config: { preferredHashAlgorithm: pgp.enums.hash.sha512 },
  });
  // helm's clearsign output ends right after the armor's last line.
  return signed.replace(/\n$/, '');
}
