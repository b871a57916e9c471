// Chart.yaml's metadata and dependencies as Go's encoding/json writes chart.Metadata (struct
// field order, omitempty fields left out): the shape behind index.yaml entries, `show chart`
// and the Chart.yaml / Chart.lock that `package` writes.
import { isEmptyValue } from '../codec/go-json.ts';
import type { GoValue } from '../govalue/types.ts';
import type { ChartDependency, ChartLock, ChartMetadata } from './types.ts';

/** encoding/json's omitempty: "", false, empty slices and maps are left out. */
export function omitEmpty(fields: Record<string, unknown>): Record<string, GoValue> {
  const out: Record<string, GoValue> = {};
  for (const [k, v] of Object.entries(fields)) if (!isEmptyValue(v)) out[k] = v as GoValue;
  return out;
}

export function encodeDependency(d: ChartDependency): Record<string, GoValue> {
  return {
    name: d.name, ...omitEmpty({ version: d.version }), repository: d.repository,
    ...omitEmpty({ condition: d.condition, tags: d.tags, enabled: d.enabled, 'import-values': d.importValues, alias: d.alias }),
  };
}

/** chart.Metadata as encoding/json writes it: struct field order, empty fields left out. */
export function encodeMetadata(md: ChartMetadata): Record<string, GoValue> {
  return omitEmpty({
    name: md.name, home: md.home, sources: md.sources, version: md.version, description: md.description, keywords: md.keywords,
    maintainers: md.maintainers.map((m) => omitEmpty({ name: m.name, email: m.email, url: m.url })),
    icon: md.icon, apiVersion: md.apiVersion, condition: md.condition, tags: md.tags, appVersion: md.appVersion, deprecated: md.deprecated,
    annotations: md.annotations, kubeVersion: md.kubeVersion, dependencies: md.dependencies.map(encodeDependency), type: md.type,
  });
}

/** chart.Lock as encoding/json writes it. */
export function encodeLock(lock: ChartLock): Record<string, GoValue> {
  return { generated: lock.generated, digest: lock.digest, dependencies: lock.dependencies.map(encodeDependency) };
}
