// Registry credentials as helm keeps them (through oras): helm's registry config
// (HELM_REGISTRY_CONFIG, Docker's config.json format) first, Docker's own config (DOCKER_CONFIG
// or ~/.docker/config.json) as the fallback. In each file a host's `credHelpers` entry, else
// `credsStore`, else the platform's default helper when the file configures no auth at all
// and that helper is on PATH, names a credential helper that holds the credentials; otherwise
// they are the file's `auths` entries. Logins are stored in helm's file (or its helper).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { registryConfig } from '../helmpath/paths.ts';
import { helperErase, helperGet, helperProgram, helperStore, onPath } from './credential-helper.ts';

export interface RegistryCredential {
  username: string;
  password: string;
  /** An OAuth2 refresh token ("identitytoken", or a helper's Secret for user "<token>"). */
  identityToken?: string;
  /** A registry access token ("registrytoken"), sent as the Bearer token as it is. */
  accessToken?: string;
}

interface AuthEntry {
  auth?: string;
  identitytoken?: string;
  registrytoken?: string;
  username?: string;
  password?: string;
}

type ConfigFile = Record<string, unknown> & { auths?: Record<string, AuthEntry>; credsStore?: string; credHelpers?: Record<string, string> };

/** A helper's user name saying that its secret is an identity token (oras, Docker). */
const TOKEN_USER = '<token>';

// Docker Hub's credentials live under its legacy index address.
const serverAddress = (host: string) => (host === 'docker.io' || host === 'registry-1.docker.io' ? 'https://index.docker.io/v1/' : host);
const hostOf = (address: string) => address.replace(/^https?:\/\//, '').split('/')[0];

function readConfig(path: string): ConfigFile {
  if (!existsSync(path)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`registry config ${path} is not valid JSON (${(err as Error).message}); fix or delete it and run 'registry login' again`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`registry config ${path} must hold a JSON object`);
  const config = parsed as ConfigFile;
  const badField = (field: string, want: string) => new Error(`registry config ${path}: "${field}" must be ${want}; fix or delete it`);
  if (config.credsStore !== undefined && typeof config.credsStore !== 'string') throw badField('credsStore', 'a string (a helper name such as "pass")');
  if (config.credHelpers !== undefined && (typeof config.credHelpers !== 'object' || config.credHelpers === null
    || Object.values(config.credHelpers).some((v) => typeof v !== 'string'))) {
    throw badField('credHelpers', 'an object mapping registry hosts to helper names');
  }
  return config;
}

const authConfigured = (config: ConfigFile) => Boolean(config.credsStore) || Object.keys(config.credHelpers ?? {}).length > 0 || Object.keys(config.auths ?? {}).length > 0;

/** oras's platform default on Linux: "pass" when the pass program is installed, else "secretservice". */
function detectedHelper(env: NodeJS.ProcessEnv): string | undefined {
  const name = onPath('pass', env) ? 'pass' : 'secretservice';
  return onPath(helperProgram(name), env) ? name : undefined;
}

/** The helper that holds `address`'s credentials under this config, if any. */
function helperFor(config: ConfigFile, address: string, env: NodeJS.ProcessEnv): { name: string; detected: boolean } | undefined {
  const named = config.credHelpers?.[address] || config.credsStore;
  if (named) return { name: named, detected: false };
  if (authConfigured(config)) return undefined;
  const detected = detectedHelper(env);
  return detected ? { name: detected, detected: true } : undefined;
}

function decode(entry: AuthEntry, path: string): RegistryCredential {
  let { username = '', password = '' } = entry;
  if (entry.auth) {
    const text = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = text.indexOf(':');
    if (colon < 0) throw new Error(`registry config ${path}: an "auth" entry is not base64 of "username:password"`);
    username = text.slice(0, colon);
    password = text.slice(colon + 1);
  }
  const credential: RegistryCredential = { username, password };
  if (entry.identitytoken) credential.identityToken = entry.identitytoken;
  if (entry.registrytoken) credential.accessToken = entry.registrytoken;
  return credential;
}

const isEmpty = (c: RegistryCredential) => !c.username && !c.password && !c.identityToken && !c.accessToken;

function lookup(path: string, host: string, env: NodeJS.ProcessEnv): RegistryCredential | undefined {
  const config = readConfig(path);
  const key = serverAddress(host);
  const helper = helperFor(config, key, env);
  if (helper) {
    const found = helperGet(helper.name, key, env, path);
    if (!found) return undefined;
    return found.Username === TOKEN_USER ? { username: '', password: '', identityToken: found.Secret } : { username: found.Username, password: found.Secret };
  }
  const auths = config.auths ?? {};
  const entry = auths[key] ?? Object.entries(auths).find(([address]) => hostOf(address) === key)?.[1];
  if (!entry) return undefined;
  const credential = decode(entry, path);
  return isEmpty(credential) ? undefined : credential;
}

const dockerConfig = (env: NodeJS.ProcessEnv) => join(env.DOCKER_CONFIG || join(homedir(), '.docker'), 'config.json');

/** The stored credential for a registry host, from helm's registry config or Docker's. */
export function storedCredential(host: string, env: NodeJS.ProcessEnv = process.env): RegistryCredential | undefined {
  return lookup(registryConfig(env), host, env) ?? lookup(dockerConfig(env), host, env);
}

/** Writes the file as helm (oras) does: tab-indented JSON with sorted keys, mode 0600. */
function writeConfig(path: string, config: ConfigFile): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(sortKeys({ ...config, auths: config.auths ?? {} }), null, '\t'), { mode: 0o600 });
  renameSync(tmp, path);
}

function sortKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
}

/** Stores a login in helm's registry config, or in the helper it names. */
export function saveCredential(host: string, credential: RegistryCredential, env: NodeJS.ProcessEnv = process.env): void {
  const path = registryConfig(env);
  const config = readConfig(path);
  const key = serverAddress(host);
  const helper = helperFor(config, key, env);
  if (helper) {
    const [Username, Secret] = credential.identityToken ? [TOKEN_USER, credential.identityToken] : [credential.username, credential.password];
    helperStore(helper.name, { ServerURL: key, Username, Secret }, env, path);
    // As oras: a helper found on PATH is written down as the file's credsStore on first use.
    if (helper.detected) writeConfig(path, { ...config, credsStore: helper.name });
    return;
  }
  if (credential.username.includes(':')) {
    throw new Error(`bad credential format: colons(:) are not allowed in username ${JSON.stringify(credential.username)} when it is stored in ${path}`);
  }
  const entry: AuthEntry = {};
  if (credential.username || credential.password) entry.auth = Buffer.from(`${credential.username}:${credential.password}`).toString('base64');
  if (credential.identityToken) entry.identitytoken = credential.identityToken;
  config.auths = { ...config.auths, [key]: entry };
  writeConfig(path, config);
}

/** Removes the host's login from helm's registry config or its helper (none stored is fine). */
export function removeCredential(host: string, env: NodeJS.ProcessEnv = process.env): void {
  const path = registryConfig(env);
  const config = readConfig(path);
  const key = serverAddress(host);
  const helper = helperFor(config, key, env);
  if (helper) {
    helperErase(helper.name, key, env, path);
    return;
  }
  if (!config.auths || !(key in config.auths)) return;
  delete config.auths[key];
  writeConfig(path, config);
}
