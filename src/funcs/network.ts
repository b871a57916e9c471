// getHostByName. Helm renders with DNS lookups disabled unless --enable-dns is given,
// and then the function returns "" for every name; that is the behaviour here.
import { goFunc, type GoFunc } from '../govalue/types.ts';
import { expectString } from './arg-types.ts';

export const networkFunctions: Record<string, GoFunc> = {
  getHostByName: goFunc('getHostByName', (name) => {
    expectString('getHostByName', name);
    return '';
  }),
};
