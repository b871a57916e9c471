// Retries of Kubernetes API calls across a restart of the API server: calls that are safe to
// send again are repeated with capped exponential backoff while the server is away or says so.
import type { IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * How long calls keep being retried: helm's default --timeout (5m0s), or
 * HOOKLINE_KUBE_RETRY_SECONDS (tests shorten it to see the give-up path).
 */
export function retryWindowMs(): number {
  const configured = Number(process.env.HOOKLINE_KUBE_RETRY_SECONDS || NaN);
  return (Number.isFinite(configured) && configured >= 0 ? configured : 300) * 1000;
}
const firstDelayMs = 200;
const maxDelayMs = 5_000;

// The connection broke before an answer arrived. Only ECONNREFUSED proves the request never
// reached the server; after the others a POST may have been carried out.
const connectionCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ECONNABORTED']);
// Methods whose repetition has the same effect as one call (a retried DELETE may answer 404,
// which its callers take as "already gone").
const idempotentMethods = new Set(['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE']);
// The server answered that it did not serve the call now: too many requests, not ready yet.
const retryStatuses = new Set([429, 503]);

export class ApiServerUnreachableError extends Error {}

function isConnectionError(err: NodeJS.ErrnoException): boolean {
  return connectionCodes.has(err.code ?? '') || err.message === 'socket hang up';
}

function retriesAfterError(o: RetryOptions, err: NodeJS.ErrnoException): boolean {
  return isConnectionError(err) && (idempotentMethods.has(o.method) || o.repeatable || err.code === 'ECONNREFUSED');
}

/** The wait the server asked for (Retry-After in seconds), else the backoff step. */
function delayFor(res: IncomingMessage | undefined, backoffMs: number): number {
  const asked = Number(res?.headers['retry-after']);
  return Number.isFinite(asked) && asked > 0 ? Math.min(asked * 1000, maxDelayMs) : backoffMs;
}

export interface RetryOptions {
  method: string;
  /** The caller accepts a repeated POST (it handles the 409 AlreadyExists a landed first attempt causes). */
  repeatable: boolean;
  server: string;
  windowMs: number;
  signal?: AbortSignal;
  /** False until the server answered once: a server never reached fails at once, not after the window. */
  reachedBefore: () => boolean;
}

/**
 * Sends `attempt` until it is answered with neither 429 nor 503, the window ends, or the call is
 * one that may not be repeated. A connection error that ends it names the server.
 */
export async function withRetries(attempt: () => Promise<IncomingMessage>, o: RetryOptions): Promise<IncomingMessage> {
  const started = Date.now();
  const deadline = started + o.windowMs;
  let backoffMs = firstDelayMs;
  for (let tries = 1; ; tries++) {
    let res: IncomingMessage | undefined;
    let failure: NodeJS.ErrnoException | undefined;
    const reachedBefore = o.reachedBefore();
    try {
      res = await attempt();
    } catch (err) {
      failure = err as NodeJS.ErrnoException;
    }
    if (res && !retryStatuses.has(res.statusCode ?? 0)) return res;
    const retryable = res ? true : reachedBefore && retriesAfterError(o, failure!) && !o.signal?.aborted;
    const delay = delayFor(res, backoffMs);
    if (!retryable || Date.now() + delay > deadline) {
      if (res) return res; // the 429/503 answer itself, with the server's message
      // Never reached and refused: the client's own message (is the cluster running?) says it best.
      if (!isConnectionError(failure!) || (!reachedBefore && failure!.code === 'ECONNREFUSED')) throw failure;
      const after = tries > 1 ? ` (${tries} attempts over ${Math.round((Date.now() - started) / 1000)} s)` : '';
      const why = failure!.code === 'ECONNREFUSED' ? 'connection refused' : failure!.message;
      throw new ApiServerUnreachableError(`Kubernetes API server ${o.server} unreachable: ${why}${after}`, { cause: failure });
    }
    res?.resume(); // the 429/503 body is not needed: free the connection
    await sleep(delay, undefined, { signal: o.signal }).catch(() => {});
    backoffMs = Math.min(backoffMs * 2, maxDelayMs);
  }
}
