// A client for one registry host speaking the OCI distribution API: ping, tags, manifests and
// blobs (pull and push), answering auth challenges with the given or stored credentials and
// checking every digest it receives.
import { createHash } from 'node:crypto';
import { authorizationFor, errorText, parseChallenge } from './auth.ts';
import { storedCredential, type RegistryCredential } from './credentials.ts';
import { send, tlsSettings, type HttpResponse, type TlsOptions } from './transport.ts';

export interface RegistryClientOptions extends TlsOptions {
  plainHttp?: boolean;
  /** Used instead of the stored login when both are given (as helm's --username/--password). */
  username?: string;
  password?: string;
  /** Exactly these credentials, ignoring any stored login (what `registry login` checks). */
  credential?: RegistryCredential;
  env?: NodeJS.ProcessEnv;
  /** Per-request limit for connecting and for each pause in a transfer (default 30 s). */
  timeoutMs?: number;
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
}

export interface FetchedManifest {
  digest: string;
  mediaType: string;
  body: Buffer;
}

export const sha256Digest = (data: Uint8Array) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

const MANIFEST_TYPES = ['application/vnd.oci.image.manifest.v1+json', 'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json'];

type Scope = 'pull' | 'pull,push';

export class RegistryClient {
  readonly host: string;
  private readonly base: string;
  private readonly tls: ReturnType<typeof tlsSettings>;
  private readonly givenCredential: RegistryCredential | undefined;
  private readonly env: NodeJS.ProcessEnv | undefined;
  /** The stored credential once looked up (a helper runs only when the registry asks). */
  private looked?: { credential: RegistryCredential | undefined };
  private readonly timeoutMs: number | undefined;
  /** Token requests use OAuth2 even for a user name and password (`registry login` tries that first). */
  forceOAuth2 = false;
  /** Authorization headers already earned, per scope ('' for the registry as a whole). */
  private readonly authorizations = new Map<string, string>();

  constructor(host: string, options: RegistryClientOptions = {}) {
    this.host = host;
    this.base = `${options.plainHttp ? 'http' : 'https'}://${host}`;
    this.tls = tlsSettings(options);
    this.timeoutMs = options.timeoutMs;
    this.env = options.env;
    this.givenCredential = options.credential ?? (options.username && options.password
      ? { username: options.username, password: options.password }
      : undefined);
  }

  private get credential(): RegistryCredential | undefined {
    if (this.givenCredential) return this.givenCredential;
    this.looked ??= { credential: storedCredential(this.host, this.env) };
    return this.looked.credential;
  }

  /** Sends a request, answering one auth challenge; `scope` is repository:NAME:ACTIONS. */
  private async request(method: string, path: string, scope: string, init: { headers?: Record<string, string>; body?: Buffer } = {}): Promise<HttpResponse> {
    const url = path.startsWith('http') ? path : this.base + path;
    const headers = { ...init.headers };
    const known = this.authorizations.get(scope) ?? this.authorizations.get('basic');
    if (known) headers.Authorization = known;
    let res = await send({ method, url, headers, body: init.body }, this.tls, this.timeoutMs);
    const challengeHeader = res.headers['www-authenticate'];
    if (res.status === 401 && challengeHeader) {
      const challenge = parseChallenge(Array.isArray(challengeHeader) ? challengeHeader[0] : challengeHeader);
      let authorization: string;
      try {
        authorization = await authorizationFor(challenge, scope ? [scope] : [], this.credential, this.tls, this.timeoutMs, this.forceOAuth2);
      } catch (err) {
        // As helm reports it: the request, then what the token server said.
        throw new Error(`${method} "${url}": ${(err as Error).message}`, { cause: err });
      }
      this.authorizations.set(challenge.scheme === 'basic' ? 'basic' : scope, authorization);
      res = await send({ method, url, headers: { ...headers, Authorization: authorization }, body: init.body }, this.tls, this.timeoutMs);
    }
    return res;
  }

  private failure(method: string, path: string, res: HttpResponse): Error {
    const url = path.startsWith('http') ? path : this.base + path;
    const hint = res.status === 401 && !this.givenCredential && !this.looked?.credential ? `; no credentials for ${this.host}: run 'registry login ${this.host}' or pass --username and --password` : '';
    return new Error(`${method} "${url}": response status code ${res.status}: ${errorText(res).replaceAll('_', ' ')}${hint}`);
  }

  private static scope(repository: string, actions: Scope) {
    return `repository:${repository}:${actions}`;
  }

  /** GET /v2/: checks the registry is there and the credentials are accepted. */
  async ping(): Promise<void> {
    const res = await this.request('GET', '/v2/', '');
    if (res.status !== 200) throw this.failure('GET', '/v2/', res);
  }

  /** Every tag of a repository, following the registry's pagination. */
  async tags(repository: string): Promise<string[]> {
    const tags: string[] = [];
    let path: string | undefined = `/v2/${repository}/tags/list`;
    while (path) {
      const res = await this.request('GET', path, RegistryClient.scope(repository, 'pull'));
      if (res.status !== 200) throw this.failure('GET', path, res);
      tags.push(...((JSON.parse(res.body.toString('utf8')) as { tags?: string[] | null }).tags ?? []));
      const next = /<([^>]+)>;\s*rel="?next"?/.exec(String(res.headers.link ?? ''));
      path = next ? new URL(next[1], this.base).pathname + new URL(next[1], this.base).search : undefined;
    }
    return tags;
  }

  /** A manifest by tag or digest; when asked by digest, the body must hash to it. */
  async manifest(repository: string, reference: string): Promise<FetchedManifest | undefined> {
    const path = `/v2/${repository}/manifests/${reference}`;
    const res = await this.request('GET', path, RegistryClient.scope(repository, 'pull'), { headers: { Accept: MANIFEST_TYPES.join(', ') } });
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw this.failure('GET', path, res);
    const digest = sha256Digest(res.body);
    if (reference.startsWith('sha256:') && digest !== reference) {
      throw new Error(`manifest ${this.host}/${repository}@${reference}: the registry sent content whose digest is ${digest}; refusing it`);
    }
    const mediaType = String(res.headers['content-type'] ?? '').split(';')[0].trim();
    return { digest, mediaType, body: res.body };
  }

  /** A blob, checked against the descriptor's digest and size. */
  async blob(repository: string, descriptor: Descriptor): Promise<Buffer> {
    let path = `/v2/${repository}/blobs/${descriptor.digest}`;
    let res = await this.request('GET', path, RegistryClient.scope(repository, 'pull'));
    // Registries backed by object storage redirect blob downloads; the target needs no auth.
    for (let hops = 0; res.status >= 300 && res.status < 400 && res.headers.location && hops < 5; hops++) {
      path = new URL(res.headers.location, this.base + path).toString();
      res = await send({ method: 'GET', url: path }, this.tls, this.timeoutMs);
    }
    if (res.status !== 200) throw this.failure('GET', path, res);
    const digest = sha256Digest(res.body);
    if (digest !== descriptor.digest || res.body.length !== descriptor.size) {
      throw new Error(`blob ${this.host}/${repository}@${descriptor.digest}: the registry sent ${res.body.length} bytes with digest ${digest}, expected ${descriptor.size} bytes with digest ${descriptor.digest}; refusing it`);
    }
    return res.body;
  }

  /** Uploads a blob unless the registry already has it (monolithic upload: POST then PUT). */
  async pushBlob(repository: string, data: Buffer): Promise<string> {
    const scope = RegistryClient.scope(repository, 'pull,push');
    const digest = sha256Digest(data);
    const headPath = `/v2/${repository}/blobs/${digest}`;
    const head = await this.request('HEAD', headPath, scope);
    if (head.status === 200) return digest;
    const startPath = `/v2/${repository}/blobs/uploads/`;
    const start = await this.request('POST', startPath, scope);
    if (start.status !== 202 || !start.headers.location) throw this.failure('POST', startPath, start);
    const upload = new URL(start.headers.location, this.base + startPath);
    upload.searchParams.set('digest', digest);
    const put = await this.request('PUT', upload.toString(), scope, { headers: { 'Content-Type': 'application/octet-stream' }, body: data });
    if (put.status !== 201) throw this.failure('PUT', upload.toString(), put);
    return digest;
  }

  /** Stores a manifest under a tag; returns its digest. */
  async pushManifest(repository: string, tag: string, body: Buffer, mediaType: string): Promise<string> {
    const path = `/v2/${repository}/manifests/${tag}`;
    const res = await this.request('PUT', path, RegistryClient.scope(repository, 'pull,push'), { headers: { 'Content-Type': mediaType }, body });
    if (res.status !== 201) throw this.failure('PUT', path, res);
    return sha256Digest(body);
  }
}
