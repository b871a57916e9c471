// Ordering of a release's ordinary resources by hookline.dev/wave and hookline.dev/depends-on:
// waves in ascending order, and within a wave each resource after the ones it depends on. The
// result is a list of steps; between steps Hookline waits for readiness. Pure: used by the
// actions, by `plan` and by lint alike.
import { dependsOnAnnotation, parseDependsOn, parseWave, waveAnnotation, HookControlError } from './hookline-annotations.ts';
import { installOrder, sortByKind } from './kind-order.ts';

export interface OrderedItem<T> {
  item: T;
  kind: string;
  name: string;
  annotations?: Record<string, string>;
  /** Where the item comes from (template path), for errors. */
  source: string;
}

export interface OrderStep<T> {
  wave: number;
  items: T[];
}

/** A depends-on or wave that cannot be honoured; `ref` is the resource it is about. */
export class ResourceOrderError extends HookControlError {
  readonly ref: string;
  readonly rule: 'unknown-target' | 'cycle' | 'later-wave' | 'invalid';
  constructor(where: string, problem: string, fix: string, ref: string, rule: ResourceOrderError['rule']) {
    super(where, problem, fix);
    this.ref = ref;
    this.rule = rule;
  }
}

export const unknownTargetProblem = (ref: string) => `${dependsOnAnnotation} names ${ref}, which is not a resource of this release (hooks run in their phases and cannot be waited for)`;
export const unknownTargetFix = 'fix the Kind/name or remove it';

/** Whether any item asks for ordering; without, Hookline applies all at once as Helm does. */
export function hasResourceOrder(items: ReadonlyArray<OrderedItem<unknown>>): boolean {
  return items.some((i) => i.annotations?.[dependsOnAnnotation] !== undefined || i.annotations?.[waveAnnotation] !== undefined);
}

/**
 * The steps the items are applied in. Throws ResourceOrderError for a dependency on a resource
 * the release does not have, on one in a later wave, or for a cycle (the message shows it).
 */
export function resourceSteps<T>(items: ReadonlyArray<OrderedItem<T>>): Array<OrderStep<T>> {
  type Node = { ref: string; entry: OrderedItem<T>; wave: number; deps: string[] };
  const where = (i: OrderedItem<T>) => `${i.source} (${i.kind}/${i.name})`;
  const nodes: Node[] = items.map((entry) => {
    const ref = `${entry.kind}/${entry.name}`;
    try {
      return { ref, entry, wave: parseWave(entry.annotations?.[waveAnnotation], where(entry)), deps: parseDependsOn(entry.annotations?.[dependsOnAnnotation], where(entry)) };
    } catch (err) {
      const e = err as HookControlError;
      throw new ResourceOrderError(where(entry), e.problem, e.fix, ref, 'invalid');
    }
  });
  // Objects of one Kind/name in two namespaces are named alike; a dependency means the first.
  const byRef = new Map<string, Node>();
  for (const node of nodes) if (!byRef.has(node.ref)) byRef.set(node.ref, node);
  for (const node of nodes) {
    for (const dep of node.deps) {
      const target = byRef.get(dep);
      if (!target) {
        throw new ResourceOrderError(where(node.entry), unknownTargetProblem(dep), unknownTargetFix, node.ref, 'unknown-target');
      }
      if (target.wave > node.wave) {
        throw new ResourceOrderError(where(node.entry), `in ${waveAnnotation} ${node.wave}, it depends on ${dep} in the later wave ${target.wave}`, 'move one of them so that the dependency comes first', node.ref, 'later-wave');
      }
    }
  }
  // Level within the wave: 0 without dependencies in the same wave, else one more than the deepest.
  const level = new Map<Node, number>();
  const visiting: string[] = [];
  const levelOf = (node: Node): number => {
    const known = level.get(node);
    if (known !== undefined) return known;
    const at = visiting.indexOf(node.ref);
    if (at >= 0) {
      const cycle = [...visiting.slice(at), node.ref];
      throw new ResourceOrderError(where(byRef.get(cycle[0])!.entry), `${dependsOnAnnotation} forms a cycle: ${cycle.join(' -> ')}`, 'remove one of these dependencies', cycle[0], 'cycle');
    }
    visiting.push(node.ref);
    const sameWave = node.deps.map((d) => byRef.get(d)!).filter((d) => d.wave === node.wave);
    const result = sameWave.length === 0 ? 0 : 1 + Math.max(...sameWave.map(levelOf));
    visiting.pop();
    level.set(node, result);
    return result;
  };
  const steps = new Map<string, OrderStep<T> & { level: number; kinds: string[] }>();
  for (const node of nodes) {
    const key = `${node.wave}/${levelOf(node)}`;
    const step = steps.get(key) ?? { wave: node.wave, level: levelOf(node), items: [], kinds: [] };
    step.items.push(node.entry.item);
    step.kinds.push(node.entry.kind);
    steps.set(key, step);
  }
  return [...steps.values()]
    .sort((a, b) => a.wave - b.wave || a.level - b.level)
    .map((s) => ({ wave: s.wave, items: sortByKind(s.items.map((item, i) => ({ item, kind: s.kinds[i] })), (x) => x.kind, installOrder).map((x) => x.item) }));
}
