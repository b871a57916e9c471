// `npm test`: installs what the suites need, type-checks, then runs every test file with
// node's test runner. Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { ensureSystemPackages } from './system-deps.ts';

function run(step: string, cmd: string, args: string[]): void {
  console.log(`\n== ${step}: ${cmd} ${args.join(' ')}`);
  const result = spawnSync(cmd, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n${step} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
}

ensureSystemPackages();
run('typecheck', 'tsc', ['-p', 'tsconfig.json']);
const patterns = process.argv.slice(2);
run('tests', process.execPath, ['--test', '--test-concurrency=2', ...(patterns.length ? patterns : ['test/**/*.test.ts'])]);
