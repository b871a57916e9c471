// getHostByName. Helm renders with DNS lookups disabled unless --enable-dns is given, and then
// the function returns "" for every name; with it, Sprig's function answers one of the name's
// addresses, chosen at random, and fails (Go's rand.Intn panic) when there is none.
import { goFunc, type GoFunc } from '../govalue/types.ts';
import { expectString } from './arg-types.ts';
import { lookupHost } from './host-lookup.ts';

export const networkFunctions: Record<string, GoFunc> = {
  getHostByName: goFunc('getHostByName', (name) => {
    expectString('getHostByName', name);
    return '';
  }),
};

/** The functions that replace networkFunctions when DNS lookups are enabled (--enable-dns). */
export const dnsNetworkFunctions: Record<string, GoFunc> = {
  getHostByName: goFunc('getHostByName', (name) => {
    expectString('getHostByName', name);
    const addresses = lookupHost(name as string);
    if (addresses.length === 0) throw new Error('invalid argument to Intn');
    return addresses[Math.floor(Math.random() * addresses.length)];
  }),
};
