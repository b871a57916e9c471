// `repo add|list|update|remove|index`: chart repositories in helm's own files
// (repositories.yaml, and NAME-index.yaml / NAME-charts.txt in the repository cache).
import { readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { repositoryCache, repositoryConfig } from '../helmpath/paths.ts';
import { cacheChartsFile, cacheIndexFile, downloadIndexFile } from '../repo/chart-repository.ts';
import { indexDirectory, writeIndexFile } from '../repo/index-directory.ts';
import { withFileLock } from '../repo/file-lock.ts';
import { readRepoFile, readRepoFileOrEmpty, repoEntry, repoLockPath, sameEntry, writeRepoFile } from '../repo/repo-file.ts';
import { addOutputFlag, parseTimeout } from './action-flags.ts';
import { formatStructured, type OutputFormat } from './structured-output.ts';
import { formatTable } from './table.ts';
import { join } from 'node:path';

// Repositories helm refuses, since their hosts were shut down.
const deprecatedRepos: Record<string, string> = {
  '//kubernetes-charts.storage.googleapis.com': 'https://charts.helm.sh/stable',
  '//kubernetes-charts-incubator.storage.googleapis.com': 'https://charts.helm.sh/incubator',
};

interface AddFlags {
  username?: string; password?: string; passwordStdin?: boolean; forceUpdate?: boolean; certFile?: string; keyFile?: string;
  caFile?: string; insecureSkipTlsVerify?: boolean; allowDeprecatedRepos?: boolean; passCredentials?: boolean; timeout: string;
}

function readPassword(flags: AddFlags): string {
  if (!flags.passwordStdin) process.stdout.write('Password: ');
  const text = readFileSync(0, 'utf8');
  if (!flags.passwordStdin) process.stdout.write('\n');
  return text.replace(/\n$/, '').replace(/\r$/, '');
}

async function repoAdd(name: string, url: string, flags: AddFlags): Promise<void> {
  if (!flags.allowDeprecatedRepos) {
    for (const [oldUrl, newUrl] of Object.entries(deprecatedRepos)) {
      if (url.includes(oldUrl)) throw new Error(`repo ${JSON.stringify(url)} is no longer available; try ${JSON.stringify(newUrl)} instead`);
    }
  }
  const timeoutMs = parseTimeout(flags.timeout);
  const file = repositoryConfig();
  // As helm: the whole read-modify-write of repositories.yaml holds repositories.lock.
  await withFileLock(repoLockPath(file), () => addLocked(file, name, url, flags, timeoutMs), { warn: warnOnStderr });
}

const warnOnStderr = (message: string) => process.stderr.write(`WARNING: ${message}\n`);

async function addLocked(file: string, name: string, url: string, flags: AddFlags, timeoutMs: number): Promise<void> {
  const repos = readRepoFileOrEmpty(file);
  let password = flags.password ?? '';
  if (flags.username && !password) password = readPassword(flags);
  const entry = repoEntry({
    name, url, username: flags.username ?? '', password, pass_credentials_all: flags.passCredentials === true,
    certFile: flags.certFile ?? '', keyFile: flags.keyFile ?? '', caFile: flags.caFile ?? '', insecure_skip_tls_verify: flags.insecureSkipTlsVerify === true,
  });
  if (name.includes('/')) throw new Error(`repository name (${name}) contains '/', please specify a different name without '/'`);
  const existing = repos.repositories.find((r) => r.name === name);
  if (!flags.forceUpdate && existing) {
    if (!sameEntry(existing, entry)) throw new Error(`repository name (${name}) already exists, please specify a different name`);
    process.stdout.write(`${JSON.stringify(name)} already exists with the same configuration, skipping\n`);
    return;
  }
  try {
    await downloadIndexFile(entry, repositoryCache(), timeoutMs);
  } catch (err) {
    throw new Error(`looks like ${JSON.stringify(url)} is not a valid chart repository or cannot be reached: ${(err as Error).message}`, { cause: err });
  }
  const at = repos.repositories.findIndex((r) => r.name === name);
  if (at >= 0) repos.repositories[at] = entry;
  else repos.repositories.push(entry);
  writeRepoFile(file, repos);
  process.stdout.write(`${JSON.stringify(name)} has been added to your repositories\n`);
}

function repoList(flags: { output: OutputFormat; noHeaders?: boolean }): void {
  const repos = readRepoFileOrEmpty(repositoryConfig()).repositories;
  if (repos.length === 0 && flags.output === 'table') {
    process.stderr.write('no repositories to show\n');
    return;
  }
  const rows = repos.map((r) => ({ name: r.name, url: r.url }));
  process.stdout.write(formatStructured(flags.output, rows, () => formatTable([
    ...(flags.noHeaders ? [] : [['NAME', 'URL']]), ...rows.map((r) => [r.name, r.url]),
  ])));
}

async function repoUpdate(names: string[], flags: { timeout: string }): Promise<void> {
  const timeoutMs = parseTimeout(flags.timeout);
  const file = repositoryConfig();
  const repos = readRepoFile(file);
  if (!repos || repos.repositories.length === 0) throw new Error('no repositories found. You must add one before updating');
  for (const n of names) {
    if (!repos.repositories.some((r) => r.name === n)) throw new Error(`no repositories found matching '${n}'.  Nothing will be updated`);
  }
  const chosen = repos.repositories.filter((r) => names.length === 0 || names.includes(r.name));
  process.stdout.write('Hang tight while we grab the latest from your chart repositories...\n');
  const failed: string[] = [];
  await Promise.all(chosen.map(async (r) => {
    try {
      await downloadIndexFile(r, repositoryCache(), timeoutMs);
      process.stdout.write(`...Successfully got an update from the ${JSON.stringify(r.name)} chart repository\n`);
    } catch (err) {
      process.stdout.write(`...Unable to get an update from the ${JSON.stringify(r.name)} chart repository (${r.url}):\n\t${(err as Error).message}\n`);
      failed.push(r.url);
    }
  }));
  if (failed.length > 0) throw new Error(`failed to update the following repositories: [${failed.join(' ')}]`);
  process.stdout.write('Update Complete. ⎈Happy Helming!⎈\n');
}

async function repoRemove(names: string[]): Promise<void> {
  const file = repositoryConfig();
  // helm's remove takes no lock; holding it keeps a concurrent `repo add` from losing its entry.
  // Nothing to remove: fail before the lock file is made.
  if (!readRepoFile(file)?.repositories.length) throw new Error('no repositories configured');
  await withFileLock(repoLockPath(file), async () => removeLocked(file, names), { warn: warnOnStderr });
}

function removeLocked(file: string, names: string[]): void {
  const repos = readRepoFile(file);
  if (!repos || repos.repositories.length === 0) throw new Error('no repositories configured');
  for (const name of names) {
    const at = repos.repositories.findIndex((r) => r.name === name);
    if (at < 0) throw new Error(`no repo named ${JSON.stringify(name)} found`);
    repos.repositories.splice(at, 1);
    writeRepoFile(file, repos);
    for (const cached of [cacheChartsFile(name), cacheIndexFile(name)]) rmSync(join(repositoryCache(), cached), { force: true });
    process.stdout.write(`${JSON.stringify(name)} has been removed from your repositories\n`);
  }
}

function repoIndex(dir: string, flags: { url?: string; merge?: string; json?: boolean }): void {
  const root = resolve(dir);
  writeIndexFile(indexDirectory(root, flags.url ?? '', flags.merge), join(root, 'index.yaml'), flags.json === true);
}

export function register(program: Command): void {
  const repo = program.command('repo').description('add, list, remove, update, and index chart repositories');
  repo.command('add <name> <url>').description('add a chart repository')
    .option('--username <name>', 'chart repository username')
    .option('--password <secret>', 'chart repository password')
    .option('--password-stdin', 'read chart repository password from stdin')
    .option('--force-update', 'replace (overwrite) the repo if it already exists')
    .option('--cert-file <path>', 'identify HTTPS client using this SSL certificate file')
    .option('--key-file <path>', 'identify HTTPS client using this SSL key file')
    .option('--ca-file <path>', 'verify certificates of HTTPS-enabled servers using this CA bundle')
    .option('--insecure-skip-tls-verify', 'skip tls certificate checks for the repository')
    .option('--allow-deprecated-repos', 'allow adding official repos that have been permanently deleted')
    .option('--pass-credentials', 'pass credentials to all domains')
    .option('--timeout <duration>', 'time to wait for the index file download to complete', '2m0s')
    .action(repoAdd);
  addOutputFlag(repo.command('list').alias('ls').description('list chart repositories'))
    .option('--no-headers', 'suppress headers in the output')
    .action((flags: { output: OutputFormat; headers: boolean }) => repoList({ output: flags.output, noHeaders: !flags.headers }));
  repo.command('update [repos...]').alias('up').description('update information of available charts locally from chart repositories')
    .option('--timeout <duration>', 'time to wait for the index file download to complete', '2m0s')
    .action(repoUpdate);
  repo.command('remove <repos...>').alias('rm').description('remove one or more chart repositories').action(repoRemove);
  repo.command('index <dir>').description('generate an index file given a directory containing packaged charts')
    .option('--url <url>', 'url of chart repository')
    .option('--merge <path>', 'merge the generated index into the given index')
    .option('--json', 'output in JSON format')
    .action(repoIndex);
}
