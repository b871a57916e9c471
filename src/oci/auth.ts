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

/**
 * The Authorization header answering `challenge`: Basic from the credential, or a Bearer
 * token from the challenge's realm (anonymous when there is no credential).
 */
export async function authorizationFor(challenge: Challenge, scopes: string[], credential: RegistryCredential | undefined,
  tls: ReturnType<typeof tlsSettings>, timeoutMs?: number): Promise<string> {
  if (challenge.scheme === 'basic') {
    if (!credential) throw new Error(`the registry requires a user name and password: run 'registry login' or pass --username and --password`);
    return basicHeader(credential);
  }
  if (challenge.scheme !== 'bearer') throw new Error(`unsupported authentication scheme ${JSON.stringify(challenge.scheme)}`);
  const realm = challenge.params.realm;
  if (!realm) throw new Error(`the registry's Bearer challenge names no realm`);
  const tokenUrl = new URL(realm);
  if (challenge.params.service) tokenUrl.searchParams.append('service', challenge.params.service);
  const wanted = new Set([...scopes, ...(challenge.params.scope ? challenge.params.scope.split(' ') : [])]);
  for (const scope of wanted) tokenUrl.searchParams.append('scope', scope);
  const headers: Record<string, string> = {};
  if (credential?.identityToken) {
    // An identity token is an OAuth2 refresh token, traded for an access token by POST.
    const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: credential.identityToken, client_id: 'hookline', service: challenge.params.service ?? '' });
    for (const scope of wanted) form.append('scope', scope);
    const res = await send({ method: 'POST', url: realm, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: Buffer.from(form.toString()) }, tls, timeoutMs);
    return `Bearer ${tokenFrom(res, realm)}`;
  }
  if (credential) headers.Authorization = basicHeader(credential);
  const res = await send({ method: 'GET', url: tokenUrl.toString(), headers }, tls, timeoutMs);
  return `Bearer ${tokenFrom(res, tokenUrl.toString())}`;
}

function tokenFrom(res: HttpResponse, url: string): string {
  if (res.status !== 200) throw unauthorized(res, url, 'GET');
  let body: { token?: string; access_token?: string };
  try {
    body = JSON.parse(res.body.toString('utf8'));
  } catch {
    throw new Error(`GET "${url}": the token server's answer is not JSON`);
  }
  const token = body.token || body.access_token;
  if (!token) throw new Error(`GET "${url}": the token server's answer holds no token`);
  return token;
}
