// Value sources that are URLs (`-f https://...`, `--set-file key=http://...`, `-f oci://...`),
// fetched as helm's getters fetch them: read before the values are merged, so that merging stays
// synchronous and each fetch error still surfaces where helm reports it, in the order of the
// sources.
import { httpGet } from '../repo/http-get.ts';
import { RegistryClient } from '../oci/client.ts';
import { pullReference } from '../oci/pull.ts';
import { parseOciReference } from '../oci/reference.ts';

/** What fetching one URL gave: its body, or helm's error text. */
export type FetchedValueSource = { data: string } | { error: string };

/** Helm picks a getter by the URL's scheme (Go's url.Parse lowercases it): http, https and oci fetch values. */
export function isValueUrl(path: string): boolean {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(path)?.[1].toLowerCase();
  return scheme === 'http' || scheme === 'https' || scheme === 'oci';
}

/**
 * What helm's oci getter gives for `oci://HOST/PATH:TAG` (or `@DIGEST`): the chart layer of
 * that artifact, pulled with the stored registry login and the system's TLS roots. For a real
 * chart that is its archive, which then fails to parse as YAML, as in helm; an artifact whose
 * chart layer is a YAML file gives those values.
 */
async function ociValueSource(url: string): Promise<Buffer> {
  const ref = parseOciReference(url);
  if (!ref.tag && !ref.digest) {
    throw new Error(`${url}: a values source in a registry needs a tag or a digest (oci://HOST/PATH:TAG or oci://HOST/PATH@sha256:...); helm fails with "invalid reference" too`);
  }
  const pulled = await pullReference(new RegistryClient(ref.registry), ref);
  return pulled.chart!;
}

const fetchValueSource = (url: string) => (/^oci:/i.test(url) ? ociValueSource(url) : httpGet(url));

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
 * than a missing URL ends the discovery (the real merge reports it before any later URL). With
 * `failFast`, a failed fetch throws at once, as helm's merge does before the chart is loaded;
 * without it (stdin is a source, so an earlier error may hide there) the real merge reports it.
 */
export async function fetchValueUrls(
  merge: (fetched: ReadonlyMap<string, FetchedValueSource>) => unknown,
  failFast: boolean,
  get: (url: string) => Promise<Buffer> = fetchValueSource,
): Promise<Map<string, FetchedValueSource>> {
  const fetched = new Map<string, FetchedValueSource>();
  for (;;) {
    try {
      merge(fetched);
      return fetched;
    } catch (err) {
      if (!(err instanceof UnfetchedValueUrl)) return fetched;
      const source = await get(err.url).then((body): FetchedValueSource => ({ data: body.toString('utf8') }), (e: Error) => ({ error: e.message }));
      fetched.set(err.url, source);
      // The merge itself throws the failure, worded as for that flag (--set-file wraps it).
      if (failFast && 'error' in source) merge(fetched);
    }
  }
}
