// $ref, $recursiveRef (2019-09) and $dynamicRef (2020-12): the target is resolved the first time
// the values reach the reference, then kept on the node.
import type { Frame } from './frame.ts';
import type { SchemaNode } from './schema-node.ts';

interface Resolved { node: SchemaNode; anchor: string }

function resolved(node: SchemaNode, keyword: string): Resolved {
  const cache = (node.prepared ??= new Map());
  let target = cache.get(keyword) as Resolved | undefined;
  if (target === undefined) {
    target = node.doc.resolve(node, node.obj![keyword] as string);
    cache.set(keyword, target);
  }
  return target;
}

export function refTarget(node: SchemaNode, keyword: string): SchemaNode {
  return resolved(node, keyword).node;
}

export function validateDynamicRefs(frame: Frame): void {
  const s = frame.node.obj!;
  if (typeof s.$recursiveRef === 'string') {
    let target = refTarget(frame.node, '$recursiveRef');
    // The outermost schema in the dynamic scope whose resource says $recursiveAnchor wins.
    if (target.obj?.$recursiveAnchor === true) {
      for (let scope: Frame['scope'] | undefined = frame.scope; scope; scope = scope.parent) {
        if (scope.node.resource.obj?.$recursiveAnchor === true) target = scope.node;
      }
    }
    frame.addErr(frame.validateRef(target, '$recursiveRef'));
  }
  if (frame.node.draft >= 2020 && typeof s.$dynamicRef === 'string') {
    const { node, anchor } = resolved(frame.node, '$dynamicRef');
    let target = node;
    // The outermost resource in the dynamic scope with that dynamic anchor wins.
    if (anchor !== '' && node.obj?.$dynamicAnchor === anchor) {
      for (let scope: Frame['scope'] | undefined = frame.scope; scope; scope = scope.parent) {
        const resource = scope.node.resource;
        const found = resource.doc.dynamicAnchor(resource, anchor);
        if (found) target = found;
      }
    }
    frame.addErr(frame.validateRef(target, '$dynamicRef'));
  }
}
