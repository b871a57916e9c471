// The oci:// branch of chart location: pulls the chart into helm's content cache
// (HELM_CONTENT_CACHE, files named by the archive's sha256 as helm names them, so both tools
// share it) and returns the cached archive's path.
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChartSourceOptions } from '../chartref/locate.ts';
import { cacheHome } from '../helmpath/paths.ts';
import { pullChart } from './pull.ts';

/** Helm's content cache folder. */
export const contentCache = (env: NodeJS.ProcessEnv = process.env) => env.HELM_CONTENT_CACHE || join(cacheHome(env), 'content');

/** Where helm's content cache keeps the chart archive with this sha256 digest. */
export function cachedChartPath(digest: string, env: NodeJS.ProcessEnv = process.env): string {
  const hex = digest.replace(/^sha256:/, '');
  return join(contentCache(env), hex.slice(0, 2), `${hex}.chart`);
}

export async function locateOciChart(reference: string, options: ChartSourceOptions, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  // --devel without --version admits pre-releases, as helm's ">0.0.0-0".
  const version = options.version || (options.devel ? '>0.0.0-0' : undefined);
  const pulled = await pullChart(reference, {
    ...options, version, env,
    cached: (digest) => existsSync(cachedChartPath(digest, env)),
  });
  const path = cachedChartPath(pulled.layers.chart.digest, env);
  if (pulled.chart) {
    mkdirSync(join(path, '..'), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, pulled.chart);
    renameSync(tmp, path);
  }
  process.stderr.write(pulled.report);
  return path;
}
