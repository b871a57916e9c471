// The oci:// branch of chart location: pulls the chart into helm's content cache (files named
// by the archive's sha256, so helm and Hookline share downloads), after the same archive
// checks as a repository download; with --verify also its provenance layer, checked.
import { checkedChartArchive } from '../chart/archive-check.ts';
import { verifyChartFile } from '../chart/provenance.ts';
import { contentCache } from '../helmpath/paths.ts';
import { provenanceFileName, pullChart } from '../oci/pull.ts';
import { cacheGet, cachePut, normalizeDigest } from '../repo/content-cache.ts';
import { keyring, type ChartSourceOptions, type LocatedChart } from './locate.ts';

export async function locateOciChart(reference: string, options: ChartSourceOptions, env: NodeJS.ProcessEnv = process.env): Promise<LocatedChart> {
  // --devel without --version admits pre-releases, as helm's ">0.0.0-0".
  const version = options.version || (options.devel ? '>0.0.0-0' : undefined);
  const root = contentCache(env);
  const pulled = await pullChart(reference, {
    ...options, version, env, withProv: options.verify,
    cached: (digest) => cacheGet(root, normalizeDigest(digest), '.chart') !== undefined,
  });
  const digest = normalizeDigest(pulled.layers.chart.digest);
  let path = cacheGet(root, digest, '.chart');
  if (pulled.chart) {
    try {
      checkedChartArchive(pulled.chart);
    } catch (err) {
      throw new Error(`chart pulled from ${pulled.reference} is refused: ${(err as Error).message}`, { cause: err });
    }
    path = cachePut(root, digest, pulled.chart, '.chart');
  }
  process.stderr.write(pulled.report);
  if (!options.verify) return { path: path! };
  if (!pulled.prov) throw new Error(`failed to fetch provenance "oci://${pulled.reference}.prov"`);
  const provPath = cachePut(root, digest, pulled.prov, '.prov');
  return { path: path!, provPath, verification: await verifyChartFile(path!, provPath, provenanceFileName(pulled.ref), keyring(options)) };
}
