// Helm's render engine (pkg/engine of helm 4.1.4): every template of a chart and its
// subcharts parsed into one template set (deepest paths first, so a parent's define wins),
// each non-partial file executed with its own chart's scope, `<no value>` stripped.
import { posix } from 'node:path';
import { chartMetadataValue } from '../chart/chart-object.ts';
import { chartFullPath, type Chart } from '../chart/types.ts';
import { templateFunctions } from '../funcs/index.ts';
import { dnsNetworkFunctions } from '../funcs/network.ts';
import { helmFunctions, includeFunction, tplFunction, type IncludeDepths } from '../funcs/helm.ts';
import { TemplateSet } from '../gotemplate/index.ts';
import { isGoMap, type GoMap, type GoObject } from '../govalue/types.ts';
import { capabilitiesObject } from './capabilities.ts';
import { execErrorOf, parseErrorOf } from './errors.ts';
import { chartFilesOf } from './files.ts';

/** `.Release` of a render. */
export interface ReleaseInfo {
  name: string;
  namespace: string;
  revision: number;
  isInstall: boolean;
  isUpgrade: boolean;
}

export interface RenderOptions {
  release: ReleaseInfo;
  /** `.Capabilities`; Helm's defaults when absent (see capabilities.ts). */
  capabilities?: GoObject;
  /** missingkey=error instead of zero (lint --strict). */
  strict?: boolean;
  /** Lint mode: required and fail log instead of failing. */
  lintMode?: boolean;
  /** Where lint mode's log lines go. */
  log?: (line: string) => void;
  /** --enable-dns: getHostByName does real lookups (otherwise it returns ""). */
  enableDns?: boolean;
}

interface Renderable {
  text: string;
  /** The top-level object of the template's chart, shared by that chart's templates. */
  scope: GoMap;
  basePath: string;
}

function releaseValue(release: ReleaseInfo): GoMap {
  return {
    IsInstall: release.isInstall,
    IsUpgrade: release.isUpgrade,
    Name: release.name,
    Namespace: release.namespace,
    Revision: BigInt(release.revision),
    Service: 'Helm',
  };
}

const decoder = new TextDecoder();

/** Library charts only contribute their partials. */
function isRenderableTemplate(chart: Chart, name: string): boolean {
  return chart.metadata.type.toLowerCase() !== 'library' || posix.basename(name).startsWith('_');
}

/** Collects the chart's templates with their scopes; returns the chart's top-level object. */
function collectTemplates(chart: Chart, parentScope: GoMap, templates: Map<string, Renderable>): GoMap {
  const subcharts: GoMap = {};
  let values: GoMap = {};
  if (chart.parent === undefined) values = parentScope.Values as GoMap;
  else {
    const own = (parentScope.Values as GoMap)[chart.metadata.name];
    if (isGoMap(own)) values = own;
  }
  const scope: GoMap = {
    Chart: chartMetadataValue(chart),
    Files: chartFilesOf(chart.files),
    Release: parentScope.Release,
    Capabilities: parentScope.Capabilities,
    Values: values,
    Subcharts: subcharts,
  };
  for (const child of chart.dependencies) subcharts[child.metadata.name] = collectTemplates(child, scope, templates);
  const prefix = chartFullPath(chart);
  for (const file of chart.templates) {
    if (!isRenderableTemplate(chart, file.name)) continue;
    templates.set(posix.join(prefix, file.name), { text: decoder.decode(file.data), scope, basePath: posix.join(prefix, 'templates') });
  }
  return scope;
}

const slashes = (name: string) => name.split('/').length - 1;

/** Helm's parse order: most slashes first, then reverse byte order among equals. */
export function templateParseOrder(names: Iterable<string>): string[] {
  const depth = new Map<string, number>();
  for (const name of names) depth.set(name, slashes(name));
  return [...depth.keys()].sort((a, b) => depth.get(b)! - depth.get(a)! || (a < b ? 1 : a > b ? -1 : 0));
}

/**
 * Renders a chart whose values are already coalesced (chartValuesForRender): template path
 * (e.g. "mychart/charts/db/templates/svc.yaml") -> rendered text, partials left out.
 * Throws RenderError with helm's message.
 */
export function renderChart(chart: Chart, values: GoMap, options: RenderOptions): Map<string, string> {
  const root: GoMap = {
    Values: values,
    Release: releaseValue(options.release),
    Capabilities: options.capabilities ?? capabilitiesObject(),
  };
  const templates = new Map<string, Renderable>();
  collectTemplates(chart, root, templates);

  const set = new TemplateSet({ funcs: templateFunctions(), missingKey: options.strict ? 'error' : 'zero' });
  const depths: IncludeDepths = new Map();
  set.addFuncs({
    ...(options.enableDns ? dnsNetworkFunctions : {}),
    ...helmFunctions({ lintMode: options.lintMode ?? false, log: options.log }),
    include: includeFunction(set, depths),
    tpl: tplFunction(set, depths),
  });

  const order = templateParseOrder(templates.keys());
  for (const name of order) {
    try {
      set.parse(name, templates.get(name)!.text);
    } catch (err) {
      throw parseErrorOf(name, err as Error);
    }
  }

  const rendered = new Map<string, string>();
  for (const name of order) {
    if (posix.basename(name).startsWith('_')) continue;
    const { scope, basePath } = templates.get(name)!;
    scope.Template = { Name: name, BasePath: basePath };
    try {
      rendered.set(name, set.execute(name, scope).replaceAll('<no value>', ''));
    } catch (err) {
      throw execErrorOf(name, err as Error);
    }
  }
  return rendered;
}
