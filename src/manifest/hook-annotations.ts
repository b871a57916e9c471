// Reads Helm's hook annotations from a resource's metadata, as Helm's manifest sorter does:
// comma-separated, trimmed and lower-cased event and policy lists, an integer weight.
import { hookEvents, type HookDeletePolicy, type HookEvent, type HookOutputLogPolicy } from './hook-record.ts';

export const hookAnnotation = 'helm.sh/hook';
export const hookWeightAnnotation = 'helm.sh/hook-weight';
export const hookDeletePolicyAnnotation = 'helm.sh/hook-delete-policy';
export const hookOutputLogPolicyAnnotation = 'helm.sh/hook-output-log-policy';
export const resourcePolicyAnnotation = 'helm.sh/resource-policy';

const eventByName = new Map<string, HookEvent>(hookEvents.map((e) => [e, e]));
// Helm 2 called the test hook "test-success"; Helm still accepts it.
eventByName.set('test-success', 'test');

function commaList(value: string): string[] {
  return value.split(',').map((part) => part.trim().toLowerCase());
}

/** The events named by a helm.sh/hook value, or null when any name is unknown (Helm then skips the resource). */
export function parseHookEvents(value: string): HookEvent[] | null {
  const events: HookEvent[] = [];
  for (const name of commaList(value)) {
    const event = eventByName.get(name);
    if (!event) return null;
    events.push(event);
  }
  return events;
}

/** The names in a helm.sh/hook value that are not hook events (for error and lint messages). */
export function unknownHookEvents(value: string): string[] {
  return commaList(value).filter((name) => !eventByName.has(name));
}

const goInt = /^[+-]?[0-9]+$/;

/** Go's strconv.Atoi over the weight annotation; anything it rejects (or absence) is weight 0. */
export function parseHookWeight(value: string | undefined): number {
  if (value === undefined || !goInt.test(value)) return 0;
  const n = BigInt(value);
  if (n > 9223372036854775807n || n < -9223372036854775808n) return 0;
  return Number(n);
}

/** Whether Helm would accept the weight annotation as written (for lint: it silently uses 0 otherwise). */
export function isValidHookWeight(value: string): boolean {
  return goInt.test(value) && parseHookWeight(value).toString() === BigInt(value).toString();
}

export function parseDeletePolicies(value: string | undefined): HookDeletePolicy[] {
  return value === undefined ? [] : commaList(value);
}

export function parseOutputLogPolicies(value: string | undefined): HookOutputLogPolicy[] {
  return value === undefined ? [] : commaList(value);
}
