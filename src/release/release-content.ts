// Turns a rendered chart (template path -> text) into a revision's content: NOTES.txt set
// aside, the rest split into hooks and resources in install order, the manifest formatted as
// Helm stores it.
import { sortManifests } from '../manifest/sort-manifests.ts';
import { formatManifest, type ReleaseContent } from './content.ts';
import type { StoredChart } from './record.ts';

const notesSuffix = 'NOTES.txt';

/** `subchartNotes` (--render-subchart-notes): every chart's NOTES.txt, the top chart's first. */
export function releaseContentFromRendered(
  rendered: ReadonlyMap<string, string>, chart: StoredChart, config: Record<string, unknown>, chartName: string, subchartNotes = false,
): ReleaseContent {
  const files = new Map<string, string>();
  const topNotes = `${chartName}/templates/${notesSuffix}`;
  const notes: string[] = [];
  for (const [path, text] of rendered) {
    if (path.endsWith(notesSuffix)) {
      // Only the top chart's notes, as Helm does without --render-subchart-notes.
      if (path === topNotes) notes.unshift(text);
      else if (subchartNotes && path.endsWith(`/templates/${notesSuffix}`)) notes.push(text);
      continue;
    }
    files.set(path, text);
  }
  const { hooks, manifests } = sortManifests(files);
  return { chart, config, manifest: formatManifest(manifests), hooks, notes: notes.join('\n') };
}
