// Makes sure the Debian packages that tests and the demo rely on are installed, installing
// the missing ones with apt-get (the machines run as root); fails loudly otherwise.
import { execFileSync, spawnSync } from 'node:child_process';

/** Debian package for each command the tests, the demo and the lesson's hooks run. */
const packageForCommand: Record<string, string> = {
  unzip: 'unzip',
  openssl: 'openssl',
  psql: 'postgresql-client',
  pg_ctlcluster: 'postgresql',
  'redis-server': 'redis-server',
  'redis-cli': 'redis-tools',
  curl: 'curl',
  gpg: 'gpg',
};

function hasCommand(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

export function ensureSystemPackages(commands: string[] = Object.keys(packageForCommand)): void {
  const missing = [...new Set(commands.filter((c) => !hasCommand(c)).map((c) => packageForCommand[c]))];
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages: ${missing.join(' ')}; install them with: sudo apt-get install -y ${missing.join(' ')}`);
  }
  console.log(`setup: installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
}
