// Registry authentication as the distribution spec defines it: a 401 answer's
// WWW-Authenticate challenge asks for Basic credentials, or for a Bearer token that the named
// realm issues for a scope (repository:NAME:pull,push), fetched with the credentials if any.
import type { RegistryCredential } from './credentials.ts';
import { send, type HttpResponse, type tlsSettings } from './transport.ts';

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** Parses `Bearer realm="https://auth.example/token",service="registry",scope="repository:a:pull"`. */
export function parseChallenge(header: string): Challenge {
  const space = header.indexOf(' ');
  const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
  const params: Record<string, string> = {};
  const rest = space < 0 ? '' : header.slice(space + 1);
  for (const m of rest.matchAll(/([A-Za-z_][\w-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g)) {
    params[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
  }
  return { scheme, params };
}

export const basicHeader = (c: RegistryCredential) => `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;

function unauthorized(res: HttpResponse, url: string, what: string): Error {
  return new Error(`${what} "${url}": response status code ${res.status}: ${errorText(res)}`);
}

/** The registry's own error text ("unauthorized: authentication required"), or the status. */
export function errorText(res: HttpResponse): string {
  try {
    const body = JSON.parse(res.body.toString('utf8')) as { errors?: Array<{ code?: string; message?: string; detail?: unknown }> };
    const first = body.errors?.[0];
    if (first) return `${(first.code ?? '').toLowerCase()}: ${first.message ?? ''}`;
  } catch {
    // not a JSON error body
  }
  return res.status === 401 ? 'unauthorized' : res.status === 404 ? 'not found' : `HTTP ${res.status}`;
}

/** The client id helm's token requests carry (oras's default; helm sets none). */
const CLIENT_ID = 'oras-go';

/**
 * The Authorization header answering `challenge`: Basic from the credential, or a Bearer
 * token as oras gets one for helm: a stored access token as it is; an OAuth2 token by POST
 * for an identity token (refresh_token grant) or, with `forceOAuth2` (what `registry login`
 * tries first), for the user name and password (password grant); otherwise the distribution
 * spec's GET to the realm, with the credentials as Basic auth (anonymous without them).
 */
export async function authorizationFor(challenge: Challenge, scopes: string[], credential: RegistryCredential | undefined,
  tls: ReturnType<typeof tlsSettings>, timeoutMs?: number, forceOAuth2 = false): Promise<string> {
  if (challenge.scheme === 'basic') {
    if (!credential) throw new Error(`the registry requires a user name and password: run 'registry login' or pass --username and --password`);
    if (!credential.username || !credential.password) throw new Error('missing username or password for basic auth');
    return basicHeader(credential);
  }
  if (challenge.scheme !== 'bearer') throw new Error(`unsupported authentication scheme ${JSON.stringify(challenge.scheme)}`);
  const realm = challenge.params.realm;
  if (!realm) throw new Error(`the registry's Bearer challenge names no realm`);
  const wanted = [...new Set([...scopes, ...(challenge.params.scope ? challenge.params.scope.split(' ') : [])])];
  if (credential?.accessToken) return `Bearer ${credential.accessToken}`;
  if (credential && (credential.identityToken || forceOAuth2)) {
    return `Bearer ${await oauth2Token(realm, challenge.params.service ?? '', wanted, credential, tls, timeoutMs)}`;
  }
  const tokenUrl = new URL(realm);
  if (challenge.params.service) tokenUrl.searchParams.set('service', challenge.params.service);
  for (const scope of wanted) tokenUrl.searchParams.append('scope', scope);
  tokenUrl.searchParams.sort();
  const headers: Record<string, string> = {};
  if (credential && (credential.username || credential.password)) headers.Authorization = basicHeader(credential);
  const res = await send({ method: 'GET', url: tokenUrl.toString(), headers }, tls, timeoutMs);
  return `Bearer ${tokenFrom(res, 'GET', tokenUrl.toString(), ['access_token', 'token'])}`;
}

/** The distribution spec's OAuth2 token request: a form POSTed to the realm, keys sorted as Go encodes them. */
async function oauth2Token(realm: string, service: string, scopes: string[], credential: RegistryCredential,
  tls: ReturnType<typeof tlsSettings>, timeoutMs?: number): Promise<string> {
  const fields: Record<string, string> = { client_id: CLIENT_ID, service };
  if (credential.identityToken) Object.assign(fields, { grant_type: 'refresh_token', refresh_token: credential.identityToken });
  else if (credential.username && credential.password) Object.assign(fields, { grant_type: 'password', username: credential.username, password: credential.password });
  else throw new Error('missing username or password for bearer auth');
  if (scopes.length > 0) fields.scope = scopes.join(' ');
  const form = new URLSearchParams(Object.keys(fields).sort().map((k): [string, string] => [k, fields[k]]));
  const res = await send({ method: 'POST', url: realm, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: Buffer.from(form.toString()) }, tls, timeoutMs);
  return tokenFrom(res, 'POST', realm, ['access_token']);
}

function tokenFrom(res: HttpResponse, method: string, url: string, fields: Array<'access_token' | 'token'>): string {
  if (res.status !== 200) throw unauthorized(res, url, method);
  let body: { token?: string; access_token?: string };
  try {
    body = JSON.parse(res.body.toString('utf8'));
  } catch {
    throw new Error(`${method} "${url}": the token server's answer is not JSON`);
  }
  const token = fields.map((f) => body[f]).find(Boolean);
  if (!token) throw new Error(`${method} "${url}": the token server's answer holds no token`);
  return token;
}
