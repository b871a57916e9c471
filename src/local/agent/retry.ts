// Retries an API write that failed for a reason that passes (a timeout, a dropped connection, an API
// server restarting, 429/5xx): a pod status, binding or deletion that is silently lost leaves the pod
// stuck (Pending, never Succeeded, Terminating for ever) until something else happens to touch it.
import { setTimeout as sleep } from 'node:timers/promises';
import { KubeApiError } from '../../kube/client.ts';

const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 5_000;

/** True for an answer that will not change on a retry: the request itself is wrong or refused. */
export function isPermanent(err: unknown): boolean {
  return err instanceof KubeApiError && err.status >= 400 && err.status < 500 && err.status !== 429;
}

/**
 * Runs the write until it succeeds, fails permanently (thrown) or `stopped()` says to give up
 * (the last error is thrown). Each transient failure is logged with what is being retried.
 */
export async function retryTransient<T>(what: string, write: () => Promise<T>, stopped: () => boolean, maxAttempts = Infinity): Promise<T> {
  for (let attempt = 1, delay = FIRST_DELAY_MS; ; attempt++, delay = Math.min(delay * 2, MAX_DELAY_MS)) {
    try {
      return await write();
    } catch (err) {
      if (isPermanent(err) || stopped() || attempt >= maxAttempts) throw err;
      console.error(`${what} failed (attempt ${attempt}), retrying in ${delay} ms: ${(err as Error).message}`);
      await sleep(delay);
      if (stopped()) throw err;
    }
  }
}
