// A token server for the test registry's token auth (the distribution spec's Bearer flow):
// checks a user name and password (Basic on GET, or an OAuth2 password grant on POST) or a
// refresh token (an OAuth2 refresh_token grant on POST) and issues an ES256 JWT with the
// certificate in its x5c header, which the registry trusts through its rootcertbundle. Every
// request is appended to a JSON-lines log for the tests to read; while the `noOAuth2` file
// exists, POSTs are answered 404 as by a token server that only speaks the GET flow. Runs as
// its own process: the tests block their event loop.
import { createPrivateKey, randomBytes, sign } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:https';

interface TokenServerConfig {
  port: number;
  tlsCert: string;
  tlsKey: string;
  signingKey: string;
  signingCert: string;
  issuer: string;
  service: string;
  username: string;
  password: string;
  refreshToken: string;
  requestLog: string;
  noOAuth2: string;
}

/** One request as the log records it (the password is only said to match or not). */
export interface TokenRequest {
  method: string;
  query: Record<string, string[]>;
  basicUser?: string;
  form?: Record<string, string>;
  contentType?: string;
  status: number;
}

const config = JSON.parse(process.argv[2]) as TokenServerConfig;
const key = createPrivateKey(readFileSync(config.signingKey));
const certDer = Buffer.from(readFileSync(config.signingCert, 'utf8').replace(/-----[^-]+-----|\s/g, ''), 'base64');
const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

function token(scopes: string[], granted: boolean): string {
  const now = Math.floor(Date.now() / 1000);
  const access = granted ? scopes.map((s) => {
    const [type, ...rest] = s.split(':');
    const actions = rest.pop()!.split(',');
    return { type, name: rest.join(':'), actions };
  }) : [];
  const header = b64url(JSON.stringify({ alg: 'ES256', typ: 'JWT', x5c: [certDer.toString('base64')] }));
  const claims = b64url(JSON.stringify({
    iss: config.issuer, sub: granted ? config.username : '', aud: config.service,
    exp: now + 300, nbf: now - 10, iat: now, jti: randomBytes(8).toString('hex'), access,
  }));
  const signature = sign('sha256', Buffer.from(`${header}.${claims}`), { key, dsaEncoding: 'ieee-p1363' });
  return `${header}.${claims}.${b64url(signature)}`;
}

const server = createServer({ cert: readFileSync(config.tlsCert), key: readFileSync(config.tlsKey) }, (req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const url = new URL(req.url ?? '/', 'https://token');
    const record: TokenRequest = { method: req.method ?? '', query: {}, status: 0, contentType: req.headers['content-type'] };
    for (const key of new Set(url.searchParams.keys())) record.query[key] = url.searchParams.getAll(key);
    const answer = (status: number, body: string) => {
      record.status = status;
      appendFileSync(config.requestLog, JSON.stringify(record) + '\n');
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(body);
    };
    let user: string | undefined;
    let pass: string | undefined;
    let scopes = url.searchParams.getAll('scope');
    if (req.method === 'POST') {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      record.form = Object.fromEntries([...form].map(([k, v]) => [k, k === 'password' ? (v === config.password ? '<the password>' : '<another>') : v]));
      if (existsSync(config.noOAuth2)) return answer(404, '{"errors":[{"code":"NOT_FOUND","message":"no OAuth2 here"}]}');
      scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
      if (form.get('grant_type') === 'password') {
        [user, pass] = [form.get('username') ?? '', form.get('password') ?? ''];
      } else if (form.get('grant_type') === 'refresh_token') {
        if (form.get('refresh_token') !== config.refreshToken) return answer(401, '{"error":"invalid_grant"}');
        [user, pass] = [config.username, config.password];
      } else {
        return answer(400, '{"error":"unsupported_grant_type"}');
      }
    } else if (req.headers.authorization?.startsWith('Basic ')) {
      const text = Buffer.from(req.headers.authorization.slice(6), 'base64').toString('utf8');
      [user, pass] = [text.slice(0, text.indexOf(':')), text.slice(text.indexOf(':') + 1)];
      record.basicUser = user;
    }
    if (user !== undefined && (user !== config.username || pass !== config.password)) {
      return answer(401, '{"errors":[{"code":"UNAUTHORIZED","message":"invalid username or password"}]}');
    }
    const issued = token(scopes.filter((s) => s.startsWith('repository:')), user !== undefined);
    answer(200, JSON.stringify({ token: issued, access_token: issued, expires_in: 300 }));
  });
});
server.listen(config.port, '127.0.0.1', () => process.stdout.write('listening\n'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
