// The properties and items of one value that no keyword has evaluated yet, tracked only when an
// unevaluatedProperties/unevaluatedItems keyword (here or in a caller) will ask.
import { isJsonObject } from './json-value.ts';
import type { SchemaNode } from './schema-node.ts';

export class Uneval {
  props: Set<string> | undefined;
  items: Set<number> | undefined;

  isEmpty(): boolean {
    return (this.props === undefined || this.props.size === 0) && (this.items === undefined || this.items.size === 0);
  }

  /** Keeps only what `other` (a passing subschema's view of the same value) left unevaluated too. */
  merge(other: Uneval): void {
    if (this.props) for (const k of this.props) if (!other.props?.has(k)) this.props.delete(k);
    if (this.items) for (const i of this.items) if (!other.items?.has(i)) this.items.delete(i);
  }
}

/** What `node` starts with for `value`; `callerNeeds` when an enclosing schema tracks the same value. */
export function unevalFrom(value: unknown, node: SchemaNode, callerNeeds: boolean): Uneval {
  if (!callerNeeds && !node.tracksUnevalItems && !node.tracksUnevalProps) return nothing;
  if (Array.isArray(value)) {
    if ((callerNeeds || node.tracksUnevalItems) && !node.allItemsEvaluated && node.numItemsEvaluated < value.length) {
      const u = new Uneval();
      u.items = new Set();
      for (let i = node.numItemsEvaluated; i < value.length; i++) u.items.add(i);
      return u;
    }
  } else if ((callerNeeds || node.tracksUnevalProps) && isJsonObject(value) && !node.allPropsEvaluated) {
    const u = new Uneval();
    u.props = new Set(Object.keys(value));
    return u;
  }
  return nothing;
}

/** Shared by every frame that tracks nothing (it never gets a set of its own). */
const nothing = new Uneval();
