// repositories.yaml as helm's repo.File: the repositories `repo add` records, read and written
// in helm's format (sigs.k8s.io/yaml, mode 0600) so helm and Hookline share one file.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname } from 'node:path';
import { marshalYaml } from '../codec/goyaml-emit.ts';
import { yamlToGo } from '../codec/yaml-values.ts';
import type { GoValue } from '../govalue/types.ts';

/** One repository (helm's repo.Entry). */
export interface RepoEntry {
  name: string;
  url: string;
  username: string;
  password: string;
  certFile: string;
  keyFile: string;
  caFile: string;
  insecure_skip_tls_verify: boolean;
  pass_credentials_all: boolean;
}

export interface RepoFile {
  apiVersion: string;
  generated: string;
  repositories: RepoEntry[];
}

export function repoEntry(fields: Partial<RepoEntry> & { name: string; url: string }): RepoEntry {
  return {
    username: '', password: '', certFile: '', keyFile: '', caFile: '', insecure_skip_tls_verify: false, pass_credentials_all: false,
    ...fields,
  };
}

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

function decodeEntry(raw: Record<string, unknown>): RepoEntry {
  return repoEntry({
    name: str(raw.name), url: str(raw.url), username: str(raw.username), password: str(raw.password),
    certFile: str(raw.certFile), keyFile: str(raw.keyFile), caFile: str(raw.caFile),
    insecure_skip_tls_verify: raw.insecure_skip_tls_verify === true, pass_credentials_all: raw.pass_credentials_all === true,
  });
}

/** The repositories file at `path`; undefined when it does not exist. Errors name the file. */
export function readRepoFile(path: string): RepoFile | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`couldn't load repositories file (${path}): ${(err as Error).message}`);
  }
  let raw: GoValue;
  try {
    raw = yamlToGo(text);
  } catch (err) {
    throw new Error(`failed loading file: ${path}: ${(err as Error).message}`);
  }
  const doc = (raw ?? {}) as Record<string, unknown>;
  const list = Array.isArray(doc.repositories) ? doc.repositories : [];
  return {
    apiVersion: str(doc.apiVersion), generated: str(doc.generated) || '0001-01-01T00:00:00Z',
    repositories: list.filter((e) => e !== null && typeof e === 'object').map((e) => decodeEntry(e as Record<string, unknown>)),
  };
}

/** The repositories file, or an empty one when there is none yet. */
export function readRepoFileOrEmpty(path: string): RepoFile {
  return readRepoFile(path) ?? { apiVersion: '', generated: '0001-01-01T00:00:00Z', repositories: [] };
}

export function writeRepoFile(path: string, file: RepoFile): void {
  mkdirSync(dirname(path), { recursive: true });
  const text = marshalYaml({ apiVersion: file.apiVersion, generated: file.generated, repositories: file.repositories as unknown as GoValue[] } as GoValue);
  writeFileSync(path, text, { mode: 0o600 });
}

/** The lock file helm takes while changing repositories.yaml (repositories.lock beside it). */
export function repoLockPath(repoFile: string): string {
  const ext = extname(repoFile);
  return ext && ext.length < repoFile.length ? repoFile.slice(0, -ext.length) + '.lock' : `${repoFile}.lock`;
}

export function sameEntry(a: RepoEntry, b: RepoEntry): boolean {
  return (Object.keys(a) as (keyof RepoEntry)[]).every((k) => a[k] === b[k]);
}
