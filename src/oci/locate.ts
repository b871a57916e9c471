// The oci:// branch of chart location: pulls the chart into helm's content cache (files named
// by the archive's sha256, so helm and Hookline share downloads), after the same archive
// checks as a repository download, and returns the cached archive's path.
import { checkedChartArchive } from '../chart/archive-check.ts';
import type { ChartSourceOptions } from '../chartref/locate.ts';
import { contentCache } from '../helmpath/paths.ts';
import { cacheGet, cachePut, normalizeDigest } from '../repo/content-cache.ts';
import { pullChart } from './pull.ts';

export async function locateOciChart(reference: string, options: ChartSourceOptions, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  // --devel without --version admits pre-releases, as helm's ">0.0.0-0".
  const version = options.version || (options.devel ? '>0.0.0-0' : undefined);
  const root = contentCache(env);
  const pulled = await pullChart(reference, {
    ...options, version, env,
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
  return path!;
}
