// Hook-safety rules: what makes a hook dangerous in production, found in the rendered chart.
// Each finding has a rule id, a severity, the template file and line, a message and a fix.
import { parse as parseYaml } from 'yaml';
import {
  hookAnnotation, hookDeletePolicyAnnotation, hookWeightAnnotation, isValidHookWeight, parseHookEvents, unknownHookEvents,
} from '../manifest/hook-annotations.ts';
import { splitManifests } from '../manifest/split.ts';
import type { HookEvent } from '../manifest/hook-record.ts';

export type Severity = 'error' | 'warning';

export interface Finding {
  rule: string;
  severity: Severity;
  file: string;
  line: number;
  object: string;
  message: string;
  fix: string;
}

/** One rendered document with where it came from. */
export interface RenderedDoc {
  path: string;
  doc: string;
  obj: Record<string, any>;
}

/** Rendered templates (path -> text) and the template sources (path -> text) for line numbers. */
export interface LintInput {
  rendered: ReadonlyMap<string, string>;
  sources: ReadonlyMap<string, string>;
}

export function renderedDocs(rendered: ReadonlyMap<string, string>): RenderedDoc[] {
  const docs: RenderedDoc[] = [];
  for (const [path, text] of [...rendered].sort(([a], [b]) => a.localeCompare(b))) {
    if (path.split('/').pop()!.startsWith('_') || text.trim() === '') continue;
    for (const doc of splitManifests(text)) {
      let obj: unknown;
      try {
        obj = parseYaml(doc, { version: '1.1' });
      } catch {
        continue; // YAML errors are the chart linter's to report
      }
      if (obj && typeof obj === 'object' && !Array.isArray(obj)) docs.push({ path, doc, obj: obj as Record<string, any> });
    }
  }
  return docs;
}

/** The 1-based line of the first occurrence of needle in the template source (1 when not found). */
export function lineOf(source: string | undefined, needle: string): number {
  if (!source || !needle) return 1;
  const at = source.indexOf(needle);
  return at < 0 ? 1 : source.slice(0, at).split('\n').length;
}

export function annotations(obj: Record<string, any>): Record<string, string> {
  const a = obj.metadata?.annotations;
  return a && typeof a === 'object' ? Object.fromEntries(Object.entries(a).map(([k, v]) => [k, String(v)])) : {};
}

function podSpec(obj: Record<string, any>): Record<string, any> | undefined {
  if (obj.kind === 'Pod') return obj.spec;
  if (obj.kind === 'Job') return obj.spec?.template?.spec;
  return undefined;
}

interface ScriptSite { container: string; text: string }

/** Shell scripts and SQL carried by a pod's containers: `sh -c <script>` args and commands. */
function scripts(spec: Record<string, any> | undefined): ScriptSite[] {
  const shell = /(^|\/)(ba|da|z)?sh$/;
  const containers = [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])];
  return containers.map((c) => {
    const argv = [...(c.command ?? []), ...(c.args ?? [])].map(String);
    const dashC = argv.indexOf('-c');
    const isScript = dashC > 0 && shell.test(argv[0]) && argv[dashC + 1] !== undefined;
    return { container: c.name ?? '', text: isScript ? argv.slice(dashC + 1).join('\n') : argv.join(' ') };
  });
}

const nonIdempotentSql: Array<{ pattern: RegExp; what: string; fix: string }> = [
  { pattern: /\bCREATE\s+TABLE\s+(?!IF\s+NOT\s+EXISTS\b)/i, what: 'CREATE TABLE', fix: 'CREATE TABLE IF NOT EXISTS' },
  { pattern: /\bADD\s+COLUMN\s+(?!IF\s+NOT\s+EXISTS\b)/i, what: 'ADD COLUMN', fix: 'ADD COLUMN IF NOT EXISTS' },
  { pattern: /\bCREATE\s+(UNIQUE\s+)?INDEX\s+(CONCURRENTLY\s+)?(?!IF\s+NOT\s+EXISTS\b)/i, what: 'CREATE INDEX', fix: 'CREATE INDEX IF NOT EXISTS' },
];

export function lintHooks(input: LintInput): Finding[] {
  const docs = renderedDocs(input.rendered);
  const findings: Finding[] = [];
  const plain = docs.filter((d) => annotations(d.obj)[hookAnnotation] === undefined);
  const hooks = docs.filter((d) => annotations(d.obj)[hookAnnotation] !== undefined);
  const add = (d: RenderedDoc, rule: string, severity: Severity, needle: string, message: string, fix: string) =>
    findings.push({
      rule, severity, file: d.path, line: lineOf(input.sources.get(d.path), needle),
      object: `${d.obj.kind}/${d.obj.metadata?.name ?? ''}`, message, fix,
    });
  const seenNames = new Map<string, { doc: RenderedDoc; events: HookEvent[] }>();
  const releaseCreated = new Set(plain.map((d) => `${d.obj.kind}/${d.obj.metadata?.name}`));

  for (const d of hooks) {
    const a = annotations(d.obj);
    const hookValue = a[hookAnnotation];
    const unknown = unknownHookEvents(hookValue);
    if (unknown.length > 0) {
      add(d, 'HL010', 'error', hookAnnotation, `unknown hook event(s) ${unknown.map((u) => `"${u}"`).join(', ')}: Helm silently skips this whole resource`,
        'use only pre-install, post-install, pre-upgrade, post-upgrade, pre-rollback, post-rollback, pre-delete, post-delete or test');
      continue;
    }
    const events = parseHookEvents(hookValue) ?? [];
    const weight = a[hookWeightAnnotation];
    if (weight !== undefined && !isValidHookWeight(weight)) {
      add(d, 'HL009', 'error', hookWeightAnnotation, `hook weight "${weight}" is not an integer: Helm silently uses 0`, 'write the weight as a quoted integer, e.g. "-5"');
    }
    const policies = (a[hookDeletePolicyAnnotation] ?? '').split(',').map((p) => p.trim().toLowerCase()).filter(Boolean);
    if (policies.length > 0 && !policies.includes('before-hook-creation') && events.some((e) => e === 'pre-upgrade' || e === 'post-upgrade' || e === 'pre-rollback' || e === 'post-rollback')) {
      const survives = !policies.includes('hook-succeeded') || !policies.includes('hook-failed');
      if (survives) {
        add(d, 'HL006', 'warning', hookDeletePolicyAnnotation, `runs on every ${events.join('/')} but its delete policy "${policies.join(',')}" can leave the object behind, so the next run fails with "already exists"`,
          'add before-hook-creation to helm.sh/hook-delete-policy');
      }
    }
    const key = `${d.obj.kind}/${d.obj.metadata?.name}`;
    const earlier = seenNames.get(key);
    if (earlier) {
      add(d, 'HL007', 'error', `name: ${d.obj.metadata?.name}`, `hook name ${key} is also used by a hook in ${earlier.doc.path} (${earlier.events.join(',')}); the two delete and overwrite each other`,
        'give each hook a unique metadata.name');
    } else {
      seenNames.set(key, { doc: d, events });
    }
    if (events.includes('test') && d.obj.kind !== 'Job' && d.obj.kind !== 'Pod') {
      add(d, 'HL011', 'warning', hookAnnotation, `test hook of kind ${d.obj.kind}: only Jobs and Pods report a pass or fail`, 'make the test a Job or a Pod');
    }
    const spec = podSpec(d.obj);
    if (d.obj.kind === 'Job') {
      if (d.obj.spec?.backoffLimit === undefined) add(d, 'HL003', 'warning', 'kind: Job', 'Job has no backoffLimit: a failing hook is retried 6 times (the default) before the release fails', 'set spec.backoffLimit (e.g. 1)');
      if (d.obj.spec?.activeDeadlineSeconds === undefined) add(d, 'HL004', 'warning', 'kind: Job', 'Job has no activeDeadlineSeconds: a hung hook holds the release until --timeout', 'set spec.activeDeadlineSeconds below the release timeout');
    }
    if (spec && spec.restartPolicy === 'Always') {
      add(d, 'HL005', 'error', 'restartPolicy', `restartPolicy Always in a hook ${d.obj.kind}: it never completes, so the hook can only time out`, 'use restartPolicy: Never (or OnFailure)');
    }
    for (const site of scripts(spec)) {
      for (const rule of nonIdempotentSql) {
        const m = rule.pattern.exec(site.text);
        if (m) add(d, 'HL001', 'error', m[0].trim(), `non-idempotent SQL in container "${site.container}": ${rule.what} without IF NOT EXISTS fails when the hook runs again`, `use ${rule.fix}`);
      }
      const multiline = site.text.trim().includes('\n');
      if (multiline && !/\bset\s+-[a-z]*e/.test(site.text)) {
        add(d, 'HL002', 'warning', site.text.trim().split('\n')[0], `shell script in container "${site.container}" has no "set -e": a failing command does not fail the hook`, 'start the script with set -e (or set -eu)');
      }
    }
    if (events.includes('pre-install') && spec) {
      for (const ref of podReferences(spec)) {
        if (releaseCreated.has(ref)) {
          add(d, 'HL008', 'error', ref.split('/')[1], `pre-install hook uses ${ref}, which this release creates as a regular resource: it does not exist yet when pre-install hooks run`,
            `create ${ref} as a pre-install hook with a lower weight, or outside the release`);
        }
      }
    }
  }
  return findings;
}

/** Secrets, ConfigMaps, PVCs and the ServiceAccount a pod spec needs, as Kind/name. */
function podReferences(spec: Record<string, any>): string[] {
  const refs = new Set<string>();
  if (spec.serviceAccountName) refs.add(`ServiceAccount/${spec.serviceAccountName}`);
  for (const v of spec.volumes ?? []) {
    if (v.secret?.secretName) refs.add(`Secret/${v.secret.secretName}`);
    if (v.configMap?.name) refs.add(`ConfigMap/${v.configMap.name}`);
    if (v.persistentVolumeClaim?.claimName) refs.add(`PersistentVolumeClaim/${v.persistentVolumeClaim.claimName}`);
  }
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    for (const e of c.env ?? []) {
      if (e.valueFrom?.secretKeyRef?.name) refs.add(`Secret/${e.valueFrom.secretKeyRef.name}`);
      if (e.valueFrom?.configMapKeyRef?.name) refs.add(`ConfigMap/${e.valueFrom.configMapKeyRef.name}`);
    }
    for (const f of c.envFrom ?? []) {
      if (f.secretRef?.name) refs.add(`Secret/${f.secretRef.name}`);
      if (f.configMapRef?.name) refs.add(`ConfigMap/${f.configMapRef.name}`);
    }
  }
  return [...refs];
}
