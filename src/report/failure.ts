// A failed hook explained in plain words: reason, exit code, the last lines of its log and
// the related events — what a person would otherwise dig out with kubectl.
import type { HookFailure, HookRef } from '../release/events.ts';

export function explainHookFailure(hook: HookRef, failure: HookFailure, indent = '  '): string[] {
  const lines: string[] = [];
  const exit = failure.exitCode !== undefined ? `, exit code ${failure.exitCode}` : '';
  lines.push(`${indent}hook ${hook.kind}/${hook.name} (${hook.event}, weight ${hook.weight}, from ${hook.path}) failed: ${failure.reason}${exit}`);
  if (failure.message) lines.push(`${indent}  ${failure.message}`);
  if (failure.logTail.length > 0) {
    lines.push(`${indent}  last log lines of pod ${failure.pod}, container ${failure.container}:`);
    for (const l of failure.logTail) lines.push(`${indent}    | ${l}`);
  } else if (failure.pod) {
    lines.push(`${indent}  pod ${failure.pod} wrote no log output`);
  }
  if (failure.events.length > 0) {
    lines.push(`${indent}  events:`);
    for (const e of failure.events) lines.push(`${indent}    ${e}`);
  }
  return lines;
}
