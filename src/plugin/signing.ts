// The PROVENANCE column of `plugin list` (helm 4.1.4 internal/plugin/signing_info.go): a link in
// $HELM_DATA_HOME/plugins is "local dev"; a copied plugin is "signed" when the NAME-VERSION.tgz
// kept at install has a clear-signed .prov listing its sha256, else "unsigned" (or why not).
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { PluginMetadata } from './metadata.ts';
import { installedPluginsDir } from './install.ts';

/** The signed text of a clear-signed message, or undefined when it is not one. */
function clearSignedText(prov: string): string | undefined {
  const m = /-----BEGIN PGP SIGNED MESSAGE-----\r?\n(?:[^\n]+\n)*?\r?\n([\s\S]*?)\r?\n-----BEGIN PGP SIGNATURE-----[\s\S]*-----END PGP SIGNATURE-----/.exec(prov);
  return m?.[1].replace(/^- /gm, '');
}

function provenanceMatches(text: string, tarball: string, tarballName: string): boolean {
  const parts = text.split('\n...\n');
  if (parts.length < 2) return false;
  let files: Record<string, unknown>;
  try {
    files = (parse(parts[1]) as { files?: Record<string, unknown> } | null)?.files ?? {};
  } catch {
    return false;
  }
  const hash = `sha256:${createHash('sha256').update(readFileSync(tarball)).digest('hex')}`;
  return Object.entries(files).some(([name, sum]) => name.includes(tarballName) && sum === hash);
}

export function provenanceStatus(metadata: PluginMetadata): string {
  const dir = join(installedPluginsDir(), metadata.name);
  let linked: boolean;
  try {
    linked = lstatSync(dir).isSymbolicLink();
  } catch {
    return 'unknown';
  }
  if (linked) return 'local dev';
  const tarballName = `${metadata.name}-${metadata.version}.tgz`;
  const tarball = join(installedPluginsDir(), tarballName);
  let prov: string;
  try {
    lstatSync(tarball);
    prov = readFileSync(`${tarball}.prov`, 'utf8');
  } catch {
    return 'unsigned';
  }
  const text = clearSignedText(prov);
  if (text === undefined) return 'invalid provenance';
  return provenanceMatches(text, tarball, tarballName) ? 'signed' : 'mismatched provenance';
}
