// One `up` or `down` at a time per state directory: test files running in parallel may all
// ask for the same cluster, and the second caller should find it running, not start another.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StateLayout } from './layout.ts';

function holderAlive(lockFile: string): boolean {
  try {
    const pid = Number(readFileSync(lockFile, 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) return false;
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function withStateLock<T>(layout: StateLayout, timeoutMs: number, action: () => Promise<T>): Promise<T> {
  mkdirSync(layout.root, { recursive: true });
  const lockFile = join(layout.root, 'lock');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (!holderAlive(lockFile)) {
        rmSync(lockFile, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(`another hookline process (pid ${readFileSync(lockFile, 'utf8')}) is starting or stopping the local cluster in ${layout.root}; wait for it, or delete ${lockFile} if that process is gone`);
      }
      await sleep(200);
    }
  }
  try {
    return await action();
  } finally {
    rmSync(lockFile, { force: true });
  }
}
