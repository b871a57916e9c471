// What the fuzz properties require of a failure: an Error of the component's own (never a
// JavaScript engine error such as TypeError or RangeError, never a non-Error), whose message
// names the input the way the component names it.
import assert from 'node:assert/strict';

const engineErrors = [TypeError, RangeError, ReferenceError, SyntaxError, EvalError, URIError];

/** Runs `work`; returns its result, or undefined when it failed as `expected` says it may. */
export function cleanly<T>(work: () => T, expected: RegExp, input: unknown): T | undefined {
  try {
    return work();
  } catch (err) {
    assert.ok(err instanceof Error, `threw a non-Error ${String(err)} for ${JSON.stringify(input)}`);
    assert.ok(!engineErrors.some((E) => err.constructor === E), `engine error ${err.name}: ${err.message} for ${JSON.stringify(input)}\n${err.stack}`);
    assert.match(err.message, expected, `the error does not name the input ${JSON.stringify(input)}`);
    return undefined;
  }
}

/** fast-check settings: a fixed seed, so a failure names a reproducible case; bounded runs. */
export const fuzzRuns = (numRuns: number) => ({ seed: 20261203, numRuns, endOnFailure: true });
