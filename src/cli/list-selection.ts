// Which releases `list` shows and in what order, by helm 4's rules: the latest revision of
// each release (all revisions when only --superseded is asked), the state flags (every state
// when none is given), --filter, --selector, the sort (-d, -r), then --offset and --max.
import type { Release } from '../release/record.ts';
import { pendingStatuses } from '../release/pending.ts';
import { parseLabelSelector } from './label-selector.ts';
import type { ListedRecord } from './release-listing.ts';

export interface ListSelection {
  deployed?: boolean; failed?: boolean; pending?: boolean; superseded?: boolean; uninstalled?: boolean; uninstalling?: boolean;
  filter?: string;
  selector?: string;
  byDate?: boolean;
  reverse?: boolean;
  max: number;
  offset: number;
}

const everyState = ['deployed', 'uninstalled', 'uninstalling', ...pendingStatuses, 'superseded', 'failed'];

function wantedStates(o: ListSelection): string[] {
  const states: string[] = [];
  for (const s of ['deployed', 'uninstalled', 'uninstalling', 'failed', 'superseded'] as const) if (o[s]) states.push(s);
  if (o.pending) states.push(...pendingStatuses);
  return states.length > 0 ? states : everyState;
}

function latestRevisions(records: ListedRecord[]): ListedRecord[] {
  const latest = new Map<string, ListedRecord>();
  for (const r of records) {
    const key = `${r.release.namespace}/${r.release.name}`;
    const seen = latest.get(key);
    if (!seen || seen.release.version <= r.release.version) latest.set(key, r);
  }
  return [...latest.values()];
}

const byName = (a: Release, b: Release) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const deployedSecond = (r: Release) => Math.floor(Date.parse(r.info.last_deployed ?? '') / 1000) || 0;
const byDate = (a: Release, b: Release) => deployedSecond(a) - deployedSecond(b) || byName(a, b);

export function selectReleases(records: ListedRecord[], o: ListSelection): Release[] {
  const filter = o.filter ? new RegExp(o.filter) : undefined;
  const matching = records.filter((r) => !filter || filter.test(r.release.name));
  const states = wantedStates(o);
  // Superseded revisions are never the latest, so asking for them alone looks at every revision.
  const considered = states.length === 1 && states[0] === 'superseded' ? matching : latestRevisions(matching);
  const selector = parseLabelSelector(o.selector ?? '');
  const rows = considered.filter((r) => states.includes(r.release.info.status ?? '') && selector(r.labels)).map((r) => r.release);
  rows.sort(o.byDate ? byDate : byName);
  if (o.reverse) rows.reverse();
  if (o.offset >= rows.length) return [];
  // helm caps the page at the number of matching records before the latest-revision filter.
  const limit = o.max > 0 && o.max < matching.length ? o.max : matching.length;
  return rows.slice(o.offset, o.offset + limit);
}
