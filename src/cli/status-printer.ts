// Prints a release the way `helm status` / `helm install` do: NAME, LAST DEPLOYED, NAMESPACE,
// STATUS, REVISION, DESCRIPTION, the TEST SUITE section and NOTES.
import { coalesceValues } from '../chart/coalesce.ts';
import { toYaml } from '../codec/goyaml-emit.ts';
import type { GoMap } from '../govalue/types.ts';
import type { Hook } from '../manifest/hook-record.ts';
import type { Release } from '../storage/record.ts';
import { colorNamespace, colorStatus } from './color.ts';

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's time.ANSIC ("Mon Jan _2 15:04:05 2006") in the local zone. */
export function formatAnsic(rfc3339: string | undefined): string {
  const d = new Date(rfc3339 ?? '');
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getDay()]} ${months[d.getMonth()]} ${String(d.getDate()).padStart(2, ' ')} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())} ${d.getFullYear()}`;
}

export function testHooks(release: Release): Hook[] {
  return (release.hooks ?? []).filter((h) => h.events?.includes('test'));
}

export interface StatusOptions {
  /** false: no NOTES (get all; --hide-notes). */
  showNotes?: boolean;
  /** The RESOURCES section (status prints it; install and upgrade do not). */
  resources?: string;
  /** --debug (install, upgrade, test; get all): also the values (user-supplied and computed), hooks and manifest. */
  debug?: boolean;
  /** CHART, VERSION and APP_VERSION after REVISION (get all). */
  showMetadata?: boolean;
}

/** The hooks as `get hooks` prints them. */
export function formatHooks(release: Release): string {
  return (release.hooks ?? []).map((h) => `---\n# Source: ${h.path}\n${h.manifest}\n`).join('');
}

export function formatStatus(release: Release, options: StatusOptions = {}): string {
  const out: string[] = [`NAME: ${release.name}`];
  if (release.info.last_deployed) out.push(`LAST DEPLOYED: ${formatAnsic(release.info.last_deployed)}`);
  out.push(`NAMESPACE: ${colorNamespace(release.namespace)}`, `STATUS: ${colorStatus(release.info.status ?? 'unknown')}`, `REVISION: ${release.version}`);
  if (options.showMetadata) {
    const meta = (release.chart?.metadata ?? {}) as { name?: string; version?: string; appVersion?: string };
    out.push(`CHART: ${meta.name ?? ''}`, `VERSION: ${meta.version ?? ''}`, `APP_VERSION: ${meta.appVersion ?? ''}`);
  }
  out.push(`DESCRIPTION: ${release.info.description ?? ''}`);
  if (options.resources) out.push(options.resources.replace(/\n$/, ''));
  const tests = testHooks(release);
  if (tests.length === 0) {
    out.push('TEST SUITE: None');
  } else {
    for (const h of tests) {
      if (!h.last_run?.started_at) continue; // never run
      out.push(`TEST SUITE:     ${h.name}`, `Last Started:   ${formatAnsic(h.last_run.started_at)}`,
        `Last Completed: ${formatAnsic(h.last_run.completed_at)}`, `Phase:          ${h.last_run.phase}`);
    }
  }
  const debug = options.debug === true;
  if (debug) {
    // A record read back without values has none (helm: a nil map, printed "null").
    out.push('USER-SUPPLIED VALUES:', toYaml((release.config ?? null) as GoMap | null), '');
    out.push('COMPUTED VALUES:', toYaml(computedValues(release) as GoMap), '');
  }
  // A dry run shows what it would have created, as helm does.
  if (debug || release.info.description?.toLowerCase() === 'dry run complete') {
    out.push(`HOOKS:\n${formatHooks(release)}MANIFEST:\n${release.manifest ?? ''}`);
  }
  let text = out.join('\n') + '\n';
  if ((options.showNotes ?? true) && release.info.notes) text += `NOTES:\n${release.info.notes.trim()}\n`;
  return text;
}

/** The values a revision was rendered with: its chart's defaults coalesced with the user's. */
export function computedValues(r: Release): Record<string, unknown> {
  const values = (r.chart?.values ?? {}) as Record<string, never>;
  const chart = { values, dependencies: [], metadata: r.chart?.metadata } as unknown as Parameters<typeof coalesceValues>[0];
  return coalesceValues(chart, (r.config ?? {}) as Record<string, never>, () => {});
}
