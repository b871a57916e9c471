// `registry login HOST` and `registry logout HOST`: checks the credentials against the
// registry (GET /v2/) and stores them as helm does (its registry config or the credential
// helper that names), or removes them.
import { saveCredential, removeCredential } from './credentials.ts';
import { RegistryClient, type RegistryClientOptions } from './client.ts';

export interface LoginOptions extends Omit<RegistryClientOptions, 'username' | 'password' | 'credential'> {
  username: string;
  password: string;
}

/** helm's slog warnings on stderr look like this. */
export const slogWarning = (msg: string, attrs: Record<string, string> = {}) =>
  `level=WARN msg=${JSON.stringify(msg)}${Object.entries(attrs).map(([k, v]) => ` ${k}=${v}`).join('')}\n`;

/** Logs in; returns the lines helm prints on stderr. */
export async function login(host: string, options: LoginOptions, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  let report = '';
  if (host.includes('/')) {
    report += slogWarning('registry login currently only supports registry hostname, not a repository path', { host, suggested: host.split('/')[0] });
  }
  const registryHost = host.split('/')[0];
  const credential = { username: options.username, password: options.password };
  const client = new RegistryClient(registryHost, { ...options, credential, env });
  // As helm: an OAuth2 password grant first, then (when that fails) the distribution spec's GET.
  client.forceOAuth2 = true;
  try {
    await client.ping();
  } catch {
    client.forceOAuth2 = false;
    try {
      await client.ping();
    } catch (err) {
      throw new Error(`authenticating to ${JSON.stringify(host)}: ${(err as Error).message}`);
    }
  }
  saveCredential(registryHost, credential, env);
  return `${report}Login Succeeded\n`;
}

/** Logs out (a host with no stored login is not an error, as in helm). */
export function logout(host: string, env: NodeJS.ProcessEnv = process.env): string {
  removeCredential(host, env);
  return `Removing login credentials for ${host}\n`;
}
