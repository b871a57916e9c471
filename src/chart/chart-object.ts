// `.Chart` as Helm 4 gives it to templates: a map keyed by the Go field names of
// chart.Metadata (APIVersion, AppVersion, Maintainers...), plus IsRoot, with lists as
// []interface{} and dependencies and maintainers as maps. Checked against helm 4.1.4.
import type { GoMap, GoValue } from '../govalue/types.ts';
import type { Chart, ChartDependency } from './types.ts';

export function chartMetadataValue(chart: Chart): GoMap {
  const md = chart.metadata;
  return {
    APIVersion: md.apiVersion,
    // Go has map[string]string here; the GoValue model has no typed maps.
    Annotations: { ...md.annotations },
    AppVersion: md.appVersion,
    Condition: md.condition,
    Dependencies: md.dependencies.map(dependencyValue),
    Deprecated: md.deprecated,
    Description: md.description,
    Home: md.home,
    Icon: md.icon,
    IsRoot: chart.parent === undefined,
    Keywords: [...md.keywords],
    KubeVersion: md.kubeVersion,
    Maintainers: md.maintainers.map((m) => ({ Email: m.email, Name: m.name, URL: m.url })),
    Name: md.name,
    Sources: [...md.sources],
    Tags: md.tags,
    Type: md.type,
    Version: md.version,
  };
}

function dependencyValue(d: ChartDependency): GoMap {
  return {
    Alias: d.alias,
    Condition: d.condition,
    Enabled: d.enabled,
    ImportValues: d.importValues.map((iv): GoValue => iv),
    Name: d.name,
    Repository: d.repository,
    Tags: [...d.tags],
    Version: d.version,
  };
}
