// `lint --with-subcharts`: the charts helm finds under each chart's charts/ folder, walked as
// Go's filepath.Walk does (names in byte order, depth first, symbolic links not followed).
import { lstatSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Each folder holding a Chart.yaml, and each .tgz/.tar.gz, under PATH/charts, in walk order. */
export function subchartPaths(chartPath: string): string[] {
  const found: string[] = [];
  const visit = (path: string): void => {
    let isDirectory: boolean;
    try {
      isDirectory = lstatSync(path).isDirectory();
    } catch {
      return; // helm's walk ignores what it cannot read, charts/ missing included
    }
    if (basename(path) === 'Chart.yaml') found.push(join(path, '..'));
    else if (path.endsWith('.tgz') || path.endsWith('.tar.gz')) found.push(path);
    if (!isDirectory) return;
    let names: string[];
    try {
      names = readdirSync(path);
    } catch {
      return;
    }
    for (const name of names.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))) visit(join(path, name));
  };
  visit(join(chartPath, 'charts'));
  return found;
}
