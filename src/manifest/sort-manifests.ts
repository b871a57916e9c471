// Splits rendered templates into plain resources and hooks, as Helm does before every
// action: files in path order, documents in file order, partials and empty files skipped,
// resources with an unknown hook event dropped, then both lists sorted by kind.
import type { Hook } from './hook-record.ts';
import { readManifestHead, type ManifestHead } from './head.ts';
import {
  hookAnnotation, hookWeightAnnotation, hookDeletePolicyAnnotation, hookOutputLogPolicyAnnotation,
  parseHookEvents, parseHookWeight, parseDeletePolicies, parseOutputLogPolicies,
} from './hook-annotations.ts';
import { installOrder, sortByKind } from './kind-order.ts';
import { splitManifests } from './split.ts';

export interface Manifest {
  /** The template path the document came from, e.g. "mychart/templates/deploy.yaml". */
  path: string;
  content: string;
  head: ManifestHead;
}

export interface SortedManifests {
  hooks: Hook[];
  manifests: Manifest[];
  /** helm.sh/hook values naming an unknown event: Helm skips those resources entirely. */
  skippedHooks: Array<{ path: string; name: string; hookValue: string }>;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function sortManifests(files: ReadonlyMap<string, string>, order: readonly string[] = installOrder): SortedManifests {
  const hooks: Hook[] = [];
  const manifests: Manifest[] = [];
  const skippedHooks: SortedManifests['skippedHooks'] = [];
  const paths = [...files.keys()].sort();
  for (const path of paths) {
    const content = files.get(path)!;
    if (baseName(path).startsWith('_') || content.trim() === '') continue;
    for (const doc of splitManifests(content)) {
      const head = readManifestHead(doc, path);
      const hookValue = head.annotations[hookAnnotation];
      if (hookValue === undefined) {
        manifests.push({ path, content: doc, head });
        continue;
      }
      const events = parseHookEvents(hookValue);
      if (!events) {
        skippedHooks.push({ path, name: head.name, hookValue });
        continue;
      }
      hooks.push({
        name: head.name,
        kind: head.kind,
        path,
        manifest: doc,
        events,
        last_run: { phase: '' },
        weight: parseHookWeight(head.annotations[hookWeightAnnotation]),
        delete_policies: parseDeletePolicies(head.annotations[hookDeletePolicyAnnotation]),
        output_log_policies: parseOutputLogPolicies(head.annotations[hookOutputLogPolicyAnnotation]),
      });
    }
  }
  return {
    hooks: sortByKind(hooks, (h) => h.kind ?? '', order),
    manifests: sortByKind(manifests, (m) => m.head.kind, order),
    skippedHooks,
  };
}
