// Value sources that are URLs (`-f https://...`, `--set-file key=http://...`), fetched as helm's
// getters fetch them: read before the values are merged, so that merging stays synchronous and
// each fetch error still surfaces where helm reports it, in the order of the sources.
import { httpGet } from '../repo/http-get.ts';

/** What fetching one URL gave: its body, or helm's error text. */
export type FetchedValueSource = { data: string } | { error: string };

/** Helm picks a getter by the URL's scheme (Go's url.Parse lowercases it); only http and https fetch values here. */
export function isValueUrl(path: string): boolean {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(path)?.[1].toLowerCase();
  return scheme === 'http' || scheme === 'https';
}

/** Thrown while merging when a URL source was not fetched yet; fetchValueUrls fetches it and merges again. */
export class UnfetchedValueUrl extends Error {
  readonly url: string;
  constructor(url: string) {
    super(`values URL ${url} was read before it was fetched`);
    this.url = url;
  }
}

/**
 * Fetches every URL the merge reads, in the order it reads them: merges with what is fetched so
 * far, and on the first URL not yet fetched, fetches it and merges again. A merge error other
 * than a missing URL ends the discovery (the real merge reports it before any later URL).
 */
export async function fetchValueUrls(
  merge: (fetched: ReadonlyMap<string, FetchedValueSource>) => unknown,
  get: (url: string) => Promise<Buffer> = (url) => httpGet(url),
): Promise<Map<string, FetchedValueSource>> {
  const fetched = new Map<string, FetchedValueSource>();
  for (;;) {
    try {
      merge(fetched);
      return fetched;
    } catch (err) {
      if (!(err instanceof UnfetchedValueUrl)) return fetched;
      fetched.set(err.url, await get(err.url).then((body) => ({ data: body.toString('utf8') }), (e: Error) => ({ error: e.message })));
    }
  }
}
