// Sprig's urlParse (URL string to a dict of its parts) and urlJoin (dict back to a URL
// string), with Go net/url semantics.
import { goFunc, isGoMap, type GoFunc, type GoMap } from '../govalue/types.ts';
import { expectString, goTypeName } from './arg-types.ts';
import { formatUrl, hostname, parseUrl, userinfoString, type GoUrl } from './url-parse.ts';

/** reflect.Kind names Sprig reports for a non-string dict value. */
function kindName(v: GoMap[string]): string {
  const type = goTypeName(v);
  if (type.startsWith('[]')) return 'slice';
  if (type.startsWith('map[')) return 'map';
  return type;
}

function stringKey(dict: GoMap, key: string): string {
  if (!(key in dict)) return '';
  const value = dict[key];
  if (typeof value !== 'string') throw new Error(`unable to parse ${key} key, must be of type string, but ${kindName(value)} found`);
  return value;
}

function urlParse(raw: string): GoMap {
  let url: GoUrl;
  try {
    url = parseUrl(raw);
  } catch (err) {
    throw new Error(`unable to parse url: ${(err as Error).message}`);
  }
  return {
    scheme: url.scheme,
    host: url.host,
    hostname: hostname(url.host),
    path: url.path,
    query: url.rawQuery,
    opaque: url.opaque,
    fragment: url.fragment,
    userinfo: url.user ? userinfoString(url.user) : '',
  };
}

function urlJoin(dict: GoMap): string {
  const url: GoUrl = {
    scheme: stringKey(dict, 'scheme'), host: stringKey(dict, 'host'), path: stringKey(dict, 'path'), rawPath: '',
    rawQuery: stringKey(dict, 'query'), opaque: stringKey(dict, 'opaque'), fragment: stringKey(dict, 'fragment'),
    omitHost: false, forceQuery: false,
  };
  const userinfo = stringKey(dict, 'userinfo');
  if (userinfo !== '') {
    try {
      url.user = parseUrl(`proto://${userinfo}@host`).user;
    } catch (err) {
      throw new Error(`unable to parse userinfo in dict: ${(err as Error).message}`);
    }
  }
  return formatUrl(url);
}

export const urlFunctions: Record<string, GoFunc> = {
  urlParse: goFunc('urlParse', (s) => urlParse(expectString('urlParse', s))),
  urlJoin: goFunc('urlJoin', (d) => {
    if (!isGoMap(d)) throw new Error(`urlJoin: wrong type for value; expected map[string]interface {}; got ${goTypeName(d)}`);
    return urlJoin(d);
  }),
};
