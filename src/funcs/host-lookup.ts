// Go's net.LookupHost, synchronously, as helm's static (pure-Go resolver) build answers it: an IP
// literal is its own answer, then /etc/hosts (its addresses in file order), then DNS
// (dns-names.ts). The template
// engine is synchronous, so the DNS query runs in a worker thread while this thread waits on a
// shared flag.
import { readFileSync } from 'node:fs';
import { isIPv4, isIPv6 } from 'node:net';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { dnsQueryNames } from './dns-names.ts';

/** The system's hosts file; Go's pure resolver reads this path. */
const hostsFilePath = '/etc/hosts';

/** Longer than the system resolver's own timeouts (resolv.conf: 5 s, 2 attempts per server). */
const dnsWaitMs = 60_000;

/** Go's netip.Addr.String of an IPv6 address (RFC 5952: the first longest zero run becomes "::"). */
function canonicalIPv6(text: string): string {
  const [address, zone] = text.split('%', 2) as [string, string | undefined];
  let groups: number[] = [];
  const [head, tail] = address.split('::', 2) as [string, string | undefined];
  const parse = (part: string): number[] => part === '' ? [] : part.split(':').flatMap((piece) => {
    if (!piece.includes('.')) return [parseInt(piece, 16)];
    const [a, b, c, d] = piece.split('.').map(Number);
    return [(a << 8) | b, (c << 8) | d];
  });
  groups = parse(head);
  if (tail !== undefined) {
    const after = parse(tail);
    groups = [...groups, ...new Array(8 - groups.length - after.length).fill(0), ...after];
  }
  const suffix = zone === undefined ? '' : `%${zone}`;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return `::ffff:${groups[6] >> 8}.${groups[6] & 0xff}.${groups[7] >> 8}.${groups[7] & 0xff}${suffix}`;
  }
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) [best, bestLength] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = (gs: number[]) => gs.map((g) => g.toString(16)).join(':');
  if (best < 0) return hex(groups) + suffix;
  return `${hex(groups.slice(0, best))}::${hex(groups.slice(best + bestLength))}${suffix}`;
}

/** An address as Go's hosts parser keeps it (netip.ParseAddr, then String), or undefined. */
function literalAddress(text: string): string | undefined {
  if (isIPv4(text)) return text;
  const zoneless = text.split('%', 1)[0];
  return isIPv6(zoneless) && !text.endsWith('%') ? canonicalIPv6(text) : undefined;
}

/** Go's absDomainName: a name with a dot is made rooted; "localhost" stays as it is. */
const absoluteName = (name: string) => (name.includes('.') && !name.endsWith('.') ? `${name}.` : name);

/** The addresses a hosts file's text gives a name, in file order (names compared case-insensitively), as Go's readHosts. */
export function hostsFileAddresses(text: string, host: string): string[] {
  const wanted = absoluteName(host.toLowerCase());
  const addresses: string[] = [];
  for (const rawLine of text.split('\n')) {
    const fields = rawLine.split('#', 1)[0].split(/[ \t\r]+/).filter((f) => f !== '');
    if (fields.length < 2) continue;
    const address = literalAddress(fields[0]);
    if (address === undefined) continue;
    for (const name of fields.slice(1)) if (absoluteName(name.toLowerCase()) === wanted) addresses.push(address);
  }
  return addresses;
}

function staticHostAddresses(host: string): string[] {
  try {
    return hostsFileAddresses(readFileSync(hostsFilePath, 'latin1'), host);
  } catch {
    return [];
  }
}

// For each name in turn, its A and AAAA records at once (DNS only, as Go's resolver asks); the
// first name with any address answers.
const dnsWorkerSource = `
const { workerData } = require('node:worker_threads');
const resolver = new (require('node:dns').promises.Resolver)();
const none = () => [];
(async () => {
  for (const name of workerData.names) {
    const [v4, v6] = await Promise.all([resolver.resolve4(name).catch(none), resolver.resolve6(name).catch(none)]);
    if (v4.length + v6.length > 0) return [...v4, ...v6];
  }
  return [];
})().catch(none).then((found) => {
  workerData.port.postMessage(found);
  Atomics.store(workerData.done, 0, 1);
  Atomics.notify(workerData.done, 0);
});`;

/** The DNS addresses of the first of the names that has any, waited for synchronously; none when all fail. */
function dnsAddresses(names: string[]): string[] {
  if (names.length === 0) return [];
  const done = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(dnsWorkerSource, { eval: true, workerData: { names, port: port2, done }, transferList: [port2] });
  worker.unref();
  try {
    Atomics.wait(done, 0, 0, dnsWaitMs);
    return (receiveMessageOnPort(port1)?.message as string[] | undefined) ?? [];
  } finally {
    port1.close();
    void worker.terminate();
  }
}

/** Go's net.LookupHost(host) with its error dropped, as Sprig's getHostByName calls it. */
export function lookupHost(host: string): string[] {
  if (host === '') return [];
  if (literalAddress(host) !== undefined) return [host];
  const fromFile = staticHostAddresses(host);
  return fromFile.length > 0 ? fromFile : dnsAddresses(dnsQueryNames(host));
}
