// The agent's HTTPS endpoint (the node's kubeletEndpoint): serves /containerLogs/{ns}/{pod}/{container}
// with follow, tailLines, sinceSeconds, sinceTime, timestamps, limitBytes and previous, as the
// apiserver proxies them for `kubectl logs`.
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderRecords, type LogQuery, type LogRecord, type LogStore } from './log-store.ts';
import type { ServingCert } from './tls.ts';

/** How the server finds a pod's log attempt: undefined when the pod or container is not on this node. */
export type LogLocator = (namespace: string, pod: string, container: string, previous: boolean) =>
  { uid: string; attempt: number } | { error: string } | undefined;

function parseQuery(params: URLSearchParams): LogQuery & { follow: boolean; previous: boolean } {
  const number = (name: string) => (params.has(name) ? Number(params.get(name)) : undefined);
  const sinceSeconds = number('sinceSeconds');
  const sinceTime = params.get('sinceTime');
  return {
    follow: params.get('follow') === 'true',
    previous: params.get('previous') === 'true',
    timestamps: params.get('timestamps') === 'true',
    tailLines: number('tailLines'),
    limitBytes: number('limitBytes'),
    sinceTime: sinceSeconds !== undefined ? new Date(Date.now() - sinceSeconds * 1000) : sinceTime ? new Date(sinceTime) : undefined,
  };
}

function serveLogs(store: LogStore, locate: LogLocator, req: IncomingMessage, res: ServerResponse, url: URL): void {
  const [namespace, pod, container] = url.pathname.split('/').slice(2).map(decodeURIComponent);
  const query = parseQuery(url.searchParams);
  const target = locate(namespace, pod, container ?? '', query.previous);
  if (!target) {
    res.writeHead(404).end(`pod "${pod}" in namespace "${namespace}" is not running on this node\n`);
    return;
  }
  if ('error' in target) {
    res.writeHead(400).end(`${target.error}\n`);
    return;
  }
  const log = store.read(target.uid, container, target.attempt);
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  if (!log) {
    res.end();
    return;
  }
  let budget = query.limitBytes ?? Infinity;
  const send = (text: string): boolean => {
    const bytes = Buffer.from(text).subarray(0, budget);
    budget -= bytes.length;
    res.write(bytes);
    return budget > 0;
  };
  const more = send(renderRecords(log.records, { ...query, limitBytes: undefined }));
  const writer = log.writer;
  if (!query.follow || !writer || writer.closed || !more) {
    res.end();
    return;
  }
  const onRecord = (record: LogRecord) => {
    if (!send(renderRecords([record], { timestamps: query.timestamps }))) finish();
  };
  const finish = () => {
    writer.off('record', onRecord);
    writer.off('close', finish);
    res.end();
  };
  writer.on('record', onRecord);
  writer.once('close', finish);
  req.once('close', finish);
}

export function startLogServer(cert: ServingCert, store: LogStore, locate: LogLocator, port = 0): Promise<{ server: Server; port: number }> {
  const server = createServer({ cert: cert.cert, key: cert.key }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://node');
    if (req.method === 'GET' && url.pathname.startsWith('/containerLogs/')) serveLogs(store, locate, req, res, url);
    else if (url.pathname === '/healthz') res.writeHead(200).end('ok');
    else res.writeHead(404).end(`hookline node agent serves /containerLogs/{namespace}/{pod}/{container} only, not ${url.pathname}\n`);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port }));
  });
}
