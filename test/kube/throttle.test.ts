// Client-side throttling as client-go's: the token bucket (golang.org/x/time/rate) with an
// injected clock, what helm's --qps/--burst-limit values make of it, and how HELM_QPS and
// HELM_BURST_LIMIT are read (a value Go's strconv refuses gives helm's default).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TokenBucket, throttleLimits } from '../../src/kube/throttle.ts';
import { throttleSettings } from '../../src/cli/cluster-options.ts';

/** A clock the test moves by hand (milliseconds). */
function manualClock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1_000;
  return { now: () => t, advance: (ms) => { t += ms; } };
}

describe('token bucket', () => {
  test('a full bucket lets `burst` requests go at once, then one per 1/qps', () => {
    const clock = manualClock();
    const bucket = new TokenBucket(2, 3, clock.now);
    assert.deepEqual([bucket.reserve(), bucket.reserve(), bucket.reserve()], [0, 0, 0]);
    // Reservations queue up: each later one waits one more interval.
    assert.deepEqual([bucket.reserve(), bucket.reserve()], [500, 1000]);
  });

  test('time refills the bucket, never beyond its burst', () => {
    const clock = manualClock();
    const bucket = new TokenBucket(4, 2, clock.now);
    bucket.reserve();
    bucket.reserve();
    clock.advance(250); // one token back
    assert.equal(bucket.reserve(), 0);
    assert.equal(bucket.reserve(), 250);
    clock.advance(60_000); // a long idle time refills only `burst` tokens
    assert.deepEqual([bucket.reserve(), bucket.reserve(), bucket.reserve()], [0, 0, 250]);
  });

  test('a request that waited leaves the bucket in debt until its time has passed', () => {
    const clock = manualClock();
    const bucket = new TokenBucket(1, 1, clock.now);
    assert.equal(bucket.reserve(), 0);
    assert.equal(bucket.reserve(), 1000);
    clock.advance(1000); // the second request goes now; the third waits a full interval
    assert.equal(bucket.reserve(), 1000);
  });
});

describe('--qps and --burst-limit as client-go reads them', () => {
  test('helm\'s defaults (0 and 100): 5 a second, bursts of 100', () => {
    assert.deepEqual(throttleLimits({ qps: 0, burst: 100 }), { qps: 5, burst: 100 });
  });
  test('0 means client-go\'s default; a negative QPS turns throttling off', () => {
    assert.deepEqual(throttleLimits({ qps: 0, burst: 0 }), { qps: 5, burst: 10 });
    assert.deepEqual(throttleLimits({ qps: 2.5, burst: 7 }), { qps: 2.5, burst: 7 });
    assert.equal(throttleLimits({ qps: -1, burst: -1 }), undefined);
    assert.equal(throttleLimits({ qps: -1, burst: 5 }), undefined);
  });
  test('a burst below 1 fails every request, with client-go\'s words', () => {
    assert.deepEqual(throttleLimits({ qps: 1, burst: 0 }), { error: 'burst is required to be greater than 0 when RateLimiter is not set and QPS is set to greater than 0' });
    assert.deepEqual(throttleLimits({ qps: 0, burst: -2 }), { error: 'client rate limiter Wait returned an error: rate: Wait(n=1) exceeds limiter\'s burst -2' });
  });
  test('HELM_QPS and HELM_BURST_LIMIT: what Go parses, else helm\'s defaults', () => {
    assert.deepEqual(throttleSettings({}), { qps: 0, burst: 100 });
    assert.deepEqual(throttleSettings({ HELM_QPS: '2.5', HELM_BURST_LIMIT: '-3' }), { qps: 2.5, burst: -3 });
    assert.deepEqual(throttleSettings({ HELM_QPS: '1e1', HELM_BURST_LIMIT: '+7' }), { qps: 10, burst: 7 });
    assert.deepEqual(throttleSettings({ HELM_QPS: 'fast', HELM_BURST_LIMIT: '12x' }), { qps: 0, burst: 100 });
    assert.deepEqual(throttleSettings({ HELM_QPS: '', HELM_BURST_LIMIT: ' 5' }), { qps: 0, burst: 100 });
  });
});
