// The names Go's pure resolver asks DNS for a host (dnsConfig.nameList): a rooted name alone,
// else the name and its search-list suffixes from /etc/resolv.conf, unsuffixed first when it
// has `ndots` dots. A name that is not a domain name (isDomainName) is never asked.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

const resolvConfPath = '/etc/resolv.conf';

const rooted = (name: string) => (name.endsWith('.') ? name : `${name}.`);

/** Go's isDomainName (RFC 1035 labels; `_` allowed; not all-numeric). */
export function isDomainName(name: string): boolean {
  if (name === '.') return true;
  if (name.length === 0 || name.length > 254 || (name.length === 254 && !name.endsWith('.'))) return false;
  let last = '.';
  let nonNumeric = false;
  let labelLength = 0;
  for (const c of name) {
    if (/[a-zA-Z_]/.test(c)) {
      nonNumeric = true;
      labelLength++;
    } else if (/[0-9]/.test(c)) {
      labelLength++;
    } else if (c === '-') {
      if (last === '.') return false;
      nonNumeric = true;
      labelLength++;
    } else if (c === '.') {
      if (last === '.' || last === '-' || labelLength === 0 || labelLength > 63) return false;
      labelLength = 0;
    } else {
      return false;
    }
    last = c;
  }
  return last !== '-' && labelLength <= 63 && nonNumeric;
}

/** resolv.conf's search list and ndots as Go reads them (default search: the host's domain). */
function searchConfig(): { search: string[]; ndots: number } {
  let search: string[] = [];
  let ndots = 1;
  let text = '';
  try {
    text = readFileSync(resolvConfPath, 'latin1');
  } catch {
    // No resolv.conf: Go's defaults.
  }
  for (const line of text.split('\n')) {
    const fields = line.split(/[ \t\r]+/).filter((f) => f !== '');
    if (fields.length === 0 || fields[0].startsWith('#') || fields[0].startsWith(';')) continue;
    if (fields[0] === 'domain' && fields.length > 1) search = [rooted(fields[1])];
    if (fields[0] === 'search') search = fields.slice(1).map(rooted).filter((s) => s !== '.');
    if (fields[0] === 'options') {
      for (const option of fields.slice(1)) {
        if (option.startsWith('ndots:')) ndots = Math.min(15, Math.max(0, Number.parseInt(option.slice(6), 10) || 0));
      }
    }
  }
  if (search.length === 0) {
    const dot = hostname().indexOf('.');
    if (dot >= 0 && dot < hostname().length - 1) search = [rooted(hostname().slice(dot + 1))];
  }
  return { search, ndots };
}

/** Go skips .onion names. */
const avoided = (name: string) => name === '' || name.replace(/\.$/, '').toLowerCase().endsWith('.onion');

/** The fully qualified names to query, in order, for a host not in /etc/hosts. */
export function dnsQueryNames(host: string): string[] {
  if (!isDomainName(host) || host.length > 254 || (host.length === 254 && !host.endsWith('.'))) return [];
  if (host.endsWith('.')) return avoided(host) ? [] : [host];
  const { search, ndots } = searchConfig();
  const name = `${host}.`;
  const enoughDots = host.split('.').length - 1 >= ndots;
  const suffixed = search.map((suffix) => name + suffix).filter((fqdn) => !avoided(fqdn) && fqdn.length <= 254);
  if (avoided(name)) return suffixed;
  return enoughDots ? [name, ...suffixed] : [...suffixed, name];
}
