// Registry credentials in Docker's config.json format, in the file helm's `registry login`
// writes (HELM_REGISTRY_CONFIG), so a login by either tool serves the other. Docker's own
// config (DOCKER_CONFIG or ~/.docker/config.json) is read as a fallback, as helm does.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { registryConfig } from '../helmpath/paths.ts';

export interface RegistryCredential {
  username: string;
  password: string;
  /** An OAuth2 refresh token ("identitytoken"), stored when logging in with a token only. */
  identityToken?: string;
}

interface AuthEntry {
  auth?: string;
  identitytoken?: string;
  registrytoken?: string;
  username?: string;
  password?: string;
}

type ConfigFile = Record<string, unknown> & { auths?: Record<string, AuthEntry> };

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
  return parsed as ConfigFile;
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
  return { username, password, identityToken: entry.identitytoken };
}

function lookup(path: string, host: string): RegistryCredential | undefined {
  const auths = readConfig(path).auths ?? {};
  const key = serverAddress(host);
  const entry = auths[key] ?? Object.entries(auths).find(([address]) => hostOf(address) === key)?.[1];
  return entry ? decode(entry, path) : undefined;
}

const dockerConfig = (env: NodeJS.ProcessEnv) => join(env.DOCKER_CONFIG || join(homedir(), '.docker'), 'config.json');

/** The stored credential for a registry host, from helm's registry config or Docker's. */
export function storedCredential(host: string, env: NodeJS.ProcessEnv = process.env): RegistryCredential | undefined {
  return lookup(registryConfig(env), host) ?? lookup(dockerConfig(env), host);
}

/** Writes the file as helm (oras) does: tab-indented JSON with sorted keys, mode 0600. */
function writeConfig(path: string, config: ConfigFile): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(sortKeys(config), null, '\t'), { mode: 0o600 });
  renameSync(tmp, path);
}

function sortKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
}

export function saveCredential(host: string, credential: RegistryCredential, env: NodeJS.ProcessEnv = process.env): void {
  const path = registryConfig(env);
  const config = readConfig(path);
  const entry: AuthEntry = {};
  if (credential.username || credential.password) entry.auth = Buffer.from(`${credential.username}:${credential.password}`).toString('base64');
  if (credential.identityToken) entry.identitytoken = credential.identityToken;
  config.auths = { ...config.auths, [serverAddress(host)]: entry };
  writeConfig(path, config);
}

/** Removes the host's entry, if there is one. */
export function removeCredential(host: string, env: NodeJS.ProcessEnv = process.env): void {
  const path = registryConfig(env);
  const config = readConfig(path);
  const key = serverAddress(host);
  if (!config.auths || !(key in config.auths)) return;
  delete config.auths[key];
  writeConfig(path, config);
}
