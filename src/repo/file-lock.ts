// An exclusive flock(2) lock on a file, the kind helm's gofrs/flock takes on repositories.lock,
// so Hookline and helm processes changing repositories.yaml at once wait for each other.
// Node has no flock call: the lock is held by a flock(1) child (util-linux) whose stdin is
// ours; closing it, or this process ending in any way, releases the lock.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/** How long helm waits for the lock. */
const WAIT_SECONDS = 30;
/** flock(1)'s exit code when the wait ran out (its -E). */
const TIMED_OUT = 75;

export interface LockOptions {
  /** Told once when flock(1) is not installed and the change goes ahead unlocked. */
  warn?: (message: string) => void;
  waitSeconds?: number;
}

/** Runs `change` holding the lock on `lockPath` (created, mode 0600, as helm creates it). */
export async function withFileLock<T>(lockPath: string, change: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  mkdirSync(dirname(lockPath), { recursive: true });
  closeSync(openSync(lockPath, 'a', 0o600));
  const wait = options.waitSeconds ?? WAIT_SECONDS;
  const child = spawn('flock', ['--exclusive', '--wait', String(wait), '--conflict-exit-code', String(TIMED_OUT), lockPath,
    'sh', '-c', 'echo locked; exec cat >/dev/null'], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin.on('error', () => { /* flock gone already: nothing holds the lock */ });
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const locked = await new Promise<boolean>((resolve, reject) => {
    child.stdout.once('data', () => resolve(true));
    child.once('error', (err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? resolve(false) : reject(err)));
    void exited.then((code) => {
      if (code === TIMED_OUT) reject(new Error(`timed out after ${wait} s waiting for the lock on ${lockPath} (another helm or Hookline process is changing the repositories); try again once it is done`));
      reject(new Error(`could not lock ${lockPath}: flock exited with ${code}`));
    });
  });
  if (!locked) {
    options.warn?.(`flock(1) (util-linux) is not installed: ${lockPath} is not locked, so a helm or Hookline process changing the repositories at the same time may lose this change`);
    return change();
  }
  try {
    return await change();
  } finally {
    child.stdin.end();
    await exited;
  }
}
