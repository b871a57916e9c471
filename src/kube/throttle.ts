// Client-side throttling as client-go does it for helm's --qps and --burst-limit: a token bucket
// (golang.org/x/time/rate) holding `burst` tokens, refilled at `qps` a second, each request taking
// one and waiting for it when the bucket is empty. What the two numbers mean, as client-go reads
// rest.Config: QPS 0 is 5, Burst 0 is 10, a negative QPS turns throttling off, and a burst below 1
// fails every request (with QPS set: when the client is built; else when a request waits).

/** helm's --qps and --burst-limit (HELM_QPS, HELM_BURST_LIMIT) as given. */
export interface ThrottleSettings {
  qps: number;
  burst: number;
}

/** client-go's rest.DefaultQPS and rest.DefaultBurst. */
const defaultQps = 5;
const defaultBurst = 10;

/** golang.org/x/time/rate's Limiter for one token at a time: tokens may go negative, each one owed is a wait. */
export class TokenBucket {
  readonly qps: number;
  readonly burst: number;
  private readonly now: () => number;
  private tokens: number;
  private last: number;

  /** `now` in milliseconds (a monotonic clock by default). */
  constructor(qps: number, burst: number, now: () => number = () => performance.now()) {
    this.qps = qps;
    this.burst = burst;
    this.now = now;
    // A new limiter counts as having been idle forever: full.
    this.tokens = burst;
    this.last = now();
  }

  /** Takes a token; returns how many milliseconds the caller waits before it may act. */
  reserve(): number {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + (Math.max(0, now - this.last) * this.qps) / 1000) - 1;
    this.last = now;
    return this.tokens < 0 ? (-this.tokens / this.qps) * 1000 : 0;
  }
}

export interface RequestThrottle {
  /** Resolves when the request may be sent; rejects when the settings allow none, or on abort. */
  wait(signal?: AbortSignal): Promise<void>;
}

const canceled = 'client rate limiter Wait returned an error: context canceled';

/** The bucket client-go builds from helm's settings: its size and rate, none (unthrottled), or the error every request gets. */
export function throttleLimits(settings: ThrottleSettings): { qps: number; burst: number } | { error: string } | undefined {
  // client-go's Clientset, built first, refuses a QPS without a burst.
  if (settings.qps > 0 && settings.burst <= 0) {
    return { error: 'burst is required to be greater than 0 when RateLimiter is not set and QPS is set to greater than 0' };
  }
  if (settings.qps < 0) return undefined;
  const qps = settings.qps === 0 ? defaultQps : settings.qps;
  const burst = settings.burst === 0 ? defaultBurst : settings.burst;
  if (burst < 1) return { error: `client rate limiter Wait returned an error: rate: Wait(n=1) exceeds limiter's burst ${burst}` };
  return { qps, burst };
}

/** The throttle for a client with helm's settings; undefined when requests go unthrottled. */
export function requestThrottle(settings: ThrottleSettings): RequestThrottle | undefined {
  const limits = throttleLimits(settings);
  if (limits === undefined) return undefined;
  if ('error' in limits) return { wait: () => Promise.reject(new Error(limits.error)) };
  const bucket = new TokenBucket(limits.qps, limits.burst);
  return {
    wait: (signal) => {
      if (signal?.aborted) return Promise.reject(new Error(canceled));
      const delay = bucket.reserve();
      if (delay === 0) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }, delay);
        const onAbort = () => {
          clearTimeout(timer);
          reject(new Error(canceled));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
  };
}
