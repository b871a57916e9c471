// Hookline's own annotations (the hookline.dev/ namespace, which helm ignores): per-hook
// timeout, retries with backoff, allow-failure, parallel runs and kept logs; and for ordinary
// resources depends-on and waves. Read and checked strictly.
import { parseDuration } from '../funcs/duration.ts';

export const hookTimeoutAnnotation = 'hookline.dev/hook-timeout';
export const hookRetriesAnnotation = 'hookline.dev/hook-retries';
export const hookRetryBackoffAnnotation = 'hookline.dev/hook-retry-backoff';
export const hookAllowFailureAnnotation = 'hookline.dev/hook-allow-failure';
export const hookParallelAnnotation = 'hookline.dev/hook-parallel';
export const hookKeptLogAnnotation = 'hookline.dev/hook-log-kib';
export const dependsOnAnnotation = 'hookline.dev/depends-on';
export const waveAnnotation = 'hookline.dev/wave';

/** How one hook is run beyond Helm's semantics; the defaults are exactly Helm's behaviour. */
export interface HookControl {
  /** Replaces --timeout for this hook's wait; undefined: the action's --timeout. */
  timeoutMs?: number;
  /** Further attempts after a failed one, each a fresh object. */
  retries: number;
  /** Delay before the first retry; doubled for each later one (capped at maxRetryBackoffMs). */
  retryBackoffMs: number;
  /** A failure after the last attempt is reported but does not fail the phase. */
  allowFailure: boolean;
  /** May run together with neighbouring parallel hooks of the same weight. */
  parallel: boolean;
  /** KiB of each container's log end kept with the revision; 0 keeps none. */
  keptLogKiB: number;
}

export const defaultRetryBackoffMs = 1000;
export const maxRetryBackoffMs = 60_000;
/** Most retries one hook may ask for: beyond this a retry loop hides a broken hook. */
export const maxHookRetries = 20;
export const defaultKeptLogKiB = 16;
/** Most KiB of one container's log kept: a revision's logs share one Secret (1 MiB at most). */
export const maxKeptLogKiB = 256;

/** A hookline.dev/ annotation Hookline cannot honour: where (template and object), what is wrong, the fix. */
export class HookControlError extends Error {
  readonly problem: string;
  readonly fix: string;
  constructor(where: string, problem: string, fix: string) {
    super(`${where}: ${problem}; ${fix}`);
    this.problem = problem;
    this.fix = fix;
  }
}

function durationMs(value: string, annotation: string, where: string): number {
  let ns: bigint;
  try {
    ns = parseDuration(value.trim());
  } catch {
    throw new HookControlError(where, `annotation ${annotation}: "${value}" is not a duration`, 'write it as Go does, like "90s", "2m" or "1m30s"');
  }
  if (ns <= 0n) throw new HookControlError(where, `annotation ${annotation}: "${value}" is not longer than zero`, 'give a positive duration, like "30s"');
  return Number(ns / 1_000_000n);
}

function flag(value: string, annotation: string, where: string): boolean {
  const v = value.trim().toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new HookControlError(where, `annotation ${annotation}: "${value}" is not a boolean`, 'write "true" or "false"');
}

function wholeNumber(value: string, annotation: string, max: number, where: string): number {
  const v = value.trim();
  if (!/^[0-9]+$/.test(v) || Number(v) > max) {
    throw new HookControlError(where, `annotation ${annotation}: "${value}" is out of range`, `write a whole number from 0 to ${max}`);
  }
  return Number(v);
}

/**
 * The hook control an object's annotations ask for. `where` names the object (template path
 * and kind/name) in errors. Throws HookControlError on a value it cannot use.
 */
export function parseHookControl(annotations: Record<string, string> | undefined, where: string): HookControl {
  const a = annotations ?? {};
  const control: HookControl = { retries: 0, retryBackoffMs: defaultRetryBackoffMs, allowFailure: false, parallel: false, keptLogKiB: defaultKeptLogKiB };
  if (a[hookTimeoutAnnotation] !== undefined) control.timeoutMs = durationMs(a[hookTimeoutAnnotation], hookTimeoutAnnotation, where);
  if (a[hookRetriesAnnotation] !== undefined) control.retries = wholeNumber(a[hookRetriesAnnotation], hookRetriesAnnotation, maxHookRetries, where);
  if (a[hookKeptLogAnnotation] !== undefined) control.keptLogKiB = wholeNumber(a[hookKeptLogAnnotation], hookKeptLogAnnotation, maxKeptLogKiB, where);
  if (a[hookRetryBackoffAnnotation] !== undefined) control.retryBackoffMs = durationMs(a[hookRetryBackoffAnnotation], hookRetryBackoffAnnotation, where);
  if (a[hookAllowFailureAnnotation] !== undefined) control.allowFailure = flag(a[hookAllowFailureAnnotation], hookAllowFailureAnnotation, where);
  if (a[hookParallelAnnotation] !== undefined) control.parallel = flag(a[hookParallelAnnotation], hookParallelAnnotation, where);
  return control;
}

/** The wait before retry number `retry` (1 for the first): the backoff doubled each time, capped. */
export function retryDelayMs(control: HookControl, retry: number): number {
  return Math.min(control.retryBackoffMs * 2 ** (retry - 1), maxRetryBackoffMs);
}

/** The Kind/name references of a hookline.dev/depends-on value ("Kind/name, Kind/name"). */
export function parseDependsOn(value: string | undefined, where: string): string[] {
  if (value === undefined) return [];
  const refs = value.split(',').map((r) => r.trim()).filter((r) => r !== '');
  for (const ref of refs) {
    if (!/^[A-Za-z][A-Za-z0-9]*\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(ref)) {
      throw new HookControlError(where, `annotation ${dependsOnAnnotation}: "${ref}" is not Kind/name`, 'list the resources it waits for as "Kind/name", comma-separated, like "ConfigMap/settings, Deployment/db"');
    }
  }
  return refs;
}

/** The wave of a resource (hookline.dev/wave, an integer; 0 when absent). */
export function parseWave(value: string | undefined, where: string): number {
  if (value === undefined) return 0;
  const v = value.trim();
  if (!/^[+-]?[0-9]{1,9}$/.test(v)) throw new HookControlError(where, `annotation ${waveAnnotation}: "${value}" is not an integer`, 'write a wave like "-1", "0" or "2"');
  return Number(v);
}
