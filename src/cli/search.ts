// `search repo`: charts of the configured repositories, from their cached indexes, with
// helm's --version/--versions/--devel/--regexp filters and its table, JSON and YAML.
import { join } from 'node:path';
import type { Command } from 'commander';
import { SemverConstraint, SemverVersion } from '../funcs/semver.ts';
import { repositoryCache, repositoryConfig } from '../helmpath/paths.ts';
import { cacheIndexFile, loadIndexFile } from '../repo/chart-repository.ts';
import { warnToStderr } from '../repo/index-file.ts';
import { readRepoFile } from '../repo/repo-file.ts';
import { SearchIndex, sortResults, type SearchResult } from '../repo/search-index.ts';
import { addOutputFlag } from './action-flags.ts';
import { formatStructured, type OutputFormat } from './structured-output.ts';
import { formatTable } from './table.ts';

interface SearchFlags {
  regexp?: boolean; versions?: boolean; devel?: boolean; version?: string; maxColWidth: string; failOnNoResult?: boolean; output: OutputFormat;
}

function buildIndex(): SearchIndex {
  const repos = readRepoFile(repositoryConfig());
  if (!repos || repos.repositories.length === 0) throw new Error('no repositories configured');
  const index = new SearchIndex();
  for (const r of repos.repositories) {
    try {
      index.addRepo(r.name, loadIndexFile(join(repositoryCache(), cacheIndexFile(r.name))));
    } catch (err) {
      warnToStderr('repo is corrupt or missing', { repo: r.name, error: (err as Error).message });
    }
  }
  return index;
}

// The first (best) result of each chart that satisfies the constraint, or all of them with --versions.
function applyConstraint(results: SearchResult[], constraintText: string, allVersions: boolean): SearchResult[] {
  let constraint: SemverConstraint;
  try {
    constraint = new SemverConstraint(constraintText);
  } catch (err) {
    throw new Error(`an invalid version/constraint format: ${(err as Error).message}`);
  }
  const seen = new Set<string>();
  return results.filter((r) => {
    if (!allVersions && seen.has(r.name)) return false;
    let v: SemverVersion;
    try {
      v = SemverVersion.parse(r.chart.metadata.version);
    } catch {
      return false;
    }
    if (!constraint.check(v)) return false;
    seen.add(r.name);
    return true;
  });
}

// uitable's MaxColWidth (0: none): a longer cell keeps width-3 characters (at least one) and "...".
const clip = (cell: string, width: number) => (width > 0 && cell.length > width ? `${cell.slice(0, Math.max(1, width - 3))}...` : cell);

function searchRepo(keywords: string[], flags: SearchFlags): void {
  const maxWidth = Number(flags.maxColWidth);
  if (!Number.isInteger(maxWidth) || maxWidth < 0) throw new Error(`invalid argument "${flags.maxColWidth}" for "--max-col-width" flag: use a whole number`);
  const constraint = flags.version || (flags.devel ? '>0.0.0-0' : '>0.0.0');
  const index = buildIndex();
  const found = keywords.length === 0 ? index.all() : index.search(keywords.join(' '), flags.regexp === true);
  sortResults(found);
  const results = applyConstraint(found, constraint, flags.versions === true);
  if (results.length === 0 && flags.failOnNoResult) throw new Error('no results found');
  const rows = results.map((r) => ({ name: r.name, version: r.chart.metadata.version, app_version: r.chart.metadata.appVersion, description: r.chart.metadata.description }));
  process.stdout.write(formatStructured(flags.output, rows, () => rows.length === 0 ? 'No results found\n' : formatTable([
    ['NAME', 'CHART VERSION', 'APP VERSION', 'DESCRIPTION'],
    ...rows.map((r) => [r.name, r.version, r.app_version, r.description]),
  ].map((row) => row.map((c) => clip(c, maxWidth))))));
}

export function register(program: Command): void {
  const search = program.command('search').description('search for a keyword in charts');
  addOutputFlag(search.command('repo [keywords...]').description('search repositories for a keyword in charts'))
    .option('-r, --regexp', 'use regular expressions for searching repositories you have added')
    .option('-l, --versions', 'show the long listing, with each version of each chart on its own line, for repositories you have added')
    .option('--devel', 'use development versions (alpha, beta, and release candidate releases), too. Equivalent to version \'>0.0.0-0\'. If --version is set, this is ignored')
    .option('--version <constraint>', 'search using semantic versioning constraints on repositories you have added')
    .option('--max-col-width <n>', 'maximum column width for output table', '50')
    .option('--fail-on-no-result', 'search fails if no results are found')
    .action(searchRepo);
}
